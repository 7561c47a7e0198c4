// Request parsing and response mapping shared by the function files (the only layer besides them
// that touches @azure/functions): authentication, body reading with size limits, zod validation, the
// dev clock, and the one error mapper.
import type { HttpFunctionOptions, HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { z } from 'zod';
import { DEV_NOW_HEADER, MAX_BODY_BYTES, type RouteDef } from '../../../shared/api/contract';
import { bearerToken } from '../infra/jwt';
import { AppError, toErrorResponse, validationError } from '../errors';
import { withSecurityHeaders } from './securityHeaders';
import { getServices, type Call, type Services } from '../services';

/** A function's trigger options from its contract route: method and path are written only in the contract. */
export function trigger(r: RouteDef): Pick<HttpFunctionOptions, 'methods' | 'authLevel' | 'route'> {
  return { methods: [r.method], authLevel: 'anonymous', route: r.path.slice(1) };
}

/** Runs a handler body and maps any error to `{ status, jsonBody: { code, message, details } }`. */
export async function handle(ctx: InvocationContext, f: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  try {
    return withSecurityHeaders(await f());
  } catch (e) {
    return withSecurityHeaders(toErrorResponse(e, (msg, err) => ctx.error(msg, err)));
  }
}

/** The services without waiting for storage (routes that may answer without it). */
export function appServices(): Services {
  return getServices();
}

/** Services with storage ready (tables and container exist). */
export async function services(): Promise<Services> {
  const s = getServices();
  await s.storage.ready();
  return s;
}

/** The request instant; in AUTH_MODE=dev a `X-Dev-Now` header may set it (demos and deadline tests). */
export function requestNow(req: HttpRequest, s: Services): Date {
  const h = req.headers.get(DEV_NOW_HEADER);
  return h && s.settings.AUTH_MODE === 'dev' ? parseDevNow(h) : new Date();
}

// A pretend instant serves demos and deadline tests of a campaign; a clock decades away only breaks
// day arithmetic and stamps audit entries with absurd times.
const DEV_NOW_MAX_SHIFT_MS = 10 * 365.25 * 86_400_000;

/** A dev-mode pretend instant (`X-Dev-Now`); 400 VALIDATION_FAILED when it is no time or over 10 years away. */
export function parseDevNow(h: string): Date {
  const t = Date.parse(h);
  if (Number.isNaN(t) || Math.abs(t - Date.now()) > DEV_NOW_MAX_SHIFT_MS)
    throw new AppError(400, 'VALIDATION_FAILED', `${DEV_NOW_HEADER} 不是有效的时间（应为距今 10 年以内的 ISO 时间）`);
  return new Date(t);
}

/** Authenticates the caller and returns the domain call context. */
export async function authenticate(req: HttpRequest): Promise<Call> {
  const receivedAt = Date.now();
  const s = getServices();
  const token = bearerToken(req.headers.get('authorization'));
  const { userId } = await s.verifier.verify(token);
  await s.storage.ready();
  return { s, userId, now: requestNow(req, s), receivedAt };
}

export async function readBytes(req: HttpRequest, max = MAX_BODY_BYTES): Promise<Uint8Array> {
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > max) throw tooLarge();
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (bytes.length > max) throw tooLarge();
  return bytes;
}

const tooLarge = () => new AppError(413, 'PAYLOAD_TOO_LARGE', '请求内容超过 10 MB 上限。');

export function mediaType(req: HttpRequest): string {
  return (req.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Parses a JSON body against a strict schema: 400 BAD_JSON / VALIDATION_FAILED, 413 when too large.
 * `fast` may return the schema's output for bodies it can vouch for (null = ask the schema), to spare
 * zod a walk over large bodies; the schema still decides, and words the errors, for everything else.
 */
export async function readJson<S extends z.ZodType>(
  req: HttpRequest,
  schema: S,
  bytes?: Uint8Array,
  fast?: (value: unknown) => z.output<S> | null,
): Promise<z.output<S>> {
  const raw = bytes ?? (await readBytes(req));
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new AppError(400, 'BAD_JSON', '请求内容不是有效的 JSON。');
  }
  const quick = fast?.(value);
  if (quick) return quick;
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(r.error);
  return r.data;
}

/** Route params through a schema (ids with characters storage keys cannot hold get a 400). */
export function readParams<S extends z.ZodType>(req: HttpRequest, schema: S): z.output<S> {
  const r = schema.safeParse({ ...req.params });
  if (!r.success) throw validationError(r.error, '路径参数');
  return r.data;
}

/** Query parameters through a schema; 400 VALIDATION_FAILED otherwise. */
export function readQuery<S extends z.ZodType>(req: HttpRequest, schema: S): z.output<S> {
  const r = schema.safeParse(Object.fromEntries(req.query));
  if (!r.success) throw validationError(r.error, '查询参数');
  return r.data;
}

export const json = (status: number, jsonBody: unknown): HttpResponseInit => ({ status, jsonBody });
