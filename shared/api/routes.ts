// The HTTP contract of the functions as zod: one object per route with its method, path
// template (relative to the /api base), params, body, the roles that may call it and a schema per
// response status. The functions register, validate and authorise from it; the add-in's client is
// typed from it (path params, bodies and responses); nothing is retyped.
import { z } from 'zod';
import { AUDIT_CATEGORIES, type Role, RoleSchema, SEAL_CONTENT_TYPES, UnitStatusSchema } from './enums';
import {
  AdminRunBodySchema,
  AuditEntrySchema,
  CampaignBodySchema,
  CampaignViewSchema,
  DaySchema,
  DevTokenBodySchema,
  DevUserSchema,
  DiffResponseSchema,
  ErrorBodySchema,
  ExtensionBodySchema,
  IdSchema,
  MilestoneSchema,
  OnStaffBodySchema,
  OnStaffResultSchema,
  OnStaffStatusSchema,
  ProgressRowSchema,
  ReminderSchema,
  ReviewBodySchema,
  ReviewSchema,
  SealSchema,
  SignOffBodySchema,
  SignOffSchema,
  SubmissionViewSchema,
  SubmitBodySchema,
  SubmitResultSchema,
  UnitViewSchema,
  UnitsBodySchema,
  VerificationBodySchema,
  VerificationSchema,
  VerifyQuerySchema,
  VerifyResultSchema,
} from './schemas';
import {
  LeadsResponseSchema,
  LeadVerifyBodySchema,
  RosterBodySchema,
  RosterInfoSchema,
  RosterSourceSchema,
  RostersStatusSchema,
  SamplingBodySchema,
  SamplingResultSchema,
} from './chain';

/** Limits shared by client and server. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/** Dev mode only: pretend the request happens at this instant (ISO), for demos and tests of deadlines. */
export const DEV_NOW_HEADER = 'X-Dev-Now';

// ---------------------------------------------------------------- routes

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

const E = ErrorBodySchema;
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
function route<R extends RouteDef>(r: R): Routed<R> {
  const implied: Record<number, z.ZodType> = {};
  if (Object.keys(r.params.shape).length > 0 || r.auth !== 'public' || r.body) implied[400] = E;
  if (r.body) implied[413] = E;
  if (r.auth !== 'public') implied[503] = E;
  if (r.auth !== 'public' && (r.method === 'POST' || r.method === 'PUT')) implied[409] = E;
  // The same rules as Implied, at run time (TS cannot check a value against a conditional type).
  return { ...r, responses: { ...implied, ...r.responses } } as unknown as Routed<R>;
}
const P = {
  none: z.strictObject({}),
  campaign: z.strictObject({ campaignId: IdSchema }),
  unit: z.strictObject({ campaignId: IdSchema, unitId: IdSchema }),
  version: z.strictObject({ campaignId: IdSchema, unitId: IdSchema, version: z.coerce.number().int().positive() }),
};
const binary = z.instanceof(Uint8Array);

export const routes = {
  putCampaign: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}',
    params: P.campaign,
    body: CampaignBodySchema,
    auth: ['office'],
    responses: { 200: CampaignViewSchema, 401: E, 403: E },
  }),
  getCampaign: route({
    method: 'GET',
    path: '/campaigns/{campaignId}',
    params: P.campaign,
    auth: ['member'],
    responses: { 200: CampaignViewSchema, 401: E, 403: E, 404: E },
  }),
  putUnits: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/units',
    params: P.campaign,
    body: UnitsBodySchema,
    auth: ['office'],
    responses: { 200: z.strictObject({ units: z.number().int(), members: z.number().int() }), 401: E, 403: E, 404: E },
  }),
  putExtension: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/units/{unitId}/extension',
    params: P.unit,
    body: ExtensionBodySchema,
    auth: ['office'],
    responses: { 200: z.strictObject({ unitId: IdSchema, milestoneId: IdSchema, due: DaySchema }), 401: E, 403: E, 404: E },
  }),
  /** Who am I in this campaign: the add-in uses it to pick the unit and the actions to show. */
  getMe: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/me',
    params: P.campaign,
    auth: ['member'],
    responses: {
      200: z.strictObject({
        userId: z.string(),
        name: z.string(),
        office: z.boolean(),
        memberships: z.array(z.strictObject({ unitId: IdSchema.nullable(), unitName: z.string(), role: RoleSchema })),
      }),
      401: E,
      403: E,
      404: E,
    },
  }),
  submit: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions',
    params: P.unit,
    body: { jsonOrRaw: SubmitBodySchema, raw: [XLSX_CONTENT_TYPE] },
    auth: ['liaison'],
    responses: { 201: SubmitResultSchema, 200: SubmitResultSchema, 401: E, 403: E, 404: E, 409: E, 415: E, 422: E },
  }),
  getUnit: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/units/{unitId}',
    params: P.unit,
    auth: ['liaison', 'head', 'leader', 'supervisor', 'office'],
    responses: { 200: UnitViewSchema, 401: E, 403: E, 404: E },
  }),
  getSubmission: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}',
    params: P.version,
    auth: ['liaison', 'head', 'leader', 'supervisor', 'office'],
    responses: { 200: SubmissionViewSchema, 401: E, 403: E, 404: E },
  }),
  signOff: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/signoff',
    params: P.version,
    body: SignOffBodySchema,
    auth: ['head'],
    responses: { 200: z.strictObject({ signOff: SignOffSchema }), 401: E, 403: E, 404: E, 409: E },
  }),
  seal: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/seal',
    params: P.version,
    body: { raw: SEAL_CONTENT_TYPES },
    auth: ['liaison', 'head'],
    responses: { 200: z.strictObject({ seal: SealSchema }), 401: E, 403: E, 404: E, 409: E, 415: E, 422: E },
  }),
  /** `?format=pdf`: the same page as a one-page A4 PDF drawn on the server. */
  signOffSheet: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/signoff-sheet',
    params: P.version,
    query: z.strictObject({ format: z.enum(['html', 'pdf']).optional() }),
    auth: ['liaison', 'head', 'leader', 'supervisor', 'office'],
    responses: { 200: z.union([z.string() /* text/html */, binary /* application/pdf */]), 401: E, 403: E, 404: E },
  }),
  /** decision `reopen` (with reasons) unlocks an accepted version so the liaison may submit again. */
  review: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/review',
    params: P.version,
    // A supervisor reviews (endorse / return) the units it is the nearest supervising department of.
    body: ReviewBodySchema,
    auth: ['office', 'supervisor'],
    responses: { 200: z.strictObject({ review: ReviewSchema, status: UnitStatusSchema }), 401: E, 403: E, 404: E, 409: E },
  }),
  progress: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/progress',
    params: P.campaign,
    auth: ['office', 'supervisor'],
    responses: {
      200: z.strictObject({
        campaignId: IdSchema,
        asOf: DaySchema,
        milestones: z.array(MilestoneSchema),
        units: z.array(ProgressRowSchema),
      }),
      401: E,
      403: E,
      404: E,
    },
  }),
  audit: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/audit',
    params: P.campaign,
    auth: ['office', 'supervisor'],
    /** `access`: only who read personal data; `change`: only state changes; absent: both. */
    query: z.strictObject({ category: z.enum(AUDIT_CATEGORIES).optional() }),
    responses: { 200: z.strictObject({ entries: z.array(AuditEntrySchema) }), 401: E, 403: E, 404: E },
  }),
  reminders: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/reminders',
    params: P.campaign,
    auth: ['office', 'supervisor'],
    responses: { 200: z.strictObject({ reminders: z.array(ReminderSchema) }), 401: E, 403: E, 404: E },
  }),
  // The desk's routes (office and supervisors).
  putOnStaff: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/on-staff',
    params: P.campaign,
    body: OnStaffBodySchema,
    auth: ['office'],
    // 409: the roster pointer kept changing under it (CONCURRENT_UPDATE after retries).
    responses: { 200: OnStaffResultSchema, 401: E, 403: E, 404: E, 409: E },
  }),
  aggregate: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/aggregate.xlsx',
    params: P.campaign,
    auth: ['office', 'supervisor'],
    responses: { 200: binary, 401: E, 403: E, 404: E },
  }),
  /** `names=full`: full names instead of masked ones (office only, where the law allows); IDs stay masked. */
  notice: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/notice.xlsx',
    params: P.campaign,
    auth: ['office'],
    query: z.strictObject({ names: z.enum(['masked', 'full']).default('masked') }),
    responses: { 200: binary, 401: E, 403: E, 404: E },
  }),
  /** A supervisor may record verifications of the units in its subtree. */
  /** An external roster (社保参保 / 工资统发 / 派遣) as JSON or .xlsx; replaces that source's earlier upload. */
  putRoster: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/rosters/{source}',
    params: z.strictObject({ campaignId: IdSchema, source: RosterSourceSchema }),
    body: { jsonOrRaw: RosterBodySchema, raw: [XLSX_CONTENT_TYPE] },
    auth: ['office'],
    responses: { 200: RosterInfoSchema, 401: E, 403: E, 404: E, 409: E, 415: E },
  }),
  getRosters: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/rosters',
    params: P.campaign,
    auth: ['office'],
    responses: { 200: RostersStatusSchema, 401: E, 403: E, 404: E },
  }),
  /** Suspected under-reporting (疑似漏报) from the rosters; a supervisor gets its subtree (and no 范围遗漏). */
  leads: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/leads',
    params: P.campaign,
    auth: ['office', 'supervisor'],
    responses: { 200: LeadsResponseSchema, 401: E, 403: E, 404: E },
  }),
  /** Leads of one unit → one verification record, as POST /verifications would make it. */
  verifyLeads: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/leads/verify',
    params: P.campaign,
    body: LeadVerifyBodySchema,
    auth: ['office', 'supervisor'],
    responses: { 201: VerificationSchema, 401: E, 403: E, 404: E },
  }),
  /** A reproducible risk-weighted draw of units for on-site checks (双随机); audited. */
  sampling: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/sampling',
    params: P.campaign,
    body: SamplingBodySchema,
    auth: ['office'],
    responses: { 201: SamplingResultSchema, 401: E, 403: E, 404: E },
  }),
  verification: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/verifications',
    params: P.campaign,
    body: VerificationBodySchema,
    auth: ['office', 'supervisor'],
    responses: { 201: VerificationSchema, 401: E, 403: E, 404: E },
  }),
  listVerifications: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/verifications',
    params: P.campaign,
    auth: ['office', 'supervisor'],
    responses: { 200: z.strictObject({ verifications: z.array(VerificationSchema) }), 401: E, 403: E, 404: E },
  }),
  getOnStaff: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/on-staff',
    params: P.campaign,
    auth: ['office'],
    responses: { 200: OnStaffStatusSchema, 401: E, 403: E, 404: E },
  }),
  /** What changed from version `from` (default v−1) to v; 400 for v = 1. */
  diff: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/diff',
    params: P.version,
    query: z.strictObject({ from: z.coerce.number().int().positive().optional() }),
    auth: ['liaison', 'head', 'leader', 'supervisor', 'office'],
    responses: { 200: DiffResponseSchema, 401: E, 403: E, 404: E },
  }),
  devToken: route({
    method: 'POST',
    path: '/dev/token',
    params: P.none,
    body: DevTokenBodySchema,
    DevUserSchema,
    auth: 'public',
    responses: { 200: z.strictObject({ token: z.string() }), 404: E },
  }),
  /** Dev mode only (404 otherwise): the users the dev sign-in pickers offer, of one campaign or of all. */
  devUsers: route({
    method: 'GET',
    path: '/dev/users',
    params: P.none,
    auth: 'public',
    query: z.strictObject({ campaignId: IdSchema.optional() }),
    responses: { 200: z.strictObject({ users: z.array(DevUserSchema) }), 400: E, 404: E },
  }),
  health: route({
    method: 'GET',
    path: '/health',
    params: P.none,
    auth: 'public',
    responses: {
      200: z.strictObject({ ok: z.literal(true), storage: z.literal('ok') }),
      503: z.object({
        ok: z.literal(false),
        storage: z.literal('unavailable'),
        code: z.literal('STORAGE_UNAVAILABLE'),
        message: z.string(),
      }),
    },
  }),
  template: route({
    method: 'GET',
    path: '/template.xlsx',
    params: P.none,
    auth: 'public',
    responses: { 200: binary },
  }),
  /** Whether a receipt number and digest pair is a real submission (no personal data); valid:false when unknown. */
  verify: route({
    method: 'GET',
    path: '/verify',
    params: P.none,
    query: VerifyQuerySchema,
    auth: 'public',
    responses: { 200: VerifyResultSchema, 400: E },
  }),
  /** The phone page the sign-off page's QR code opens (手机扫码核验): the verify answer as HTML. */
  verifyPage: route({
    method: 'GET',
    path: '/verify/page',
    params: P.none,
    query: VerifyQuerySchema.partial(),
    auth: 'public',
    responses: { 200: z.string() /* text/html */ },
  }),
  /** The Chinese font the sign-off page's HTML loads (shipped with the app). */
  font: route({
    method: 'GET',
    path: '/fonts/{file}',
    params: z.strictObject({ file: z.string().max(100) }),
    auth: 'public',
    responses: { 200: binary, 404: E },
  }),
  /** The campaign's evidence archive (zip, streamed): ledgers, sign-off PDFs, scans, audit, manifest.json. */
  archive: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/archive.zip',
    params: P.campaign,
    auth: ['office'],
    responses: { 200: binary, 401: E, 403: E, 404: E },
  }),
  /** Like the Functions host's admin API: runs a non-HTTP function (e.g. `reminders`); outside /api. 404 unless AUTH_MODE=dev. */
  // Served by the host itself (no readParams / readJson), so not through route(): its statuses as they are;
  // 400 is a bad X-Dev-Now.
  adminRun: {
    method: 'POST',
    path: '/admin/functions/{name}',
    params: z.strictObject({ name: z.string() }),
    body: AdminRunBodySchema,
    auth: 'public',
    responses: { 202: z.null() /* empty body */, 400: E, 404: E },
  },
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;
type RouteOf<N extends RouteName> = (typeof routes)[N];
/** The path params a route's template takes, as a caller passes them. */
export type ParamsOf<N extends RouteName> = { [K in keyof z.input<RouteOf<N>['params']>]: string | number };
/** The JSON body a route takes (its schema's input); `never` for routes without one or with raw bodies only. */
export type BodyOf<N extends RouteName> =
  RouteOf<N> extends { body: infer B }
    ? B extends z.ZodType
      ? z.input<B>
      : B extends { jsonOrRaw: infer J extends z.ZodType }
        ? z.input<J>
        : never
    : never;
/** The query parameters a route reads, as strings or numbers. */
export type QueryOf<N extends RouteName> =
  RouteOf<N> extends { query: infer Q extends z.ZodObject } ? { [K in keyof z.input<Q>]?: string | number } : Record<string, never>;
/** The body type of a route's success status. */
export type ResponseOf<N extends RouteName, S extends keyof (typeof routes)[N]['responses']> = z.infer<
  (typeof routes)[N]['responses'][S] extends z.ZodType ? (typeof routes)[N]['responses'][S] : never
>;

/** Fill a path template: `fillPath('/campaigns/{campaignId}', { campaignId: 'demo' })`. */
export function fillPath(path: string, params: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`missing path param ${k}`);
    return encodeURIComponent(String(v));
  });
}

export type ProgressResponse = ResponseOf<'progress', 200>;
export type MeResponse = ResponseOf<'getMe', 200>;
export type VerificationsResponse = ResponseOf<'listVerifications', 200>;
