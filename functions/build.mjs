// Bundles each function file (src/functions/*.ts) to dist/functions/<name>.mjs with esbuild, shared
// code split into dist/chunks — what package.json's `main` glob points the Functions runtime at.
// Run: node functions/build.mjs (from the repo root; scripts/build.mjs and so `npm ci` run it too) or
// `npm run build` in functions/.
import { build } from 'esbuild';
import { NODE_ESM, REQUIRE_BANNER } from '../scripts/esbuildNode.mjs';
import { readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// The runtime's worker talks to this package's instance, so it stays a real dependency; piscina starts its
// threads from its own files, and Piscina.move() marks a result with a symbol private to piscina's module,
// so a worker must use the very copy the pool's thread runs. Packages that read their own files at run
// time (fonts, WebAssembly, pdf.js's worker, pdfkit's font metrics) or ship native binaries
// (@napi-rs/canvas) stay in node_modules too (functions/package.json).
const EXTERNAL = [
  '@azure/functions',
  'piscina',
  '@expo-google-fonts/noto-sans-sc',
  'zxing-wasm',
  'pdfjs-dist',
  '@napi-rs/canvas',
  'pdfkit',
  'fontkit',
];

/** Builds dist/functions, dist/chunks and dist/workers. */
export async function buildFunctions() {
  const src = join(here, 'src', 'functions');
  const entryPoints = readdirSync(src)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(src, f));
  rmSync(join(here, 'dist'), { recursive: true, force: true });
  const result = await build({
    ...NODE_ESM,
    entryPoints,
    outdir: join(here, 'dist', 'functions'),
    ...NODE_ESM,
    chunkNames: '../chunks/[name]-[hash]',
    splitting: true,
    external: EXTERNAL,
    banner: REQUIRE_BANNER,
    metafile: true,
  });
  // The work pool's threads (src/work/pool.ts looks for them at dist/workers/ beside dist/chunks/).
  await build({
    ...NODE_ESM,
    entryPoints: {
      workbookCheck: join(here, 'src', 'work', 'workbookCheck.worker.ts'),
      aggregate: join(here, 'src', 'work', 'aggregate.worker.ts'),
      scan: join(here, 'src', 'work', 'scan.worker.ts'),
      archive: join(here, 'src', 'work', 'archive.worker.ts'),
    },
    external: EXTERNAL,
    ...NODE_ESM,
    outdir: join(here, 'dist', 'workers'),
    banner: REQUIRE_BANNER,
  });
  const outputs = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith('.mjs'));
  const total = outputs.reduce((a, [, o]) => a + o.bytes, 0);
  console.log(`built ${entryPoints.length} function files → functions/dist (${outputs.length} files, ${(total / 1024).toFixed(0)} KiB)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildFunctions();
