// How a route is declared: its definition (method, path, params, body, roles, responses), the path
// params (one schema per name, read off the path template), the statuses every route implies from how
// the functions read a request, and the limits client and server share.
import { z } from 'zod';
import type { Role } from './enums';
import { ErrorBodySchema, IdSchema } from './schemas';
import { RosterSourceSchema } from './chain';

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

/** Every path param by name: a route's params follow from the `{name}`s of its path template. */
const PATH_PARAMS = {
  campaignId: IdSchema,
  unitId: IdSchema,
  version: z.coerce.number().int().positive(),
  source: RosterSourceSchema,
  file: z.string().max(100),
};
type PathParam = keyof typeof PATH_PARAMS;
/** The param names of a path template: `'campaignId' | 'unitId'` for `/campaigns/{campaignId}/units/{unitId}`. */
type ParamNames<P extends string> = P extends `${string}{${infer N}}${infer Rest}` ? N | ParamNames<Rest> : never;
type ParamsFor<P extends string> = z.ZodObject<{ [K in ParamNames<P> & PathParam]: (typeof PATH_PARAMS)[K] }, z.core.$strict>;

/**
 * Error statuses implied by how the functions read a request (functions/src/http/request.ts), added by
 * `route()` so no route can forget them:
 * - 400 VALIDATION_FAILED / BAD_JSON: path params failing their schema (readParams), a bad X-Dev-Now on
 *   any call with a token (authenticate, dev mode), a body failing its schema (readJson);
 * - 401 / 403: any call with a token (a missing or bad token; a caller without the route's role: api.md, Identity);
 * - 413 PAYLOAD_TOO_LARGE: any body over MAX_BODY_BYTES (readBytes);
 * - 503 STORAGE_UNAVAILABLE: any call with a token (authentication already reads the campaign);
 * - 409 CONCURRENT_UPDATE: any authenticated POST/PUT (a write that kept losing to concurrent ones).
 * Other statuses are listed per route.
 */
/** No implied status (an intersection with it changes nothing). */
type NoStatus = Record<never, never>;
/** A route as declared to `route()`: no params (they follow from the path). */
type Declared = Omit<RouteDef, 'params'> & { params?: undefined };
type Implied<P extends string, R extends Declared> = (R extends { auth: 'public'; body?: undefined }
  ? [ParamNames<P>] extends [never]
    ? NoStatus
    : { 400: typeof E }
  : { 400: typeof E }) &
  (R extends { body: BodyDef } ? { 413: typeof E } : NoStatus) &
  (R extends { auth: 'public' }
    ? NoStatus
    : { 401: typeof E; 403: typeof E; 503: typeof E } & (R extends { method: 'POST' | 'PUT' } ? { 409: typeof E } : NoStatus));
type Routed<P extends string, R extends Declared> = Omit<R, 'responses' | 'params'> & {
  params: ParamsFor<P>;
  responses: Implied<P, R> & R['responses'];
};
/** A path naming a param PATH_PARAMS does not know is a type error (and throws at load). */
type KnownPath<P extends string> = [Exclude<ParamNames<P>, PathParam>] extends [never] ? unknown : never;
type KnownParams<P extends string> = { path: KnownPath<P> };

export function route<P extends string, R extends Declared>(r: R & { path: P } & KnownParams<P>): Routed<P, R> {
  const names = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const shape: Record<string, z.ZodType> = {};
  for (const n of names) {
    if (!(n in PATH_PARAMS)) throw new Error(`route ${r.path}: unknown path param ${n}`);
    shape[n] = PATH_PARAMS[n as PathParam];
  }
  const implied: Record<number, z.ZodType> = {};
  if (names.length > 0 || r.auth !== 'public' || r.body) implied[400] = E;
  if (r.body) implied[413] = E;
  if (r.auth !== 'public') Object.assign(implied, { 401: E, 403: E, 503: E });
  if (r.auth !== 'public' && (r.method === 'POST' || r.method === 'PUT')) implied[409] = E;
  // The same rules as Implied, at run time (TS cannot check a value against a conditional type).
  return { ...r, params: z.strictObject(shape), responses: { ...implied, ...r.responses } } as unknown as Routed<P, R>;
}
export const binary = z.instanceof(Uint8Array);

/** A GET that answers 200 with `body`, or 404 when what it names (the campaign, a unit, a version) is not there. */
export function read<P extends string, A extends RouteDef['auth'], S extends z.ZodType>(path: P & KnownPath<P>, auth: A, body: S) {
  return route<P, { method: 'GET'; path: P; auth: A; responses: { 200: S; 404: typeof E } }>({
    method: 'GET',
    path,
    auth,
    responses: { 200: body, 404: E },
  });
}

/** Role sets many routes share: the desk (office and supervisors), and all who may read a unit's versions. */
export const DESK = ['office', 'supervisor'] as const;
export const UNIT_READERS = ['liaison', 'head', 'leader', 'supervisor', 'office'] as const;
