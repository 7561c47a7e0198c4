// A hand-written fast path for LedgerSchema (schema.ts) on parsed JSON: zod walking 2,000 rows × 23
// cells takes milliseconds per request. `fastLedger` accepts only what LedgerSchema accepts and returns
// the value LedgerSchema.parse would return (objects rebuilt in schema key order, records in input
// order); for anything else it returns null and the caller runs zod, which then produces the usual errors.
import { ROSTER_FIELDS, UNIT_FIELDS } from '../template/definition';
import type { Ledger, LedgerRow, RosterSheet, UnitSheet } from './schema';

const ROSTER_KEYS = new Set<string>(ROSTER_FIELDS.map((d) => d.key));
const UNIT_KEYS = new Set<string>(UNIT_FIELDS.map((d) => d.key));

type Rec = Record<string, unknown>;

/** A plain object (as JSON.parse makes) with exactly the given own keys, in any order. */
function exactObject(v: unknown, keys: readonly string[]): v is Rec {
  if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
  let n = 0;
  for (const k in v) {
    if (!keys.includes(k)) return false;
    n++;
  }
  return n === keys.length;
}

function plainRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

// zod 4: z.number() rejects NaN and ±Infinity; .int() accepts safe integers only.
const isCell = (x: unknown) => x === null || typeof x === 'string' || (typeof x === 'number' && Number.isFinite(x));
const isPosInt = (x: unknown) => Number.isSafeInteger(x) && (x as number) > 0;
const isNonNegInt = (x: unknown) => Number.isSafeInteger(x) && (x as number) >= 0;

function recordOf(v: unknown, keys: Set<string>, ok: (x: unknown) => boolean): boolean {
  if (!plainRecord(v)) return false;
  for (const k in v) if (!keys.has(k) || !ok(v[k])) return false;
  return true;
}

const LEDGER_KEYS = ['templateVersion', 'unit', 'roster'] as const;
const UNIT_SHEET_KEYS = ['values', 'rows'] as const;
const ROSTER_SHEET_KEYS = ['headerRow', 'columns', 'rows'] as const;
const ROW_KEYS = ['row', 'values'] as const;

/** LedgerSchema.parse(v) when v is certainly valid, else null (then run zod for the verdict and errors). */
export function fastLedger(v: unknown): Ledger | null {
  if (!exactObject(v, LEDGER_KEYS)) return null;
  const tv = v.templateVersion;
  if (tv !== null && typeof tv !== 'string') return null;

  let unit: UnitSheet | null = null;
  if (v.unit !== null) {
    const u = v.unit;
    if (!exactObject(u, UNIT_SHEET_KEYS) || !recordOf(u.values, UNIT_KEYS, isCell) || !recordOf(u.rows, UNIT_KEYS, isPosInt)) return null;
    unit = { values: { ...(u.values as Rec) }, rows: { ...(u.rows as Rec) } } as UnitSheet;
  }

  let roster: RosterSheet | null = null;
  if (v.roster !== null) {
    const r = v.roster;
    if (
      !exactObject(r, ROSTER_SHEET_KEYS) ||
      !(r.headerRow === null || isPosInt(r.headerRow)) ||
      !recordOf(r.columns, ROSTER_KEYS, isNonNegInt) ||
      !Array.isArray(r.rows)
    )
      return null;
    // RosterSheetSchema's refinement: no header row → no columns and no rows.
    if (r.headerRow === null && (Object.keys(r.columns as Rec).length > 0 || (r.rows as unknown[]).length > 0)) return null;
    const src = r.rows as unknown[];
    const rows = new Array<LedgerRow>(src.length);
    for (let i = 0; i < src.length; i++) {
      const row = src[i];
      if (!exactObject(row, ROW_KEYS) || !isPosInt(row.row) || !recordOf(row.values, ROSTER_KEYS, isCell)) return null;
      rows[i] = { row: row.row as number, values: row.values as LedgerRow['values'] };
    }
    roster = { headerRow: r.headerRow as number | null, columns: { ...(r.columns as Rec) } as RosterSheet['columns'], rows };
  }
  return { templateVersion: tv, unit, roster };
}

const BODY_KEYS = ['ledger'] as const;

/** The same for a `{ ledger }` request body (SubmitBodySchema). */
export function fastLedgerBody(v: unknown): { ledger: Ledger } | null {
  if (!exactObject(v, BODY_KEYS)) return null;
  const ledger = fastLedger(v.ledger);
  return ledger ? { ledger } : null;
}
