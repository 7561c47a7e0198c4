// The HTTP contract of the functions (spec: api.md v1) as zod: one object per route with its method,
// path template (relative to the /api base), params, body and a schema per response status. The
// functions validate with these schemas and the add-in builds its client from them; nothing is retyped.
import { z } from 'zod';
import { CellSchema, CheckResultSchema, IssueSchema, LedgerSchema, RosterKeySchema, SummarySchema, UnitKeySchema } from '../ledger/schema';
import { RuleCodeSchema } from '../ledger/schema';
import { todayInChina } from '../dates';

// ---------------------------------------------------------------- basics

/** Ids used in storage keys: letters, digits and `_ . @ -` (never `| / \ # ?`). */
export const IdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$/, '只能包含字母、数字和 _ . @ -，不超过128个字符');
export const DaySchema = z.iso.date();
export const TimestampSchema = z.iso.datetime({ offset: true });
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, '应为64位小写十六进制 SHA-256 摘要');

export const ROLES = ['liaison', 'head', 'leader', 'supervisor', 'office'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;
export const ROLE_LABEL: Record<Role, string> = {
  liaison: '联络员',
  head: '单位主要负责人',
  leader: '分管负责人',
  supervisor: '主管部门',
  office: '领导小组办公室',
};

export const UNIT_STATUSES = ['not_started', 'submitted', 'signed', 'sealed', 'returned', 'accepted'] as const;
export const UnitStatusSchema = z.enum(UNIT_STATUSES);
export type UnitStatus = z.infer<typeof UnitStatusSchema>;
export const UNIT_STATUS_LABEL: Record<UnitStatus, string> = {
  not_started: '未报送',
  submitted: '已提交待签字',
  signed: '已签字待盖章',
  sealed: '已报送',
  returned: '已退回',
  accepted: '已通过',
};

/**
 * What completes a milestone for a unit (default `reported`):
 * - `submitted`: the first stored submission of any version;
 * - `reported` (已报送): the first time a version is submitted, signed by the head and sealed;
 * - `accepted`: the office accepted a version.
 * A later return does not undo a completed `submitted`/`reported` milestone: the unit did report on time.
 */
export const MILESTONE_REQUIREMENTS = ['submitted', 'reported', 'accepted'] as const;
export const MilestoneRequirementSchema = z.enum(MILESTONE_REQUIREMENTS);
export type MilestoneRequirement = z.infer<typeof MilestoneRequirementSchema>;

export const MilestoneSchema = z.strictObject({
  id: IdSchema,
  title: z.string().trim().min(1).max(100),
  due: DaySchema,
  requires: MilestoneRequirementSchema.optional(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

export const MILESTONE_STATES = ['due', 'done_on_time', 'done_late', 'overdue'] as const;
export const MilestoneStateSchema = z.enum(MILESTONE_STATES);
export type MilestoneState = z.infer<typeof MilestoneStateSchema>;
export const MILESTONE_STATE_LABEL: Record<z.infer<typeof MilestoneStateSchema>, string> = {
  due: '未到期',
  done_on_time: '按时完成',
  done_late: '逾期完成',
  overdue: '已逾期',
};

/** A unit's standing on one milestone; `due` includes the unit's extension. Days are China dates. */
export const UnitMilestoneSchema = z.strictObject({
  id: IdSchema,
  title: z.string(),
  requires: MilestoneRequirementSchema,
  due: DaySchema,
  extended: z.boolean(),
  doneAt: TimestampSchema.nullable(),
  /** null while not done and not yet overdue. */
  onTime: z.boolean().nullable(),
  state: MilestoneStateSchema,
  /** Days past due: how late it was done, or how long it has been overdue; 0 otherwise. */
  overdueDays: z.number().int().nonnegative(),
});
export type UnitMilestone = z.infer<typeof UnitMilestoneSchema>;

// ---------------------------------------------------------------- errors

export const ERROR_CODES = [
  'UNAUTHENTICATED', // 401: token missing, expired, badly signed, wrong audience
  'FORBIDDEN', // 403: valid token, no role for that unit
  'NOT_FOUND', // 404: campaign, unit, version or route unknown
  'METHOD_NOT_ALLOWED', // 405
  'BAD_JSON', // 400: body is not JSON
  'VALIDATION_FAILED', // 400: wrong types or unknown fields; details = z.flattenError
  'MISSING_IDEMPOTENCY_KEY', // 400: submissions need an Idempotency-Key header
  'WORKBOOK_UNREADABLE', // 400: .xlsx body cannot be read; details.reason = the reader's code
  'INVALID_UNIT_TREE', // 400: parentId unknown, cyclic, or member on an unknown unit
  'UNKNOWN_MILESTONE', // 400: extension for a milestone the campaign does not have
  'PAYLOAD_TOO_LARGE', // 413: body over 10 MB
  'UNSUPPORTED_MEDIA_TYPE', // 415: content type not accepted (or bytes do not match it)
  'LEDGER_INVALID', // 422: the server's check found an `error`; details.issues
  'SUBMISSION_LOCKED', // 409: the unit's current submission is accepted and not reopened
  'IDEMPOTENCY_KEY_REUSED', // 409: the key was used for a different ledger
  'DIGEST_MISMATCH', // 409: sign-off digest is not that version's digest
  'VERSION_SUPERSEDED', // 409: a newer version exists
  'INVALID_STATE', // 409: action not allowed in the unit's current status (e.g. seal before sign-off)
  'CONCURRENT_UPDATE', // 409: a concurrent change to the same data won (after any retries); repeat the request
  'STORAGE_UNAVAILABLE', // 503: Table/Blob storage cannot be reached (or answered too slowly)
  'BUSY', // 503: the instance is at its capacity for heavy work (workbooks); Retry-After says when to retry
  'INTERNAL', // 500: a bug; never for anything a client can send
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Always present; null when the error has nothing to add. */
  details: z.unknown(),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

// ---------------------------------------------------------------- domain shapes in responses

export const SignOffSchema = z.strictObject({ userId: z.string(), name: z.string(), at: TimestampSchema, digest: Sha256HexSchema });
export type SignOff = z.infer<typeof SignOffSchema>;
export const SEAL_CONTENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const SealSchema = z.strictObject({
  sha256: Sha256HexSchema,
  contentType: z.enum(SEAL_CONTENT_TYPES),
  bytes: z.number().int().positive(),
  at: TimestampSchema,
  userId: z.string(),
});
export type Seal = z.infer<typeof SealSchema>;
export const REVIEW_DECISIONS = ['accept', 'return', 'reopen'] as const;
export const ReviewDecisionSchema = z.enum(REVIEW_DECISIONS);
export type ReviewDecision = z.infer<typeof ReviewDecisionSchema>;
export const ReviewSchema = z.strictObject({
  decision: ReviewDecisionSchema,
  reasons: z.array(z.string()),
  userId: z.string(),
  name: z.string(),
  at: TimestampSchema,
});
export type Review = z.infer<typeof ReviewSchema>;

export const LatestSchema = z.strictObject({
  version: z.number().int().positive(),
  digest: Sha256HexSchema,
  receiptNo: z.string(),
  submittedAt: TimestampSchema,
  submittedBy: z.string(),
  summary: SummarySchema,
  signOff: SignOffSchema.nullable(),
  seal: SealSchema.nullable(),
  /** The latest review decision on this version (accept / return / reopen), null when none. */
  review: ReviewSchema.nullable(),
});
export type Latest = z.infer<typeof LatestSchema>;

export const UnitViewSchema = z.strictObject({
  campaignId: IdSchema,
  unitId: IdSchema,
  name: z.string(),
  parentId: IdSchema.nullable(),
  status: UnitStatusSchema,
  /** 已报送: submitted, signed and sealed (true also once accepted). */
  reported: z.boolean(),
  /** Reasons of the last return, shown to the liaison; empty when not returned. */
  returnReasons: z.array(z.string()),
  latest: LatestSchema.nullable(),
  milestones: z.array(UnitMilestoneSchema),
});
export type UnitView = z.infer<typeof UnitViewSchema>;

export const AUDIT_ACTIONS = [
  'campaign.put',
  'units.put',
  'extension.put',
  'onstaff.put',
  'submission.create',
  'signoff',
  'seal',
  'review.accept',
  'review.return',
  'review.reopen',
  'verification.create',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;
export const AuditEntrySchema = z.strictObject({
  id: z.string(),
  at: TimestampSchema,
  userId: z.string(),
  /** The role the actor acted in ('office' for OFFICE_ADMINS). */
  role: RoleSchema,
  action: AuditActionSchema,
  campaignId: IdSchema,
  unitId: IdSchema.nullable(),
  version: z.number().int().positive().nullable(),
  digest: Sha256HexSchema.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

/** The server returns at most this many issues (the first, in the checker's order) with exact counts. */
export const MAX_RETURNED_ISSUES = 1000;
/** Exact counts of all issues, also of those beyond MAX_RETURNED_ISSUES. */
export const IssueCountsSchema = z.strictObject({
  bySeverity: z.strictObject({ error: z.number().int().nonnegative(), warning: z.number().int().nonnegative(), finding: z.number().int().nonnegative() }),
  byRule: z.partialRecord(RuleCodeSchema, z.number().int().positive()),
});
export type IssueCounts = z.infer<typeof IssueCountsSchema>;
/** `issues` capped at MAX_RETURNED_ISSUES; the pane and the CLI check locally and show them all. */
const cappedIssues = {
  issues: z.array(IssueSchema),
  /** True when `issues` holds only the first MAX_RETURNED_ISSUES. */
  issuesTruncated: z.boolean(),
  issueCounts: IssueCountsSchema,
};

export const SubmitResultSchema = z.strictObject({
  version: z.number().int().positive(),
  digest: Sha256HexSchema,
  /** SM3 (GB/T 32905) of the same canonical form, null where the runtime lacks SM3. */
  sm3: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
  receiptNo: z.string(),
  submittedAt: TimestampSchema,
  summary: SummarySchema,
  ...cappedIssues,
});
export type SubmitResult = z.infer<typeof SubmitResultSchema>;

export const SubmissionViewSchema = z.strictObject({
  campaignId: IdSchema,
  unitId: IdSchema,
  version: z.number().int().positive(),
  digest: Sha256HexSchema,
  sm3: z.string().nullable(),
  receiptNo: z.string(),
  submittedAt: TimestampSchema,
  submittedBy: z.string(),
  superseded: z.boolean(),
  summary: SummarySchema,
  ...cappedIssues,
  ledger: LedgerSchema,
  signOff: SignOffSchema.nullable(),
  seal: SealSchema.nullable(),
  reviews: z.array(ReviewSchema),
  /** The audit entries of this version, oldest first. */
  history: z.array(AuditEntrySchema),
});
export type SubmissionView = z.infer<typeof SubmissionViewSchema>;

export const ProgressRowSchema = z.strictObject({
  unitId: IdSchema,
  name: z.string(),
  parentId: IdSchema.nullable(),
  status: UnitStatusSchema,
  reported: z.boolean(),
  version: z.number().int().positive().nullable(),
  submittedAt: TimestampSchema.nullable(),
  signedAt: TimestampSchema.nullable(),
  sealedAt: TimestampSchema.nullable(),
  acceptedAt: TimestampSchema.nullable(),
  /** All milestones due so far done on time; null when none is due or done yet. */
  onTime: z.boolean().nullable(),
  /** The largest overdue (or done-late) days over the unit's milestones. */
  overdueDays: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative().nullable(),
  errors: z.number().int().nonnegative().nullable(),
  findings: z.number().int().nonnegative().nullable(),
  /** Persons found by verifications (实地核查/举报) but missing from the unit's ledger (漏报/瞒报). */
  underReports: z.number().int().nonnegative(),
  milestones: z.array(UnitMilestoneSchema),
});
export type ProgressRow = z.infer<typeof ProgressRowSchema>;

export const ReminderSchema = z.strictObject({
  unitId: IdSchema,
  milestoneId: IdSchema,
  day: DaySchema,
  kind: z.enum(['overdue', 'due_soon']),
  due: DaySchema,
  /** Days overdue (kind overdue) or days left (kind due_soon). */
  days: z.number().int().nonnegative(),
  recipients: z.array(z.strictObject({ userId: z.string(), name: z.string(), role: RoleSchema })),
  createdAt: TimestampSchema,
});
export type Reminder = z.infer<typeof ReminderSchema>;

// ---------------------------------------------------------------- request bodies

export const CampaignBodySchema = z.strictObject({
  title: z.string().trim().min(1).max(200),
  // A number (1) is taken as its text ('1'): the version is compared as text.
  templateVersion: z.union([z.string().min(1).max(20), z.number().int().nonnegative().transform(String)]),
  milestones: z.array(MilestoneSchema).max(50),
});
export type CampaignBody = z.infer<typeof CampaignBodySchema>;
export const CampaignViewSchema = CampaignBodySchema.extend({ campaignId: IdSchema, updatedAt: TimestampSchema });
export type CampaignView = z.infer<typeof CampaignViewSchema>;

export const UnitDefSchema = z.strictObject({ unitId: IdSchema, name: z.string().trim().min(1).max(100), parentId: IdSchema.nullable() });
// Office staff (领导小组办公室) may belong to no unit of the campaign; every other role acts for a unit.
export const MemberSchema = z
  .strictObject({ userId: IdSchema, name: z.string().trim().min(1).max(50), role: RoleSchema, unitId: IdSchema.nullable() })
  .refine((m) => m.unitId !== null || m.role === 'office', { message: '除领导小组办公室成员外，成员须填写所在单位（unitId）', path: ['unitId'] });
export type UnitDef = z.infer<typeof UnitDefSchema>;
export type Member = z.infer<typeof MemberSchema>;
export const UnitsBodySchema = z.strictObject({
  units: z.array(UnitDefSchema).max(5000),
  members: z.array(MemberSchema).max(20000),
});
export type UnitsBody = z.infer<typeof UnitsBodySchema>;
export const ExtensionBodySchema = z.strictObject({ milestoneId: IdSchema, due: DaySchema });
export type ExtensionBody = z.infer<typeof ExtensionBodySchema>;
// ID numbers as pasted: spaces and full-width forms are normalised by the server, anything else is counted invalid.
export const OnStaffBodySchema = z.strictObject({ idNumbers: z.array(z.string().max(64)).max(200000) });
export type OnStaffBody = z.infer<typeof OnStaffBodySchema>;
export const SubmitBodySchema = z.strictObject({ ledger: LedgerSchema });
export type SubmitBody = z.infer<typeof SubmitBodySchema>;
export const SignOffBodySchema = z.strictObject({ digest: Sha256HexSchema });
export type SignOffBody = z.infer<typeof SignOffBodySchema>;
export const ReviewBodySchema = z
  .strictObject({ decision: ReviewDecisionSchema, reasons: z.array(z.string().trim().min(1).max(500)).max(50).default([]) })
  .refine((b) => b.decision === 'accept' || b.reasons.length > 0, { message: '退回或重新打开须至少填写一条理由', path: ['reasons'] });
export type ReviewBody = z.infer<typeof ReviewBodySchema>;
/** How an office or supervisor found persons to check a unit's ledger against: 实地核查 or 举报. */
export const VERIFICATION_KINDS = ['onsite', 'tip'] as const;
export const VerificationBodySchema = z.strictObject({
  unitId: IdSchema,
  kind: z.enum(VERIFICATION_KINDS),
  /** The day of the check; a full timestamp is taken as its China calendar day. */
  at: z.union([DaySchema, TimestampSchema.transform((t) => todayInChina(Date.parse(t)))]),
  summary: z.string().max(2000),
  missingPersons: z.array(z.strictObject({ name: z.string().max(30), idNumber: z.string().max(64) })).max(10000),
});
export type VerificationBody = z.infer<typeof VerificationBodySchema>;

// ---------------------------------------------------------------- desk response shapes

/** The on-staff roster (在编人员名单) loaded: how many IDs, when and by whom (never the IDs). */
export const OnStaffInfoSchema = z.strictObject({
  count: z.number().int().nonnegative(),
  updatedAt: TimestampSchema,
  updatedBy: z.string(),
});
export type OnStaffInfo = z.infer<typeof OnStaffInfoSchema>;
/** GET on-staff: the loaded roster, or count 0 and nulls when none was loaded. */
export const OnStaffStatusSchema = z.union([
  OnStaffInfoSchema,
  z.strictObject({ count: z.literal(0), updatedAt: z.null(), updatedBy: z.null() }),
]);
export type OnStaffStatus = z.infer<typeof OnStaffStatusSchema>;
/** PUT on-staff: the roster stored, plus what was left out of it. */
export const OnStaffResultSchema = OnStaffInfoSchema.extend({
  /** Entries given that are not ID numbers (not stored), and up to 20 of them to show. */
  invalid: z.number().int().nonnegative(),
  invalidSamples: z.array(z.string()).max(20),
  /** Entries that repeat an ID already given. */
  duplicates: z.number().int().nonnegative(),
});
export type OnStaffResult = z.infer<typeof OnStaffResultSchema>;

export const VerificationKindSchema = z.enum(VERIFICATION_KINDS);
export type VerificationKind = z.infer<typeof VerificationKindSchema>;
export const MissingPersonSchema = z.strictObject({ name: z.string(), idNumber: z.string() });
export type MissingPerson = z.infer<typeof MissingPersonSchema>;
/** 单位主要负责人 (第一责任人), 分管负责人 (主要责任人), 联络员 (直接责任人) of the unit checked. */
export const ResponsiblePersonsSchema = z.strictObject({ heads: z.array(z.string()), leaders: z.array(z.string()), liaisons: z.array(z.string()) });
export type ResponsiblePersons = z.infer<typeof ResponsiblePersonsSchema>;
/** A recorded verification (实地核查 / 举报) with the persons it found missing from the unit's ledger. */
export const VerificationSchema = z.strictObject({
  verificationId: z.string(),
  campaignId: IdSchema,
  unitId: IdSchema,
  kind: VerificationKindSchema,
  /** Day of the verification. */
  at: DaySchema,
  summary: z.string(),
  /** The version checked against; null when the unit had submitted nothing. */
  ledgerVersion: z.number().int().positive().nullable(),
  recordedBy: z.string(),
  recordedAt: TimestampSchema,
  /** Distinct persons reported by the verification. */
  checked: z.number().int().nonnegative(),
  /** Of those, already in the ledger. */
  found: z.number().int().nonnegative(),
  /** The rest: under-reported (漏报/瞒报); idNumber normalised when it has an ID shape. */
  underReports: z.array(MissingPersonSchema),
  responsible: ResponsiblePersonsSchema,
});
export type Verification = z.infer<typeof VerificationSchema>;

/** A person in a version diff, matched by ID number; `row` is the worksheet row in the version it is taken from. */
export const DiffPersonSchema = z.strictObject({ idNumber: z.string(), name: z.string().nullable(), row: z.number().int().positive() });
export type DiffPerson = z.infer<typeof DiffPersonSchema>;
/** One field's change; `column` is the header (roster) or label (unit sheet) text. */
const fieldChange = <K extends z.ZodType>(field: K) => z.strictObject({ field, column: z.string(), before: CellSchema, after: CellSchema });
export const RosterFieldChangeSchema = fieldChange(RosterKeySchema);
export type RosterFieldChange = z.infer<typeof RosterFieldChangeSchema>;
export const UnitFieldChangeSchema = fieldChange(UnitKeySchema);
export type UnitFieldChange = z.infer<typeof UnitFieldChangeSchema>;
export const ChangedPersonSchema = DiffPersonSchema.extend({
  /** Row in the earlier version. */
  previousRow: z.number().int().positive(),
  changes: z.array(RosterFieldChangeSchema),
});
export type ChangedPerson = z.infer<typeof ChangedPersonSchema>;
const count = z.number().int().nonnegative();
export const LedgerDiffSchema = z.strictObject({
  added: z.array(DiffPersonSchema),
  removed: z.array(DiffPersonSchema),
  changed: z.array(ChangedPersonSchema),
  /** Changes on the unit sheet (单位基本情况). */
  unitChanges: z.array(UnitFieldChangeSchema),
  summary: z.strictObject({ added: count, removed: count, changed: count, unchanged: count, unitChanges: count }),
});
export type LedgerDiff = z.infer<typeof LedgerDiffSchema>;
export const DiffResponseSchema = LedgerDiffSchema.extend({
  campaignId: IdSchema,
  unitId: IdSchema,
  version: z.number().int().positive(),
  previousVersion: z.number().int().positive(),
});
export type DiffResponse = z.infer<typeof DiffResponseSchema>;

export const DevTokenBodySchema = z.strictObject({ userId: IdSchema });
export type DevTokenBody = z.infer<typeof DevTokenBodySchema>;
export const AdminRunBodySchema = z.object({ input: z.string().optional() });
export type AdminRunBody = z.infer<typeof AdminRunBodySchema>;

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
type Implied<R extends RouteDef> = (R extends { auth: 'public'; body?: undefined }
  ? [keyof R['params']['shape']] extends [never]
    ? {}
    : { 400: typeof E }
  : { 400: typeof E }) &
  (R extends { body: BodyDef } ? { 413: typeof E } : {}) &
  (R extends { auth: 'public' } ? {} : { 503: typeof E } & (R extends { method: 'POST' | 'PUT' } ? { 409: typeof E } : {}));
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
    method: 'PUT', path: '/campaigns/{campaignId}', params: P.campaign, body: CampaignBodySchema, auth: ['office'],
    responses: { 200: CampaignViewSchema, 401: E, 403: E },
  }),
  getCampaign: route({
    method: 'GET', path: '/campaigns/{campaignId}', params: P.campaign, auth: ['member'],
    responses: { 200: CampaignViewSchema, 401: E, 403: E, 404: E },
  }),
  putUnits: route({
    method: 'PUT', path: '/campaigns/{campaignId}/units', params: P.campaign, body: UnitsBodySchema, auth: ['office'],
    responses: { 200: z.strictObject({ units: z.number().int(), members: z.number().int() }), 401: E, 403: E, 404: E },
  }),
  putExtension: route({
    method: 'PUT', path: '/campaigns/{campaignId}/units/{unitId}/extension', params: P.unit, body: ExtensionBodySchema, auth: ['office'],
    responses: { 200: z.strictObject({ unitId: IdSchema, milestoneId: IdSchema, due: DaySchema }), 401: E, 403: E, 404: E },
  }),
  /** Who am I in this campaign: the add-in uses it to pick the unit and the actions to show. */
  getMe: route({
    method: 'GET', path: '/campaigns/{campaignId}/me', params: P.campaign, auth: ['member'],
    responses: {
      200: z.strictObject({
        userId: z.string(),
        name: z.string(),
        office: z.boolean(),
        memberships: z.array(z.strictObject({ unitId: IdSchema.nullable(), unitName: z.string(), role: RoleSchema })),
      }),
      401: E, 403: E, 404: E,
    },
  }),
  submit: route({
    method: 'POST', path: '/campaigns/{campaignId}/units/{unitId}/submissions', params: P.unit,
    body: { jsonOrRaw: SubmitBodySchema, raw: [XLSX_CONTENT_TYPE] }, auth: ['liaison'],
    responses: { 201: SubmitResultSchema, 200: SubmitResultSchema, 401: E, 403: E, 404: E, 409: E, 415: E, 422: E },
  }),
  getUnit: route({
    method: 'GET', path: '/campaigns/{campaignId}/units/{unitId}', params: P.unit, auth: ['liaison', 'head', 'leader', 'supervisor', 'office'],
    responses: { 200: UnitViewSchema, 401: E, 403: E, 404: E },
  }),
  getSubmission: route({
    method: 'GET', path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}', params: P.version,
    auth: ['liaison', 'head', 'leader', 'supervisor', 'office'],
    responses: { 200: SubmissionViewSchema, 401: E, 403: E, 404: E },
  }),
  signOff: route({
    method: 'POST', path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/signoff', params: P.version,
    body: SignOffBodySchema, auth: ['head'],
    responses: { 200: z.strictObject({ signOff: SignOffSchema }), 401: E, 403: E, 404: E, 409: E },
  }),
  seal: route({
    method: 'PUT', path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/seal', params: P.version,
    body: { raw: SEAL_CONTENT_TYPES }, auth: ['liaison', 'head'],
    responses: { 200: z.strictObject({ seal: SealSchema }), 401: E, 403: E, 404: E, 409: E, 415: E },
  }),
  signOffSheet: route({
    method: 'GET', path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/signoff-sheet', params: P.version,
    auth: ['liaison', 'head', 'leader', 'supervisor', 'office'],
    responses: { 200: z.string() /* text/html */, 401: E, 403: E, 404: E },
  }),
  /** decision `reopen` (with reasons) unlocks an accepted version so the liaison may submit again. */
  review: route({
    method: 'POST', path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/review', params: P.version,
    body: ReviewBodySchema, auth: ['office'],
    responses: { 200: z.strictObject({ review: ReviewSchema, status: UnitStatusSchema }), 401: E, 403: E, 404: E, 409: E },
  }),
  progress: route({
    method: 'GET', path: '/campaigns/{campaignId}/progress', params: P.campaign, auth: ['office', 'supervisor'],
    responses: {
      200: z.strictObject({ campaignId: IdSchema, asOf: DaySchema, milestones: z.array(MilestoneSchema), units: z.array(ProgressRowSchema) }),
      401: E, 403: E, 404: E,
    },
  }),
  audit: route({
    method: 'GET', path: '/campaigns/{campaignId}/audit', params: P.campaign, auth: ['office', 'supervisor'],
    responses: { 200: z.strictObject({ entries: z.array(AuditEntrySchema) }), 401: E, 403: E, 404: E },
  }),
  reminders: route({
    method: 'GET', path: '/campaigns/{campaignId}/reminders', params: P.campaign, auth: ['office', 'supervisor'],
    responses: { 200: z.strictObject({ reminders: z.array(ReminderSchema) }), 401: E, 403: E, 404: E },
  }),
  // DESK routes (implemented under functions/src/desk/).
  putOnStaff: route({
    method: 'PUT', path: '/campaigns/{campaignId}/on-staff', params: P.campaign, body: OnStaffBodySchema, auth: ['office'],
    // 409: the roster pointer kept changing under it (CONCURRENT_UPDATE after retries).
    responses: { 200: OnStaffResultSchema, 401: E, 403: E, 404: E, 409: E },
  }),
  aggregate: route({
    method: 'GET', path: '/campaigns/{campaignId}/aggregate.xlsx', params: P.campaign, auth: ['office', 'supervisor'],
    responses: { 200: binary, 401: E, 403: E, 404: E },
  }),
  /** `names=full`: full names instead of masked ones (office only, where the law allows); IDs stay masked. */
  notice: route({
    method: 'GET', path: '/campaigns/{campaignId}/notice.xlsx', params: P.campaign, auth: ['office'],
    query: z.strictObject({ names: z.enum(['masked', 'full']).default('masked') }),
    responses: { 200: binary, 401: E, 403: E, 404: E },
  }),
  /** A supervisor may record verifications of the units in its subtree. */
  verification: route({
    method: 'POST', path: '/campaigns/{campaignId}/verifications', params: P.campaign, body: VerificationBodySchema, auth: ['office', 'supervisor'],
    responses: { 201: VerificationSchema, 401: E, 403: E, 404: E },
  }),
  listVerifications: route({
    method: 'GET', path: '/campaigns/{campaignId}/verifications', params: P.campaign, auth: ['office', 'supervisor'],
    responses: { 200: z.strictObject({ verifications: z.array(VerificationSchema) }), 401: E, 403: E, 404: E },
  }),
  getOnStaff: route({
    method: 'GET', path: '/campaigns/{campaignId}/on-staff', params: P.campaign, auth: ['office'],
    responses: { 200: OnStaffStatusSchema, 401: E, 403: E, 404: E },
  }),
  /** What changed from version `from` (default v−1) to v; 400 for v = 1. */
  diff: route({
    method: 'GET', path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}/diff', params: P.version,
    query: z.strictObject({ from: z.coerce.number().int().positive().optional() }),
    auth: ['liaison', 'head', 'leader', 'supervisor', 'office'],
    responses: { 200: DiffResponseSchema, 401: E, 403: E, 404: E },
  }),
  devToken: route({
    method: 'POST', path: '/dev/token', params: P.none, body: DevTokenBodySchema, auth: 'public',
    responses: { 200: z.strictObject({ token: z.string() }), 404: E },
  }),
  health: route({
    method: 'GET', path: '/health', params: P.none, auth: 'public',
    responses: {
      200: z.strictObject({ ok: z.literal(true), storage: z.literal('ok') }),
      503: z.object({ ok: z.literal(false), storage: z.literal('unavailable'), code: z.literal('STORAGE_UNAVAILABLE'), message: z.string() }),
    },
  }),
  template: route({
    method: 'GET', path: '/template.xlsx', params: P.none, auth: 'public',
    responses: { 200: binary },
  }),
  /** Like the Functions host's admin API: runs a non-HTTP function (e.g. `reminders`); outside /api. 404 unless AUTH_MODE=dev. */
  // Served by the host itself (no readParams / readJson), so not through route(): its statuses as they are;
  // 400 is a bad X-Dev-Now.
  adminRun: {
    method: 'POST', path: '/admin/functions/{name}', params: z.strictObject({ name: z.string() }), body: AdminRunBodySchema, auth: 'public',
    responses: { 202: z.null() /* empty body */, 400: E, 404: E },
  },
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;
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
export type ReviewResponse = ResponseOf<'review', 200>;
export type AuditResponse = ResponseOf<'audit', 200>;
export type RemindersResponse = ResponseOf<'reminders', 200>;
export type SignOffResponse = ResponseOf<'signOff', 200>;
export type SealResponse = ResponseOf<'seal', 200>;
export type VerificationsResponse = ResponseOf<'listVerifications', 200>;
export { CheckResultSchema, RuleCodeSchema };
