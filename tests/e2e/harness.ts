// E2E harness: build the task pane once (vite, into a temp dir), serve it with /api proxied to the
// in-process functions host, and run headless Chromium with office.js replaced by the Excel double.
import { createServer, request, type Server } from 'node:http';
import { mkdtempSync, readFileSync, existsSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { bundleExcelDouble } from './excel-double/bundle';
import { SHEET_UNIT } from '../../shared/template/definition';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds addin/ with its own vite config into a fresh temp dir; returns the dir. */
export async function buildPane(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'taizhang-pane-'));
  const { build } = await import('vite');
  await build({ configFile: join(ROOT, 'addin', 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Static server for the built pane; /api/* is proxied to `apiOrigin` (as the dev server does). */
export async function serveStatic(dir: string, apiOrigin: string): Promise<{ url: string; close: () => Promise<void> }> {
  const api = new URL(apiOrigin);
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname.startsWith('/api/')) {
      const up = request(
        {
          host: api.hostname,
          port: api.port,
          method: req.method,
          path: url.pathname + url.search,
          headers: { ...req.headers, host: api.host },
        },
        (r) => {
          res.writeHead(r.statusCode ?? 502, r.headers);
          r.pipe(res);
        },
      );
      up.on('error', () => {
        res.writeHead(502, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ code: 'INTERNAL', message: 'proxy error' }));
      });
      req.pipe(up);
      return;
    }
    const path = normalize(join(dir, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname)));
    if (!path.startsWith(dir) || !existsSync(path) || !statSync(path).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

export interface PaneSession {
  page: Page;
  /** Runs `fn`, the source of `(double, ...args) => …`, against the Excel double in the page. */
  evalDouble<T>(fn: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/**
 * The built pane, served with /api proxied to `apiOrigin`, open at `index.html{search}` in headless
 * Chromium (zh-CN) with office.js replaced by the Excel double.
 */
export async function openPane(apiOrigin: string, search: string, viewport: { width: number; height: number }): Promise<PaneSession> {
  const dir = await buildPane();
  try {
    const pane = await openBuiltPane(dir, apiOrigin, search, viewport);
    return {
      ...pane,
      close: async () => {
        await pane.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

/** As openPane, for a pane already built into `dir` (the caller owns the dir). */
export async function openBuiltPane(
  dir: string,
  apiOrigin: string,
  search: string,
  viewport: { width: number; height: number },
): Promise<PaneSession> {
  const doubleJs = await bundleExcelDouble();
  let stat: Awaited<ReturnType<typeof serveStatic>> | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await stat?.close();
  };
  try {
    stat = await serveStatic(dir, apiOrigin);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport, locale: 'zh-CN' });
    page.on('pageerror', (e) => console.error('[pane error]', e));
    await page.route('**/office.js', (route) => route.fulfill({ contentType: 'text/javascript', body: doubleJs }));
    await page.goto(`${stat.url}/index.html${search}`);
    const evalDouble = <T>(fn: string, ...args: unknown[]) =>
      page.evaluate(([f, a]) => new Function('d', 'args', `return (${f})(d, ...args)`)((window as any).__excelDouble, a), [
        fn,
        args,
      ] as const) as Promise<T>;
    return { page, evalDouble, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** Types a value into a cell through the double, as a person would (fires the double's change events). */
export const typeCell = (pane: PaneSession, sheet: string, a1: string, v: unknown) =>
  pane.evalDouble(`(d, sheet, cell, v) => d.user.type(sheet, cell, v)`, sheet, a1, v);

/** Types the unit facts into column B next to their labels on the 单位基本情况 sheet, like a person. */
export async function fillUnitSheet(pane: PaneSession, values: Record<string, unknown>): Promise<void> {
  await pane.evalDouble(
    `(d, sheet, values) => {
      const s = d.model.sheet(sheet);
      for (let r = 0; r < 40; r++) {
        const label = d.model.get(s, r, 0);
        if (label in values) d.user.type(sheet, 'B' + (r + 1), values[label]);
      }
    }`,
    SHEET_UNIT,
    values,
  );
}
