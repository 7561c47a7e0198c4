// Routes without a token: health, the template, receipt verification and its phone page, the font,
// and the dev-mode helpers (tokens, users, running a timer function).
import { z } from 'zod';
import { binary, E, route, type RouteDef, read } from '../route';
import { AdminRunBodySchema, DevTokenBodySchema, DevUserSchema, IdSchema, VerifyQuerySchema, VerifyResultSchema } from '../schemas';

export const publicRoutes = {
  devToken: route({
    method: 'POST',
    path: '/dev/token',
    body: DevTokenBodySchema,
    auth: 'public',
    responses: { 200: z.strictObject({ token: z.string() }), 404: E },
  }),
  /** Dev mode only (404 otherwise): the users the dev sign-in pickers offer, of one campaign or of all. */
  devUsers: route({
    method: 'GET',
    path: '/dev/users',
    auth: 'public',
    query: z.strictObject({ campaignId: IdSchema.optional() }),
    responses: { 200: z.strictObject({ users: z.array(DevUserSchema) }), 400: E, 404: E },
  }),
  health: route({
    method: 'GET',
    path: '/health',
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
    auth: 'public',
    responses: { 200: binary },
  }),
  /** Whether a receipt number and digest pair is a real submission (no personal data); valid:false when unknown. */
  verify: route({
    method: 'GET',
    path: '/verify',
    query: VerifyQuerySchema,
    auth: 'public',
    responses: { 200: VerifyResultSchema, 400: E },
  }),
  /** The phone page the sign-off page's QR code opens (手机扫码核验): the verify answer as HTML. */
  verifyPage: route({
    method: 'GET',
    path: '/verify/page',
    query: VerifyQuerySchema.partial(),
    auth: 'public',
    responses: { 200: z.string() /* text/html */ },
  }),
  /** The Chinese font the sign-off page's HTML loads (shipped with the app). */
  font: read('/fonts/{file}', 'public', binary),
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
