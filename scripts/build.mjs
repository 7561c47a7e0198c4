// Builds what `npm start` and `npm run demo` run, so they run as plain JavaScript (no TypeScript compiled
// at start-up): the Functions bundle (functions/build.mjs, what `func start` and deployment run; the local
// host loads its function files from there), and scripts/start.ts (with the local host) and
// scripts/demo.ts, each to one file in scripts/dist/. Packages stay in node_modules. Runs after `npm ci`
// (the `prepare` script) and before `npm start`; before `npm run demo` only the demo is rebuilt (a running
// `npm start` keeps its bundle, whose worker threads load their files lazily).
//   node scripts/build.mjs [start|demo …]   (no names: the Functions bundle and both scripts)
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFunctions } from '../functions/build.mjs';
import { NODE_ESM } from './esbuildNode.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const SCRIPTS_DIST = join(here, 'dist');

/** One self-contained file per script (no shared chunks: rebuilding one never touches the other). */
export async function buildScripts(names = ['start', 'demo']) {
  await build({
    ...NODE_ESM,
    entryPoints: names.map((n) => join(here, `${n}.ts`)),
    outdir: SCRIPTS_DIST,
    // The host and the function bundle must share one @azure/functions (the host wraps its `app`).
    packages: 'external',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const names = process.argv.slice(2);
  if (names.length === 0) {
    rmSync(SCRIPTS_DIST, { recursive: true, force: true });
    await buildFunctions();
  }
  await buildScripts(names.length > 0 ? names : undefined);
}
