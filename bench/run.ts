// `npm run bench`: runs every benchmark script in its own process (clean heap and RSS for each),
// one after another so they do not compete for the two cores. `npm run bench -- engine` runs one.
// A script whose first line holds `@bench-bundled` runs as esbuild bundles it: the CLI, the functions and
// the browser all run esbuild bundles, not tsx's module-by-module transform, so that is what is measured.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForBench } from './lib/bundle';

const here = dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts')
  .map((f) => f.replace(/\.ts$/, ''))
  .filter((name) => wanted.length === 0 || wanted.includes(name))
  .sort();

async function bundled(name: string): Promise<string> {
  const out = join(here, 'out', 'bundled', `${name}.mjs`);
  mkdirSync(dirname(out), { recursive: true });
  return bundleForBench(join(here, `${name}.ts`), out);
}

let failed = 0;
for (const name of scripts) {
  console.log(`\n=== bench/${name} ===`);
  const source = join(here, `${name}.ts`);
  const firstLine = readFileSync(source, 'utf8').split('\n', 1)[0];
  const args = firstLine.includes('@bench-bundled') ? [await bundled(name)] : ['--import', 'tsx', source];
  const r = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`bench/${name} exited with ${r.status ?? r.signal}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
