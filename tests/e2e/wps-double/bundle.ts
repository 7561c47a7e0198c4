// Bundles the WPS double for the browser (an IIFE the e2e test installs as an init script).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function bundleWpsDouble(): Promise<string> {
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
