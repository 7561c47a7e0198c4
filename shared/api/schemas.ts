// The contract's shapes as zod: ids, days and digests, the objects in responses, and
// request bodies (the desk's response shapes: deskSchemas.ts). Routes (shared/api/routes.ts) refer to these; nothing is retyped elsewhere.
import { z } from 'zod';
import { IssueSchema, LedgerSchema, RuleCodeSchema, SummarySchema } from '../ledger/schema';
import { todayInChina } from '../dates';
import { checkUscc } from '../id/uscc';
import { normaliseCreditCode } from '../rosters/external';
import { MAX_REVIEW_NOTES, ReviewNoteSchema, ReviewerSchema, StoredReviewNoteSchema } from './chain';
import {
  AuditActionSchema,
  ErrorCodeSchema,
  MilestoneRequirementSchema,
  MilestoneStateSchema,
  ReviewDecisionSchema,
  RoleSchema,
  SEAL_CONTENT_TYPES,
  SealQrSchema,
  UnitStatusSchema,
  VERIFICATION_KINDS,
} from './enums';

// ---------------------------------------------------------------- basics

/** Ids used in storage keys: letters, digits and `_ . @ -` (never `| / \ # ?`). */
export const IdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$/, '只能包含字母、数字和 _ . @ -，不超过128个字符');
export const DaySchema = z.iso.date();
export const TimestampSchema = z.iso.datetime({ offset: true });
export const Sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, '应为64位小写十六进制 SHA-256 摘要');

export const MilestoneSchema = z.strictObject({
  id: IdSchema,
  title: z.string().trim().min(1).max(100),
  due: DaySchema,
  requires: MilestoneRequirementSchema.optional(),
});
export type Milestone = z.infer<typeof MilestoneSchema>;

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

export const ErrorBodySchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  /** Always present; null when the error has nothing to add. */
  details: z.unknown(),
});

// ---------------------------------------------------------------- domain shapes in responses

export const SignOffSchema = z.strictObject({ userId: z.string(), name: z.string(), at: TimestampSchema, digest: Sha256HexSchema });
export const SealSchema = z.strictObject({
  sha256: Sha256HexSchema,
  contentType: z.enum(SEAL_CONTENT_TYPES),
  bytes: z.number().int().positive(),
  at: TimestampSchema,
  userId: z.string(),
  /** The scan's QR code: this version's (`matched`) or none found (`not_found`, 需人工核对). Absent on scans stored before the check. */
  qr: SealQrSchema.optional(),
});
export type Seal = z.infer<typeof SealSchema>;
export const ReviewSchema = z.strictObject({
  decision: ReviewDecisionSchema,
  reasons: z.array(z.string()),
  userId: z.string(),
  name: z.string(),
  at: TimestampSchema,
  /** A return's notes pinned to cells of that version (api.md v2); absent on other decisions. */
  notes: z.array(StoredReviewNoteSchema).optional(),
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
  /** Notes of the latest returned version (also while the next version is under way); empty otherwise. */
  returnNotes: z.array(StoredReviewNoteSchema),
  latest: LatestSchema.nullable(),
  milestones: z.array(UnitMilestoneSchema),
});
export type UnitView = z.infer<typeof UnitViewSchema>;

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
  bySeverity: z.strictObject({
    error: z.number().int().nonnegative(),
    warning: z.number().int().nonnegative(),
    finding: z.number().int().nonnegative(),
  }),
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
  sm3: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .nullable(),
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
  /** The current version's seal scan QR check (`not_found` is shown as 需人工核对); null without a scan. */
  sealQr: SealQrSchema.nullable().optional(),
  /** When the supervising department endorsed the current version (主管部门已审核). */
  endorsedAt: TimestampSchema.nullable(),
  acceptedAt: TimestampSchema.nullable(),
  /** Who reviews before the office: the nearest supervising ancestor; null without that step. */
  reviewer: ReviewerSchema.nullable(),
  /** All milestones due so far done on time; null when none is due or done yet. */
  onTime: z.boolean().nullable(),
  /** The largest overdue (or done-late) days over the unit's milestones. */
  overdueDays: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative().nullable(),
  errors: z.number().int().nonnegative().nullable(),
  findings: z.number().int().nonnegative().nullable(),
  /** Persons found by verifications (实地核查/举报) but missing from the unit's ledger (漏报/瞒报). */
  underReports: z.number().int().nonnegative(),
  /** Suspected under-reporting (疑似漏报): persons on the loaded external rosters under this unit's credit code. */
  suspectedUnreported: z.number().int().nonnegative(),
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
  /** Two-level review (主管部门负总责): units under a supervising department are endorsed by it first. */
  supervisorReview: z.boolean().default(true),
});
export type CampaignBody = z.infer<typeof CampaignBodySchema>;
export const CampaignViewSchema = CampaignBodySchema.extend({ campaignId: IdSchema, updatedAt: TimestampSchema });
export type CampaignView = z.infer<typeof CampaignViewSchema>;

export const UnitDefSchema = z.strictObject({
  unitId: IdSchema,
  name: z.string().trim().min(1).max(100),
  parentId: IdSchema.nullable(),
  /** 统一社会信用代码 (for matching the external rosters; else the one in the unit's latest ledger). */
  creditCode: z
    .string()
    .max(64)
    .transform((c) => normaliseCreditCode(c))
    .refine((c) => c === null || checkUscc(c).ok, { message: '统一社会信用代码无效（应为18位且校验位正确）' })
    .nullable()
    .optional(),
});
// Office staff (领导小组办公室) may belong to no unit of the campaign; every other role acts for a unit.
export const MemberSchema = z
  .strictObject({ userId: IdSchema, name: z.string().trim().min(1).max(50), role: RoleSchema, unitId: IdSchema.nullable() })
  .refine((m) => m.unitId !== null || m.role === 'office', {
    message: '除领导小组办公室成员外，成员须填写所在单位（unitId）',
    path: ['unitId'],
  });
export type UnitDef = z.infer<typeof UnitDefSchema>;
export type Member = z.infer<typeof MemberSchema>;
export const UnitsBodySchema = z.strictObject({
  units: z.array(UnitDefSchema).max(5000),
  members: z.array(MemberSchema).max(20000),
});
export const ExtensionBodySchema = z.strictObject({ milestoneId: IdSchema, due: DaySchema });
// ID numbers as pasted: spaces and full-width forms are normalised by the server, anything else is counted invalid.
export const OnStaffBodySchema = z.strictObject({ idNumbers: z.array(z.string().max(64)).max(200000) });
export type OnStaffBody = z.infer<typeof OnStaffBodySchema>;
export const SubmitBodySchema = z.strictObject({ ledger: LedgerSchema });
export const SignOffBodySchema = z.strictObject({ digest: Sha256HexSchema });
export const ReviewBodySchema = z
  .strictObject({
    decision: ReviewDecisionSchema,
    reasons: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
    notes: z.array(ReviewNoteSchema).max(MAX_REVIEW_NOTES, `审核标注最多 ${MAX_REVIEW_NOTES} 条`).optional(),
  })
  .refine((b) => b.decision === 'accept' || b.decision === 'endorse' || b.reasons.length > 0, {
    message: '退回或重新打开须至少填写一条理由',
    path: ['reasons'],
  })
  .refine((b) => b.decision === 'return' || !b.notes || b.notes.length === 0, { message: '只有退回时可以附审核标注', path: ['notes'] });
export type ReviewBody = z.infer<typeof ReviewBodySchema>;
export const VerificationBodySchema = z.strictObject({
  unitId: IdSchema,
  kind: z.enum(VERIFICATION_KINDS),
  /** The day of the check; a full timestamp is taken as its China calendar day. */
  at: z.union([DaySchema, TimestampSchema.transform((t) => todayInChina(Date.parse(t)))]),
  summary: z.string().max(2000),
  missingPersons: z.array(z.strictObject({ name: z.string().max(30), idNumber: z.string().max(64) })).max(10000),
});
export type VerificationBody = z.infer<typeof VerificationBodySchema>;

export const DevTokenBodySchema = z.strictObject({ userId: IdSchema });
/** A user the dev sign-in pickers offer (dev mode only): OFFICE_ADMINS and campaign members. */
export const DevUserSchema = z.strictObject({
  userId: z.string(),
  name: z.string(),
  role: RoleSchema,
  unitId: IdSchema.nullable(),
  unitName: z.string().nullable(),
});
export type DevUser = z.infer<typeof DevUserSchema>;
export const AdminRunBodySchema = z.object({ input: z.string().optional() });

export const VerifyQuerySchema = z.strictObject({ receiptNo: z.string().max(200), digest: z.string().max(200) });
/** GET /verify: whether a receipt number + digest pair is a real submission; nothing personal. */
export const VerifyResultSchema = z.strictObject({
  valid: z.boolean(),
  unitName: z.string().nullable(),
  version: z.number().int().positive().nullable(),
  submittedAt: TimestampSchema.nullable(),
  status: UnitStatusSchema.nullable(),
  /** This version has been superseded by a newer one of the same unit (the paper is outdated). */
  superseded: z.boolean().nullable(),
});
export type VerifyResult = z.infer<typeof VerifyResultSchema>;
