// Types of scripts/esbuildNode.mjs (plain JavaScript: the builds run without TypeScript tooling).
import type { BuildOptions } from 'esbuild';
export declare const NODE_ESM: BuildOptions;
export declare const REQUIRE_BANNER: { js: string };
