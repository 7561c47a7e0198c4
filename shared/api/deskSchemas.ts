// The desk's response shapes: the on-staff roster, verifications with their missing persons and the
// persons responsible, and version diffs.
import { z } from 'zod';
import { CellSchema, RosterKeySchema, UnitKeySchema } from '../ledger/schema';
import { VerificationKindSchema } from './enums';
import { DaySchema, IdSchema, TimestampSchema } from './schemas';

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

export const MissingPersonSchema = z.strictObject({ name: z.string(), idNumber: z.string() });
export type MissingPerson = z.infer<typeof MissingPersonSchema>;
/** 单位主要负责人 (第一责任人), 分管负责人 (主要责任人), 联络员 (直接责任人) of the unit checked. */
export const ResponsiblePersonsSchema = z.strictObject({
  heads: z.array(z.string()),
  leaders: z.array(z.string()),
  liaisons: z.array(z.string()),
});
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
