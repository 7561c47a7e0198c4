// Routes of one unit's versions: submit, read, sign off, seal, the sign-off sheet, review, and diffs.
import { z } from 'zod';
import { binary, E, route, type RouteDef, XLSX_CONTENT_TYPE, DESK, UNIT_READERS, read } from '../route';
import { SEAL_CONTENT_TYPES, UnitStatusSchema } from '../enums';
import {
  ReviewBodySchema,
  ReviewSchema,
  SealSchema,
  SignOffBodySchema,
  SignOffSchema,
  SubmissionViewSchema,
  SubmitBodySchema,
  SubmitResultSchema,
  UnitViewSchema,
} from '../schemas';
import { DiffResponseSchema } from '../deskSchemas';

export const unitRoutes = {
  submit: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions',
    body: { jsonOrRaw: SubmitBodySchema, raw: [XLSX_CONTENT_TYPE] },
    auth: ['liaison'],
    responses: { 201: SubmitResultSchema, 200: SubmitResultSchema, 404: E, 409: E, 415: E, 422: E },
  }),
  getUnit: read('/campaigns/{campaignId}/units/{unitId}', UNIT_READERS, UnitViewSchema),
  getSubmission: read('/campaigns/{campaignId}/units/{unitId}/submissions/{version}', UNIT_READERS, SubmissionViewSchema),
  signOff: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/signoff',
    body: SignOffBodySchema,
    auth: ['head'],
    responses: { 200: z.strictObject({ signOff: SignOffSchema }), 404: E, 409: E },
  }),
  seal: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/seal',
    body: { raw: SEAL_CONTENT_TYPES },
    auth: ['liaison', 'head'],
    responses: { 200: z.strictObject({ seal: SealSchema }), 404: E, 409: E, 415: E, 422: E },
  }),
  /** `?format=pdf`: the same page as a one-page A4 PDF drawn on the server. */
  signOffSheet: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/signoff-sheet',
    query: z.strictObject({ format: z.enum(['html', 'pdf']).optional() }),
    auth: UNIT_READERS,
    responses: { 200: z.union([z.string() /* text/html */, binary /* application/pdf */]), 404: E },
  }),
  /** decision `reopen` (with reasons) unlocks an accepted version so the liaison may submit again. */
  review: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/review',
    // A supervisor reviews (endorse / return) the units it is the nearest supervising department of.
    body: ReviewBodySchema,
    auth: DESK,
    responses: { 200: z.strictObject({ review: ReviewSchema, status: UnitStatusSchema }), 404: E, 409: E },
  }),
  /** What changed from version `from` (default v−1) to v; 400 for v = 1. */
  diff: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/diff',
    query: z.strictObject({ from: z.coerce.number().int().positive().optional() }),
    auth: UNIT_READERS,
    responses: { 200: DiffResponseSchema, 404: E },
  }),
} as const satisfies Record<string, RouteDef>;
