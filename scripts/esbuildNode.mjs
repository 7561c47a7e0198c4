// The esbuild options every Node bundle of the project shares (CLI, Functions app and its workers, the
// npm start / demo scripts, the bundled benchmarks): ESM for Node 20, one .mjs per entry.
export const NODE_ESM = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
};

/** CommonJS dependencies bundled into ESM still call require(). */
export const REQUIRE_BANNER = { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" };
