// Bundles the taizhang command (cli/run.ts and what it imports) to cli/dist/ with esbuild, so the command
// runs as plain JavaScript: no TypeScript compiled at start-up, no dev tooling needed. Subcommands are
// split into chunks loaded when they run; ExcelJS stays an ordinary dependency, loaded only by `template`.
// Runs after `npm ci` / `npm install` (the `prepare` script), in the tests' global setup and in the benchmarks.
//   node cli/build.mjs
import { build } from 'esbuild';
import { NODE_ESM } from '../scripts/esbuildNode.mjs';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const CLI_DIST = join(here, 'dist');

export async function buildCli() {
  rmSync(CLI_DIST, { recursive: true, force: true });
  await build({
    ...NODE_ESM,
    entryPoints: [join(here, 'run.ts')],
    outdir: CLI_DIST,
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    external: ['exceljs'],
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildCli();
