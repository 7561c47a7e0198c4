// The desk's routes (office and supervisors): progress, audit, reminders, the on-staff roster, the
// workbooks, verifications and the evidence archive.
import { z } from 'zod';
import { binary, DESK, E, route, type RouteDef, read } from '../route';
import { AUDIT_CATEGORIES } from '../enums';
import {
  AuditEntrySchema,
  DaySchema,
  IdSchema,
  MilestoneSchema,
  OnStaffBodySchema,
  ProgressRowSchema,
  ReminderSchema,
  VerificationBodySchema,
} from '../schemas';
import { OnStaffResultSchema, OnStaffStatusSchema, VerificationSchema } from '../deskSchemas';

export const deskRoutes = {
  progress: read(
    '/campaigns/{campaignId}/progress',
    DESK,
    z.strictObject({ campaignId: IdSchema, asOf: DaySchema, milestones: z.array(MilestoneSchema), units: z.array(ProgressRowSchema) }),
  ),
  audit: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/audit',
    auth: DESK,
    /** `access`: only who read personal data; `change`: only state changes; absent: both. */
    query: z.strictObject({ category: z.enum(AUDIT_CATEGORIES).optional() }),
    responses: { 200: z.strictObject({ entries: z.array(AuditEntrySchema) }), 404: E },
  }),
  reminders: read('/campaigns/{campaignId}/reminders', DESK, z.strictObject({ reminders: z.array(ReminderSchema) })),
  // The desk's routes (office and supervisors).
  putOnStaff: route({
    method: 'PUT',
    path: '/campaigns/{campaignId}/on-staff',
    body: OnStaffBodySchema,
    auth: ['office'],
    // 409: the roster pointer kept changing under it (CONCURRENT_UPDATE after retries).
    responses: { 200: OnStaffResultSchema, 404: E, 409: E },
  }),
  getOnStaff: read('/campaigns/{campaignId}/on-staff', ['office'], OnStaffStatusSchema),
  aggregate: read('/campaigns/{campaignId}/aggregate.xlsx', DESK, binary),
  /** `names=full`: full names instead of masked ones (office only, where the law allows); IDs stay masked. */
  notice: route({
    method: 'GET',
    path: '/campaigns/{campaignId}/notice.xlsx',
    auth: ['office'],
    query: z.strictObject({ names: z.enum(['masked', 'full']).default('masked') }),
    responses: { 200: binary, 404: E },
  }),
  /** A supervisor may record verifications of the units in its subtree. */
  verification: route({
    method: 'POST',
    path: '/campaigns/{campaignId}/verifications',
    body: VerificationBodySchema,
    auth: DESK,
    responses: { 201: VerificationSchema, 404: E },
  }),
  listVerifications: read('/campaigns/{campaignId}/verifications', DESK, z.strictObject({ verifications: z.array(VerificationSchema) })),
  /** The campaign's evidence archive (zip, streamed): ledgers, sign-off PDFs, scans, audit, manifest.json. */
  archive: read('/campaigns/{campaignId}/archive.zip', ['office'], binary),
} as const satisfies Record<string, RouteDef>;
