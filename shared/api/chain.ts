// Contract additions of the chain of responsibility (api.md v2): review notes pinned to cells, external
// rosters, suspected under-reporting leads, and the risk-weighted draw. Schemas only; the routes that use
// them are listed with the others in the contract's route table.
import { z } from 'zod';
import { CellSchema } from '../ledger/schema';
import { ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT, UNIT_FIELDS } from '../template/definition';
import { MAX_ROSTER_PERSONS, ROSTER_SOURCES } from '../rosters/external';

const Id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]{0,127}$/, '只能包含字母、数字和 _ . @ -，不超过128个字符');
const Day = z.iso.date();
const Timestamp = z.iso.datetime({ offset: true });

// ---------------------------------------------------------------- review notes

const NOTE_COLUMNS = new Set<string>([...ROSTER_FIELDS.map((f) => f.header), ...UNIT_FIELDS.map((f) => f.header)]);
/** At most this many notes per review. */
export const MAX_REVIEW_NOTES = 500;

/** A reason pinned to a place in the reviewed version: a worksheet row, and a column (header text) or the whole row (null). */
export const ReviewNoteSchema = z.strictObject({
  sheet: z.enum([SHEET_ROSTER, SHEET_UNIT]),
  row: z.number().int().min(1).max(1_048_576),
  column: z
    .string()
    .max(50)
    .refine((c) => NOTE_COLUMNS.has(c), { message: '不是标准模板中的列名' })
    .nullable(),
  text: z.string().trim().min(1, '审核意见不能为空').max(500),
});
export type ReviewNote = z.infer<typeof ReviewNoteSchema>;

/** A note as stored and shown: the person on that row when it was written (matched by ID in later versions). */
export const StoredReviewNoteSchema = ReviewNoteSchema.extend({
  /** The version the note was written on. */
  version: z.number().int().positive(),
  idNumber: z.string().nullable(),
  name: z.string().nullable(),
  /** The row's values in that version (to tell whether the person's row changed since). */
  values: z.record(z.string(), CellSchema).nullable(),
});
export type StoredReviewNote = z.infer<typeof StoredReviewNoteSchema>;

/** Who reviews a unit before the office: the nearest supervising ancestor and its supervisors. */
export const ReviewerSchema = z.strictObject({ unitId: Id, userIds: z.array(z.string()) });
export type Reviewer = z.infer<typeof ReviewerSchema>;

// ---------------------------------------------------------------- rosters

export const RosterSourceSchema = z.enum(ROSTER_SOURCES);
export type { RosterSource } from '../rosters/external';

export const RosterBodySchema = z.strictObject({
  persons: z
    .array(
      // Other fields of an exported list are ignored.
      z.object({ idNumber: z.union([z.string().max(64), z.number()]), name: z.string().max(100), creditCode: z.string().max(64) }),
    )
    .max(MAX_ROSTER_PERSONS),
});
export type RosterBody = z.infer<typeof RosterBodySchema>;

export const RosterInfoSchema = z.strictObject({
  source: RosterSourceSchema,
  persons: z.number().int().nonnegative(),
  /** Rows that repeated a person already listed under the same credit code. */
  duplicates: z.number().int().nonnegative(),
  /** Campaign units with at least one person in this roster. */
  matchedUnits: z.number().int().nonnegative(),
  /** Persons under credit codes of no campaign unit, and how many such codes. */
  unmatched: z.number().int().nonnegative(),
  unmatchedCreditCodes: z.number().int().nonnegative(),
  updatedAt: Timestamp,
  updatedBy: z.string(),
});
export type RosterInfo = z.infer<typeof RosterInfoSchema>;
export const RostersStatusSchema = z.strictObject({
  rosters: z.strictObject(
    Object.fromEntries(ROSTER_SOURCES.map((s) => [s, RosterInfoSchema.nullable()])) as Record<
      (typeof ROSTER_SOURCES)[number],
      z.ZodNullable<typeof RosterInfoSchema>
    >,
  ),
});
export type RostersStatus = z.infer<typeof RostersStatusSchema>;

// ---------------------------------------------------------------- leads

export const LeadSchema = z.strictObject({
  unitId: Id,
  idNumber: z.string(),
  name: z.string(),
  sources: z.array(RosterSourceSchema),
  /** The verification record made from this lead, if any. */
  verificationId: z.string().nullable(),
});
export type LeadView = z.infer<typeof LeadSchema>;
export const ElsewhereSchema = LeadSchema.omit({ verificationId: true }).extend({ ledgerUnitIds: z.array(Id) });
export const OutOfScopeSchema = z.strictObject({
  creditCode: z.string(),
  persons: z.number().int().nonnegative(),
  sources: z.array(RosterSourceSchema),
  sampleNames: z.array(z.string()),
});
export const LeadsResponseSchema = z.strictObject({
  campaignId: Id,
  leads: z.array(LeadSchema),
  /** Persons insured or paid by one unit and listed in another unit's ledger (a finding of its own). */
  elsewhere: z.array(ElsewhereSchema),
  /** Roster credit codes of no campaign unit (范围遗漏); empty for a supervisor. */
  outOfScope: z.array(OutOfScopeSchema),
  rosters: RostersStatusSchema.shape.rosters,
});
export type LeadsResponse = z.infer<typeof LeadsResponseSchema>;

/** Turns leads of one unit into a verification record (疑似漏报核实) in one step. */
export const LeadVerifyBodySchema = z.strictObject({
  unitId: Id,
  idNumbers: z.array(z.string().max(64)).min(1).max(10_000),
  kind: z.enum(['onsite', 'tip']).default('onsite'),
  at: Day,
  summary: z.string().max(2000).optional(),
});
export type LeadVerifyBody = z.infer<typeof LeadVerifyBodySchema>;

// ---------------------------------------------------------------- sampling

export const MAX_DRAW = 1000;
export const SamplingBodySchema = z.strictObject({
  count: z.number().int().min(1).max(MAX_DRAW),
  /** Any text or number agreed beforehand (e.g. a date and the lottery's numbers); the same seed redraws the same units. */
  seed: z.union([z.string().trim().min(1).max(200), z.number().int().transform(String)]),
});
export type SamplingBody = z.infer<typeof SamplingBodySchema>;

export const WeightReasonSchema = z.strictObject({
  factor: z.enum(['base', 'leads', 'findings', 'lateness', 'returns']),
  value: z.number(),
  points: z.number(),
  text: z.string(),
});
export const WeightedUnitSchema = z.strictObject({
  unitId: Id,
  name: z.string(),
  weight: z.number(),
  reasons: z.array(WeightReasonSchema),
});
export const SamplingResultSchema = z.strictObject({
  drawId: z.string(),
  campaignId: Id,
  seed: z.string(),
  count: z.number().int(),
  at: Timestamp,
  /** Drawn units, in draw order. */
  units: z.array(Id),
  /** Every candidate with its weight and why, in unitId order. */
  candidates: z.array(WeightedUnitSchema),
  /** How the draw is made, for anyone recomputing it. */
  method: z.string(),
});
export type SamplingResult = z.infer<typeof SamplingResultSchema>;
