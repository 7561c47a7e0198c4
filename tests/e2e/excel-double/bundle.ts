// Bundles the double for the browser (an IIFE that replaces office.js in the e2e test).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function bundleExcelDouble(): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL('./browser.ts', import.meta.url))],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}
