// Bundles a TypeScript entry with esbuild for a benchmark, the way the CLI and the functions ship:
// one ESM file for Node, packages left as imports.
import { build } from 'esbuild';

export async function bundleForBench(entry: string, outfile: string, opts: { keepPackages?: boolean } = {}): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    ...(opts.keepPackages === false ? {} : { packages: 'external' as const }),
    logLevel: 'warning',
  });
  return outfile;
}
