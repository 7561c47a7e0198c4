// The THIN local Functions host: serves the very same registered handlers over HTTP the way
// `func start` would (route prefix /api, `{param}` routes, CORS for the add-in, admin route for timer
// functions). It captures `app.http` / `app.timer` registrations by wrapping those methods on the
// `app` object before importing the function files. No application logic lives here.
import functions from '@azure/functions';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  AppStartHandler,
  HttpFunctionOptions,
  HttpHandler,
  HttpResponseInit,
  TimerFunctionOptions,
  TimerHandler,
} from '@azure/functions';

const { app, AppStartContext, HttpRequest, HttpResponse, InvocationContext } = functions;

interface HttpRegistration {
  name: string;
  methods: string[];
  segments: string[];
  literalCount: number;
  handler: HttpHandler;
}
interface TimerRegistration {
  name: string;
  schedule: string;
  handler: TimerHandler;
}

const httpFunctions: HttpRegistration[] = [];
const timerFunctions = new Map<string, TimerRegistration>();
const appStartHooks: AppStartHandler[] = [];
let loaded: Promise<void> | undefined;

const FUNCTIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'functions');
/** The Functions runtime's own request size cap is larger; handlers enforce the 10 MB contract. */
const HOST_MAX_BODY = 32 * 1024 * 1024;
const ROUTE_PREFIX = 'api';

function normaliseSegment(s: string): string {
  // `{version:int}` / `{id?}` → `{version}` / `{id}`
  return s.replace(/^\{(\w+)[^}]*\}$/, '{$1}');
}

/** Captures registrations, then imports every function file once per process. */
export function loadFunctions(dir = FUNCTIONS_DIR, bindHost = '127.0.0.1'): Promise<void> {
  loaded ??= (async () => {
    const origHttp = app.http;
    const origTimer = app.timer;
    const origAppStart = app.hook.appStart;
    app.http = (name: string, options: HttpFunctionOptions) => {
      const route = options.route ?? name;
      const segments = route.split('/').filter(Boolean).map(normaliseSegment);
      httpFunctions.push({
        name,
        methods: (options.methods ?? ['GET', 'POST']).map((m) => m.toUpperCase()),
        segments,
        literalCount: segments.filter((s) => !s.startsWith('{')).length,
        handler: options.handler,
      });
    };
    app.timer = (name: string, options: TimerFunctionOptions) => {
      timerFunctions.set(name, { name, schedule: options.schedule, handler: options.handler });
    };
    app.hook.appStart = (handler: AppStartHandler) => {
      appStartHooks.push(handler);
      return { dispose: () => undefined } as ReturnType<typeof origAppStart>;
    };
    try {
      const files = readdirSync(dir).filter((f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !f.includes('.test.'));
      for (const f of files.sort()) await import(pathToFileURL(join(dir, f)).href);
    } finally {
      app.http = origHttp;
      app.timer = origTimer;
      app.hook.appStart = origAppStart;
    }
    // Literal segments win over parameters, as in ASP.NET routing.
    httpFunctions.sort((a, b) => b.literalCount - a.literalCount);
    // Like the worker, run the app's start hooks before serving anything.
    for (const hook of appStartHooks) await hook(new AppStartContext({ hookData: { bindHost } }));
  })();
  return loaded;
}

function match(segments: string[], path: string[]): Record<string, string> | null {
  if (segments.length !== path.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i];
    if (s.startsWith('{')) {
      if (!path[i]) return null;
      params[s.slice(1, -1)] = path[i];
    } else if (s.toLowerCase() !== path[i].toLowerCase()) return null;
  }
  return params;
}

export interface HostOptions {
  port?: number;
  host?: string;
  /** Settings to put into process.env before the services start (settings are process-wide). */
  env?: Record<string, string>;
  /** Where the function files are: src/functions (the sources, default) or the bundle's dist/functions. */
  functionsDir?: string;
  log?: (line: string) => void;
}

export interface RunningHost {
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export async function startHost(opts: HostOptions = {}): Promise<RunningHost> {
  if (opts.env) Object.assign(process.env, opts.env);
  // Settings are parsed now so a missing one fails start-up loudly (the app parses them again itself:
  // run from the bundle, its modules are not this host's).
  const { assertSafeBinding, getSettings } = await import('../src/settings');
  const settings = getSettings();
  assertSafeBinding(settings, opts.host ?? '127.0.0.1');
  await loadFunctions(opts.functionsDir, opts.host ?? '127.0.0.1');
  const log = opts.log ?? (() => {});
  const cors = new Set(settings.CORS_ORIGINS);

  const server = createServer((req, res) => {
    handleRequest(req, res, { cors, devMode: settings.AUTH_MODE === 'dev', log }).catch((e) => {
      log(`host error: ${String(e)}`);
      if (!res.headersSent) sendJson(res, 500, errorBody('INTERNAL', '服务器内部错误'));
      else res.end();
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The contract's error body, for the few answers the host gives itself (unknown route, too large). */
const errorBody = (code: string, message: string) => ({ code, message, details: null });

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

async function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > HOST_MAX_BODY) return 'too_large';
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

const CORS_HEADERS = 'Authorization, Content-Type, Idempotency-Key, X-Dev-Now';

async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  o: { cors: Set<string>; devMode: boolean; log: (l: string) => void },
) {
  const started = Date.now();
  // Parsed against a fixed origin: `//x` (scheme-relative) or an odd Host header must not make it throw.
  const url = new URL(`http://localhost${(req.url ?? '/').startsWith('/') ? req.url : `/${req.url}`}`);
  const method = (req.method ?? 'GET').toUpperCase();
  const origin = req.headers.origin;
  const corsHeaders: Record<string, string> =
    origin && (o.cors.has(origin) || o.cors.has('*'))
      ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin', 'Access-Control-Expose-Headers': 'Content-Disposition, Retry-After' }
      : {};

  // CORS preflight, as `func start --cors` answers it.
  if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
    if (!corsHeaders['Access-Control-Allow-Origin']) {
      res.writeHead(403).end();
      return;
    }
    res.writeHead(204, {
      ...corsHeaders,
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': CORS_HEADERS,
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }

  const path = url.pathname
    .split('/')
    .filter(Boolean)
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    });

  // Admin API for non-HTTP functions: POST /admin/functions/{name}.
  if (path[0] === 'admin' && path[1] === 'functions' && path.length === 3) {
    const timer = timerFunctions.get(path[2]);
    if (!o.devMode || !timer || method !== 'POST') {
      sendJson(res, 404, errorBody('NOT_FOUND', '接口不存在'), corsHeaders);
      return;
    }
    await readBody(req);
    const ctx = new InvocationContext({
      invocationId: randomUUID(),
      functionName: timer.name,
      triggerMetadata: typeof req.headers['x-dev-now'] === 'string' ? { now: req.headers['x-dev-now'] } : {},
      logHandler: (level, ...args) => o.log(`[${timer.name}] ${level}: ${args.map(String).join(' ')}`),
    });
    const now = new Date().toISOString();
    // Unlike the real admin API the local host finishes the run before answering, so callers can read its effects.
    try {
      await timer.handler(
        { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: now, next: now, lastUpdated: now } },
        ctx,
      );
    } catch (e) {
      // A bad X-Dev-Now (400) or storage down (503) answered like any function's error.
      const { toErrorResponse } = await import('../src/errors');
      const r = toErrorResponse(e, (msg, err) => o.log(`[${timer.name}] ${msg}: ${String(err)}`));
      sendJson(res, r.status, r.jsonBody, { ...corsHeaders, ...(r.headers ?? {}) });
      return;
    }
    res.writeHead(202, { ...corsHeaders, 'Content-Length': 0 }).end();
    return;
  }

  if (path[0] !== ROUTE_PREFIX) {
    sendJson(res, 404, errorBody('NOT_FOUND', '接口不存在'), corsHeaders);
    return;
  }
  const rest = path.slice(1);
  let params: Record<string, string> | null = null;
  let fn: HttpRegistration | undefined;
  let methodMismatch = false;
  for (const f of httpFunctions) {
    const p = match(f.segments, rest);
    if (!p) continue;
    if (!f.methods.includes(method)) {
      methodMismatch = true;
      continue;
    }
    fn = f;
    params = p;
    break;
  }
  if (!fn || !params) {
    if (methodMismatch) sendJson(res, 405, errorBody('METHOD_NOT_ALLOWED', '不支持该请求方法'), corsHeaders);
    else sendJson(res, 404, errorBody('NOT_FOUND', '接口不存在'), corsHeaders);
    return;
  }

  const body = await readBody(req);
  if (body === 'too_large') {
    sendJson(res, 413, errorBody('PAYLOAD_TOO_LARGE', '请求内容超过上限。'), { ...corsHeaders, Connection: 'close' });
    req.destroy();
    return;
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const request = new HttpRequest({
    method,
    url: url.href,
    headers,
    params,
    query: Object.fromEntries(url.searchParams),
    // GET/HEAD bodies are dropped (as @azure/functions would, with a console warning per request).
    ...(body.length > 0 && method !== 'GET' && method !== 'HEAD'
      ? { body: { bytes: new Uint8Array(body.buffer, body.byteOffset, body.length) } }
      : {}),
  });
  const ctx = new InvocationContext({
    invocationId: randomUUID(),
    functionName: fn.name,
    logHandler: (level, ...args) =>
      o.log(`[${fn.name}] ${level}: ${args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')}`),
  });
  const init = ((await fn.handler(request, ctx)) ?? {}) as HttpResponseInit;
  const response = new HttpResponse(init);
  const outHeaders: Record<string, string> = { ...corsHeaders };
  response.headers.forEach((v, k) => (outHeaders[k] = v));
  // A body given as an async iterable (the evidence archive) is streamed as it is produced.
  if (init.body && typeof init.body === 'object' && Symbol.asyncIterator in init.body && response.body) {
    res.writeHead(response.status, outHeaders);
    try {
      // A client that goes away ends the loop (and so the producer: its generator is returned).
      for await (const chunk of response.body) {
        if (res.destroyed) break;
        if (!res.write(chunk))
          await new Promise<void>((r) => {
            const go = () => {
              res.off('drain', go);
              res.off('close', go);
              r();
            };
            res.on('drain', go);
            res.on('close', go);
          });
      }
      res.end();
    } catch (e) {
      o.log(`${method} ${url.pathname} → stream failed: ${(e as Error)?.stack ?? e}`);
      res.destroy(e as Error);
    }
    o.log(`${method} ${url.pathname} → ${response.status} streamed (${fn.name}, ${Date.now() - started} ms)`);
    return;
  }
  const out = Buffer.from(await response.arrayBuffer());
  outHeaders['content-length'] = String(out.length);
  res.writeHead(response.status, outHeaders);
  res.end(out);
  o.log(`${method} ${url.pathname} → ${response.status} (${fn.name}, ${Date.now() - started} ms)`);
}
