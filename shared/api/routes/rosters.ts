// External rosters (社保参保 / 工资统发 / 派遣), the suspected under-reporting they reveal, and the
// risk-weighted draw of units to check (双随机).
import { z } from 'zod';
import { E, P, route, type RouteDef, XLSX_CONTENT_TYPE } from '../route';
import { IdSchema } from '../schemas';
import { VerificationSchema } from '../deskSchemas';
import {
  LeadVerifyBodySchema,
  LeadsResponseSchema,
  RosterBodySchema,
  RosterInfoSchema,
  RosterSourceSchema,
  RostersStatusSchema,
  SamplingBodySchema,
  SamplingResultSchema,
} from '../chain';

export const rosterRoutes = {
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
} as const satisfies Record<string, RouteDef>;
