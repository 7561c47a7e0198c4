// Bundles a double's browser entry (browser.ts beside it) as an IIFE the e2e tests load into the page
// in place of office.js or WPS's API.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

export async function bundleDouble(entry: URL): Promise<string> {
  const out = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0].text;
}
