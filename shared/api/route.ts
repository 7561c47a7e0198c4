// How a route is declared: its definition (method, path, params, body, roles, responses), the error
// statuses every route implies from how the functions read a request, the common path params, and the
// limits client and server share.
import { z } from 'zod';
import type { Role } from './enums';
import { ErrorBodySchema, IdSchema } from './schemas';

/** Limits shared by client and server. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Dev mode only: pretend the request happens at this instant (ISO), for demos and tests of deadlines. */
export const DEV_NOW_HEADER = 'X-Dev-Now';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** Body kinds: a zod schema for JSON bodies, or the raw media types accepted. */
export type BodyDef = z.ZodType | { raw: readonly string[] } | { jsonOrRaw: z.ZodType; raw: readonly string[] };

export interface RouteDef {
  method: HttpMethod;
  /** Path template below the /api base, `{name}` for params (the admin route sits outside /api). */
  path: string;
  params: z.ZodObject;
  query?: z.ZodObject;
  body?: BodyDef;
  /** Roles that may call it; 'public' needs no token. */
  auth: 'public' | readonly (Role | 'member')[];
  /** Success and error statuses; an error status maps to ErrorBodySchema. Non-JSON bodies: z.instanceof(Uint8Array)/z.string(). */
  responses: Record<number, z.ZodType>;
}

export const E = ErrorBodySchema;
/**
 * Error statuses implied by how the functions read a request (functions/src/http/request.ts), added by
 * `route()` so no route can forget them:
 * - 400 VALIDATION_FAILED / BAD_JSON: path params failing their schema (readParams), a bad X-Dev-Now on
 *   any call with a token (authenticate, dev mode), a body failing its schema (readJson);
 * - 413 PAYLOAD_TOO_LARGE: any body over MAX_BODY_BYTES (readBytes);
 * - 503 STORAGE_UNAVAILABLE: any call with a token (authentication already reads the campaign);
 * - 409 CONCURRENT_UPDATE: any authenticated POST/PUT (a write that kept losing to concurrent ones).
 * Other statuses are listed per route.
 */
/** No implied status (an intersection with it changes nothing). */
type NoStatus = Record<never, never>;
type Implied<R extends RouteDef> = (R extends { auth: 'public'; body?: undefined }
  ? [keyof R['params']['shape']] extends [never]
    ? NoStatus
    : { 400: typeof E }
  : { 400: typeof E }) &
  (R extends { body: BodyDef } ? { 413: typeof E } : NoStatus) &
  (R extends { auth: 'public' } ? NoStatus : { 503: typeof E } & (R extends { method: 'POST' | 'PUT' } ? { 409: typeof E } : NoStatus));
type Routed<R extends RouteDef> = Omit<R, 'responses'> & { responses: Implied<R> & R['responses'] };
export function route<R extends RouteDef>(r: R): Routed<R> {
  const implied: Record<number, z.ZodType> = {};
  if (Object.keys(r.params.shape).length > 0 || r.auth !== 'public' || r.body) implied[400] = E;
  if (r.body) implied[413] = E;
  if (r.auth !== 'public') implied[503] = E;
  if (r.auth !== 'public' && (r.method === 'POST' || r.method === 'PUT')) implied[409] = E;
  // The same rules as Implied, at run time (TS cannot check a value against a conditional type).
  return { ...r, responses: { ...implied, ...r.responses } } as unknown as Routed<R>;
}
export const P = {
  none: z.strictObject({}),
  campaign: z.strictObject({ campaignId: IdSchema }),
  unit: z.strictObject({ campaignId: IdSchema, unitId: IdSchema }),
  version: z.strictObject({ campaignId: IdSchema, unitId: IdSchema, version: z.coerce.number().int().positive() }),
};
export const binary = z.instanceof(Uint8Array);
