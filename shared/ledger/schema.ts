// Zod schemas of the parsed ledger and of an issue: the shapes shared by the add-in, the functions,
// the CLI and the API. A parsed ledger is plain JSON, so it can be posted, stored and digested as is.
import { z } from 'zod';
import { LEDGER_SHEETS, ROSTER_FIELDS, UNIT_FIELDS } from '../template/definition';
import { RULE_CODES, SEVERITIES } from '../rules/catalogue';

/**
 * A normalised cell value. Dates that could be read are 'YYYY-MM-DD' strings, numbers that could be
 * read are numbers, text is trimmed and full-width normalised where the spec says; anything that could
 * not be read keeps its text so the engine can report it. Empty cells are null.
 */
export const CellSchema = z.union([z.string(), z.number(), z.null()]);
export type Cell = z.infer<typeof CellSchema>;

const rosterKeys = ROSTER_FIELDS.map((d) => d.key) as [string, ...string[]];
const unitKeys = UNIT_FIELDS.map((d) => d.key) as [string, ...string[]];
export const RosterKeySchema = z.enum(rosterKeys as [(typeof ROSTER_FIELDS)[number]['key'], ...(typeof ROSTER_FIELDS)[number]['key'][]]);
export const UnitKeySchema = z.enum(unitKeys as [(typeof UNIT_FIELDS)[number]['key'], ...(typeof UNIT_FIELDS)[number]['key'][]]);

export const LedgerRowSchema = z.strictObject({
  /** The worksheet's own 1-based row number. */
  row: z.number().int().positive(),
  values: z.partialRecord(RosterKeySchema, CellSchema),
});
export type LedgerRow = z.infer<typeof LedgerRowSchema>;

export const UnitSheetSchema = z.strictObject({
  values: z.partialRecord(UnitKeySchema, CellSchema),
  /** Worksheet row of each label found (the value sits in column B of that row). */
  rows: z.partialRecord(UnitKeySchema, z.number().int().positive()),
});
export type UnitSheet = z.infer<typeof UnitSheetSchema>;

export const RosterSheetSchema = z
  .strictObject({
    /**
     * Worksheet row of the header row; null when the sheet exists but none of its first 10 rows holds
     * 身份证号码 (reported as TEMPLATE_COLUMN_MISSING, not as a missing sheet). Then nothing can be read:
     * columns is {} and rows is [].
     */
    headerRow: z.number().int().positive().nullable(),
    /** 0-based worksheet column index of each header found. */
    columns: z.partialRecord(RosterKeySchema, z.number().int().nonnegative()),
    rows: z.array(LedgerRowSchema),
  })
  .refine((r) => r.headerRow !== null || (Object.keys(r.columns).length === 0 && r.rows.length === 0), {
    message: 'a roster without a header row has no columns and no rows',
  });
export type RosterSheet = z.infer<typeof RosterSheetSchema>;

export const LedgerSchema = z.strictObject({
  /** The template version stamp found in the workbook, null when absent. */
  templateVersion: z.string().nullable(),
  /** null when the sheet is absent (reported as TEMPLATE_SHEET_MISSING). */
  unit: UnitSheetSchema.nullable(),
  /** null when the sheet is absent (reported as TEMPLATE_SHEET_MISSING); see headerRow for a sheet without header. */
  roster: RosterSheetSchema.nullable(),
});
export type Ledger = z.infer<typeof LedgerSchema>;

export const SeveritySchema = z.enum(SEVERITIES);
export const RuleCodeSchema = z.enum(RULE_CODES as [(typeof RULE_CODES)[number], ...(typeof RULE_CODES)[number][]]);

export const IssueSchema = z.strictObject({
  sheet: z.enum(LEDGER_SHEETS).nullable(),
  row: z.number().int().positive().nullable(),
  /** The header (roster) or label (unit sheet) text of the column concerned. */
  column: z.string().nullable(),
  /** A1 address, e.g. "D5". */
  cell: z.string().nullable(),
  code: RuleCodeSchema,
  severity: SeveritySchema,
  message: z.string(),
});
export type Issue = z.infer<typeof IssueSchema>;

export const SummarySchema = z.strictObject({
  rows: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  warnings: z.number().int().nonnegative(),
  findings: z.number().int().nonnegative(),
});
export type Summary = z.infer<typeof SummarySchema>;

export const CheckResultSchema = z.strictObject({
  ok: z.boolean(),
  summary: SummarySchema,
  issues: z.array(IssueSchema),
});
export type CheckResult = z.infer<typeof CheckResultSchema>;
