// Bundles a TypeScript entry with esbuild for a benchmark, the way the CLI and the functions ship:
// one ESM file for Node, packages left as imports.
import { build } from 'esbuild';
import { NODE_ESM } from '../../scripts/esbuildNode.mjs';

export async function bundleForBench(entry: string, outfile: string, opts: { keepPackages?: boolean } = {}): Promise<string> {
  await build({
    ...NODE_ESM,
    sourcemap: false,
    entryPoints: [entry],
    outfile,
    ...(opts.keepPackages === false ? {} : { packages: 'external' as const }),
  });
  return outfile;
}
