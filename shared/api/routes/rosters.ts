// External rosters (社保参保 / 工资统发 / 派遣), the suspected under-reporting they reveal, and the
// risk-weighted draw of units to check (双随机).
import { DESK, E, route, type RouteDef, XLSX_CONTENT_TYPE, read } from '../route';
import { VerificationSchema } from '../deskSchemas';
import {
  LeadVerifyBodySchema,
  LeadsResponseSchema,
  RosterBodySchema,
  RosterInfoSchema,
  RostersStatusSchema,
  SamplingBodySchema,
  SamplingResultSchema,
} from '../chain';

export const rosterRoutes = {
  /** An external roster (社保参保 / 工资统发 / 派遣) as JSON or .xlsx; replaces that source's earlier upload. */
  putRoster: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/rosters/{source}',
    body: { jsonOrRaw: RosterBodySchema, raw: [XLSX_CONTENT_TYPE] },
    auth: ['office'],
    responses: { 200: RosterInfoSchema, 404: E, 409: E, 415: E },
  }),
  getRosters: read('/campaigns/{campaignId}/rosters', ['office'], RostersStatusSchema),
  /** Suspected under-reporting (疑似漏报) from the rosters; a supervisor gets its subtree (and no 范围遗漏). */
  leads: read('/campaigns/{campaignId}/leads', DESK, LeadsResponseSchema),
  /** Leads of one unit → one verification record, as POST /verifications would make it. */
  verifyLeads: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/leads/verify',
    body: LeadVerifyBodySchema,
    auth: DESK,
    responses: { 201: VerificationSchema, 404: E },
  }),
  /** A reproducible risk-weighted draw of units for on-site checks (双随机); audited. */
  sampling: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/sampling',
    body: SamplingBodySchema,
    auth: ['office'],
    responses: { 201: SamplingResultSchema, 404: E },
  }),
} as const satisfies Record<string, RouteDef>;
