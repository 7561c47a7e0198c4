// The esbuild options every Node bundle of the project shares (the CLI, the Functions app and its
// worker threads, the start and demo scripts): ES modules for Node 20 as .mjs, with source maps.
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
