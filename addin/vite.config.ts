// Dev server and build of the task pane (root addin/). The dev server is https://localhost:3000 with
// the Office dev certificates (office-addin-dev-certs), proxying /api to the local functions host.
// The standard template is generated from the shared code and served as a static asset
// (/template.xlsx + /template.json), in dev and in the build.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ICONS = join(here, 'assets');

/** Loads a project TypeScript module at run time with tsx, so the config itself imports only packages. */
async function load<T>(path: string): Promise<T> {
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(join(here, path), import.meta.url)) as T;
}

async function templateAssets(): Promise<{ xlsx: Uint8Array; json: string }> {
  const { buildTemplateWorkbook } = await load<typeof import('../shared/node/templateWorkbook')>('../shared/node/templateWorkbook.ts');
  const { readWorkbook } = await load<typeof import('../shared/xlsx/read')>('../shared/xlsx/read.ts');
  const { TEMPLATE_VERSION, TEMPLATE_VERSION_NAME } =
    await load<typeof import('../shared/template/definition')>('../shared/template/definition.ts');
  const xlsx = await buildTemplateWorkbook();
  const versionRef = readWorkbook(xlsx).definedNames[TEMPLATE_VERSION_NAME] ?? null;
  return { xlsx, json: JSON.stringify({ version: TEMPLATE_VERSION, versionName: TEMPLATE_VERSION_NAME, versionRef }) };
}

function taizhangAssets(): Plugin {
  let cached: Promise<{ xlsx: Uint8Array; json: string }> | null = null;
  const get = () => (cached ??= templateAssets());
  return {
    name: 'taizhang-assets',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        try {
          if (url === '/template.xlsx') {
            res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
            return res.end(Buffer.from((await get()).xlsx));
          }
          if (url === '/template.json') {
            res.setHeader('Content-Type', 'application/json');
            return res.end((await get()).json);
          }
          const icon = /^\/assets\/(icon-\d+\.png)$/.exec(url);
          if (icon) {
            res.setHeader('Content-Type', 'image/png');
            return res.end(readFileSync(join(ICONS, icon[1])));
          }
        } catch (e) {
          return next(e);
        }
        next();
      });
    },
    async generateBundle() {
      const t = await get();
      this.emitFile({ type: 'asset', fileName: 'template.xlsx', source: t.xlsx });
      this.emitFile({ type: 'asset', fileName: 'template.json', source: t.json });
      for (const f of readdirSync(ICONS).filter((n) => n.endsWith('.png')))
        this.emitFile({ type: 'asset', fileName: `assets/${f}`, source: readFileSync(join(ICONS, f)) });
    },
  };
}

/**
 * The 网页版's Content-Security-Policy: every script, worker, font and request from our own origin (and
 * the API's, when built with an absolute VITE_API_BASE); no inline script, no eval, no plugins, no
 * framing of other sites. Styles allow 'unsafe-inline' because Fluent UI (Griffel) inserts its CSS at
 * run time. Dev mode also needs the React refresh preamble (inline) and vite's HMR websocket.
 */
export function webCsp(mode: 'build' | 'dev', apiBase = process.env.VITE_API_BASE ?? '/api'): string {
  const api = /^https?:\/\//.test(apiBase) ? ` ${new URL(apiBase).origin}` : '';
  return [
    "default-src 'none'",
    mode === 'dev' ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${api}${mode === 'dev' ? ' ws: wss:' : ''}`,
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Puts the CSP into web.html: a meta tag in the build; in dev a response header (see webCsp). */
function webPageCsp(): Plugin {
  return {
    name: 'taizhang-web-csp',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.filename.endsWith('web.html') || ctx.server) return html;
        return html.replace(/<!-- %TAIZHANG_CSP%[^>]*-->/, `<meta http-equiv="Content-Security-Policy" content="${webCsp('build')}" />`);
      },
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if ((req.url ?? '').split('?')[0] === '/web.html') res.setHeader('Content-Security-Policy', webCsp('dev'));
        next();
      });
    },
  };
}

/** https options from office-addin-dev-certs; null (plain http) when they cannot be created here. */
async function httpsOptions(): Promise<{ key: Buffer | string; cert: Buffer | string; ca?: Buffer | string } | undefined> {
  if (process.env.TAIZHANG_DEV_HTTP === '1') {
    console.warn('[台账通] TAIZHANG_DEV_HTTP=1: dev server on plain http (Office requires https; sideloading will not work).');
    return undefined;
  }
  try {
    const devCerts = (await import('office-addin-dev-certs')) as unknown as {
      getHttpsServerOptions: () => Promise<{ key: Buffer; cert: Buffer; ca: Buffer }>;
      default?: { getHttpsServerOptions: () => Promise<{ key: Buffer; cert: Buffer; ca: Buffer }> };
    };
    const get = devCerts.getHttpsServerOptions ?? devCerts.default!.getHttpsServerOptions;
    return await get();
  } catch (e) {
    // The certificates may have been generated even though the CA could not be trusted (no admin rights):
    // serve https with them anyway; the browser / Office must then be told to trust the CA by hand.
    const dir = join(process.env.HOME ?? process.env.USERPROFILE ?? '', '.office-addin-dev-certs');
    const why = e instanceof Error ? e.message.trim() : String(e);
    if (existsSync(join(dir, 'localhost.crt')) && existsSync(join(dir, 'localhost.key'))) {
      console.warn(
        `[台账通] The Office dev CA could not be trusted (${why}).\n` +
          `[台账通] Serving https://localhost:3000 with the generated certificate in ${dir}; trust ca.crt there (or run \`npx office-addin-dev-certs install\` as admin) before sideloading.`,
      );
      return {
        key: readFileSync(join(dir, 'localhost.key')),
        cert: readFileSync(join(dir, 'localhost.crt')),
        ca: readFileSync(join(dir, 'ca.crt')),
      };
    }
    console.warn(
      `[台账通] Could not create the Office dev certificates (${why}).\n` +
        '[台账通] Falling back to plain http://localhost:3000 — fine for browser testing, but Office only loads https add-ins.\n' +
        '[台账通] Fix: run `npx office-addin-dev-certs install` (needs admin rights), then restart `npm run dev:addin`.',
    );
    return undefined;
  }
}

export default defineConfig(async ({ command }) => {
  const https = command === 'serve' ? await httpsOptions() : undefined;
  return {
    root: here,
    base: '/',
    publicDir: false,
    plugins: [react(), taizhangAssets(), webPageCsp()],
    worker: { format: 'es' as const },
    server: {
      port: 3000,
      strictPort: true,
      https,
      proxy: { '/api': { target: process.env.TAIZHANG_API ?? 'http://localhost:7071', changeOrigin: true } },
    },
    preview: {
      port: 3000,
      strictPort: true,
      https,
      proxy: { '/api': { target: process.env.TAIZHANG_API ?? 'http://localhost:7071', changeOrigin: true } },
    },
    build: {
      outDir: join(here, 'dist'),
      emptyOutDir: true,
      chunkSizeWarningLimit: 1500,
      rollupOptions: {
        input: { main: join(here, 'index.html'), help: join(here, 'help.html'), web: join(here, 'web.html'), wps: join(here, 'wps.html') },
      },
    },
  };
});
