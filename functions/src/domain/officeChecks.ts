// Office-level checks across units (CROSS_UNIT_DUPLICATE, ON_STAFF_OVERLAP) for the desk. The rules
// themselves are the shared helpers' (shared/rules/crossUnit.ts); this adds scope (a supervisor sees
// its subtree, yet a duplicate with a unit outside it is still found, without naming that unit) and
// keeps only what the desk needs of each row, so 100,000 persons cost a few MB.
import { findCrossUnitDuplicates, findOnStaffOverlap, type UnitRoster } from '../../../shared/rules/crossUnit';
import type { Issue, LedgerRow } from '../../../shared/ledger/schema';
import { idKey } from '../../../shared/id/idcard';

/** Name used in messages for units outside the caller's subtree. */
export const OUT_OF_SCOPE_UNIT = '本辖区外单位';

export interface SlimRoster {
  unitId: string;
  unitName: string;
  inScope: boolean;
  columns?: UnitRoster['columns'];
  /** Rows with only idNumber and name kept. */
  rows: LedgerRow[];
}

export function slimRows(rows: readonly LedgerRow[]): LedgerRow[] {
  return rows.map((r) => ({ row: r.row, values: { idNumber: r.values.idNumber ?? null, name: r.values.name ?? null } }));
}

export interface DeskOfficeFinding {
  unitId: string;
  idNumber: string;
  name: string | null;
  /** Units whose ledgers hold this ID, this one included. */
  unitCount: number;
  otherUnitIds: string[];
  issue: Issue;
}

/** Findings for the in-scope units: duplicates first, then on-staff overlaps; units and rows in input order. */
export function officeChecks(rosters: readonly SlimRoster[], onStaff: ReadonlySet<string>): DeskOfficeFinding[] {
  const units: UnitRoster[] = rosters.map((r) => ({
    unitId: r.unitId,
    unitName: r.inScope ? r.unitName : OUT_OF_SCOPE_UNIT,
    rows: r.rows,
    columns: r.columns,
  }));
  const inScope = new Set(rosters.filter((r) => r.inScope).map((r) => r.unitId));
  const nameOf = new Map<string, Map<number, string | null>>();
  for (const r of rosters) {
    if (!r.inScope) continue;
    nameOf.set(
      r.unitId,
      new Map(r.rows.map((x) => [x.row, x.values.name === null || x.values.name === undefined ? null : String(x.values.name)])),
    );
  }
  const holders = new Map<string, Set<string>>();
  for (const r of rosters)
    for (const x of r.rows) {
      const k = idKey(x.values.idNumber);
      if (k === null) continue;
      let set = holders.get(k);
      if (!set) holders.set(k, (set = new Set()));
      set.add(r.unitId);
    }
  const dup = findCrossUnitDuplicates(units).filter((f) => inScope.has(f.unitId));
  const over = findOnStaffOverlap(
    units.filter((u) => inScope.has(u.unitId)),
    onStaff,
  );
  return [...dup, ...over].map((f) => ({
    unitId: f.unitId,
    idNumber: f.idNumber,
    name: f.issue.row === null ? null : (nameOf.get(f.unitId)?.get(f.issue.row) ?? null),
    unitCount: holders.get(f.idNumber)?.size ?? 1,
    otherUnitIds: f.otherUnitIds,
    issue: f.issue,
  }));
}
