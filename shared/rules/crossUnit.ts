// Office-level rules, computed across the ledgers of several units (the DESK helper wires them to storage).
// CROSS_UNIT_DUPLICATE: one ID in the ledgers of two or more units. ON_STAFF_OVERLAP: an ID also on the
// on-staff roster the office loaded. IDs are compared by idKey (half-width, upper-case, 15 → 18 digits).
import { ROSTER_FIELD_BY_KEY, SHEET_ROSTER } from '../template/definition';
import type { Issue, LedgerRow, RosterSheet } from '../ledger/schema';
import { RULES } from './catalogue';
import { idKey } from '../id/idcard';
import { columnLetter } from '../a1';

export interface UnitRoster {
  unitId: string;
  /** Shown in messages instead of unitId when given. */
  unitName?: string;
  rows: LedgerRow[];
  /** The roster's column map, for the A1 cell address of findings (cell is null without it). */
  columns?: RosterSheet['columns'];
}

export interface OfficeFinding {
  unitId: string;
  /** Normalised 18-character ID. */
  idNumber: string;
  /** For CROSS_UNIT_DUPLICATE: the other units holding the ID (sorted). Empty for ON_STAFF_OVERLAP. */
  otherUnitIds: string[];
  issue: Issue;
}

const ID_HEADER = ROSTER_FIELD_BY_KEY.idNumber.header;

function officeIssue(u: UnitRoster, row: number, code: 'CROSS_UNIT_DUPLICATE' | 'ON_STAFF_OVERLAP', message: string): Issue {
  const c = u.columns?.idNumber;
  return {
    sheet: SHEET_ROSTER,
    row,
    column: ID_HEADER,
    cell: typeof c === 'number' ? columnLetter(c) + row : null,
    code,
    severity: RULES[code].severity,
    message,
  };
}

function* rowsWithIds(u: UnitRoster): Generator<[LedgerRow, string]> {
  for (const r of u.rows ?? []) {
    const k = idKey(r?.values?.idNumber);
    if (k !== null) yield [r, k];
  }
}

/** Every row, in every unit, whose ID also appears in another unit's ledger. Order: units as given, rows in order. */
export function findCrossUnitDuplicates(units: UnitRoster[]): OfficeFinding[] {
  const unitsById = new Map<string, Set<string>>();
  for (const u of units)
    for (const [, k] of rowsWithIds(u)) {
      let s = unitsById.get(k);
      if (!s) unitsById.set(k, (s = new Set()));
      s.add(u.unitId);
    }
  const nameOf = new Map(units.map((u) => [u.unitId, u.unitName ?? u.unitId]));
  const out: OfficeFinding[] = [];
  for (const u of units)
    for (const [r, k] of rowsWithIds(u)) {
      const holders = unitsById.get(k)!;
      if (holders.size < 2) continue;
      const others = [...holders].filter((x) => x !== u.unitId).sort();
      const names = others.map((x) => `“${nameOf.get(x)}”`).join('、');
      out.push({
        unitId: u.unitId,
        idNumber: k,
        otherUnitIds: others,
        issue: officeIssue(
          u,
          r.row,
          'CROSS_UNIT_DUPLICATE',
          `身份证号码 ${k} 同时出现在${names}的台账中（共 ${holders.size} 个单位），需核实是否一人多处任职或领取报酬。`,
        ),
      });
    }
  return out;
}

/** Every row whose ID is on the office's on-staff list (在编人员名单). */
export function findOnStaffOverlap(units: UnitRoster[], onStaffIds: Iterable<string>): OfficeFinding[] {
  const onStaff = new Set<string>();
  for (const raw of onStaffIds) {
    const k = idKey(raw);
    if (k !== null) onStaff.add(k);
  }
  const out: OfficeFinding[] = [];
  if (onStaff.size === 0) return out;
  for (const u of units)
    for (const [r, k] of rowsWithIds(u)) {
      if (!onStaff.has(k)) continue;
      out.push({
        unitId: u.unitId,
        idNumber: k,
        otherUnitIds: [],
        issue: officeIssue(u, r.row, 'ON_STAFF_OVERLAP', `身份证号码 ${k} 同时在在编人员名单中，存在吃空饷、在编不在岗风险，需核实。`),
      });
    }
  return out;
}
