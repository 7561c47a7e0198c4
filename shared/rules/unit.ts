// The unit sheet (单位基本情况): its fields, and the unit-level rules that compare it with the roster.
import { SHEET_UNIT, UNIT_FIELDS, type UnitKey } from '../template/definition';
import { RULES, RULE_PARAMS, type RuleCode } from './catalogue';
import type { Cell, Issue, UnitSheet } from '../ledger/schema';
import { addDaysYmd, ymdToEpochDay, type Ymd } from '../dates';
import { CODE_ORDER } from './codes';
import { checkField, EMPTY, makeSpec, VALID, type Emit, type FieldResult } from './fields';
import * as M from './messages';

const U = Object.fromEntries(UNIT_FIELDS.map((d, i) => [d.key, i])) as Record<UnitKey, number>;

export interface UnitSheetState {
  /** Template and field issues, unsorted. */
  issues: Issue[];
  authorisedPosts: number | null;
  onStaffCount: number | null;
  offStaffCount: number | null;
  /** The valid 填报日期, 0 when none. */
  filing: Ymd;
  rows: UnitSheet['rows'];
}

/** What the unit rules compare the unit sheet with. */
export interface RosterCounts {
  rows: number;
  labourDispatch: number;
}

function unitIssue(key: UnitKey, rows: UnitSheet['rows'], code: RuleCode, message: string): Issue {
  const r = rows[key] ?? null;
  return {
    sheet: SHEET_UNIT,
    row: r,
    column: UNIT_FIELDS[U[key]].header,
    cell: r === null ? null : 'B' + r,
    code,
    severity: RULES[code].severity,
    message,
  };
}

/** The unit sheet's template and field issues, and its parsed numbers and filing date. */
export function checkUnit(unit: UnitSheet): UnitSheetState {
  const values = (unit.values ?? {}) as Record<string, Cell | undefined>;
  const rows = (unit.rows ?? {}) as UnitSheet['rows'];
  const out: UnitSheetState = { issues: [], authorisedPosts: null, onStaffCount: null, offStaffCount: null, filing: 0, rows };
  const emit: Emit = (spec, c, message) => out.issues.push(unitIssue(spec.key as UnitKey, rows, c.code, message));
  const f: FieldResult = { state: EMPTY, value: 0 };
  UNIT_FIELDS.forEach((d, i) => {
    const spec = makeSpec(d, i);
    spec.present = rows[d.key] !== undefined || values[d.key] !== undefined;
    spec.letter = 'B';
    if (!spec.present) {
      out.issues.push(unitIssue(d.key, rows, 'TEMPLATE_COLUMN_MISSING', M.msgUnitLabelMissing(d.header)));
      return;
    }
    checkField(spec, values[d.key], emit, f);
    if (f.state !== VALID) return;
    if (d.key === 'authorisedPosts') out.authorisedPosts = f.value as number;
    else if (d.key === 'onStaffCount') out.onStaffCount = f.value as number;
    else if (d.key === 'offStaffCount') out.offStaffCount = f.value as number;
    else if (d.key === 'filingDate') out.filing = f.value as number;
  });
  return out;
}

/**
 * Unit-level rules: the filing date's range, and — when roster rows could be read (`roster` not null) —
 * the counts against the roster, establishment and the dispatch share.
 */
export function unitRuleIssues(u: UnitSheetState, roster: RosterCounts | null, asOf: Ymd, asOfIso: string): Issue[] {
  const out: Issue[] = [];
  if (u.filing !== 0) {
    if (u.filing > asOf) out.push(unitIssue('filingDate', u.rows, 'FILING_DATE_OUT_OF_RANGE', M.msgFilingAfterAsOf(u.filing, asOfIso)));
    else if (u.filing < addDaysYmd(asOf, -RULE_PARAMS.filingDateMaxAgeDays)) {
      const days = ymdToEpochDay(asOf) - ymdToEpochDay(u.filing);
      out.push(unitIssue('filingDate', u.rows, 'FILING_DATE_OUT_OF_RANGE', M.msgFilingTooOld(u.filing, asOfIso, days)));
    }
  }
  if (roster === null) return out;
  const rows = roster.rows;
  if (u.offStaffCount !== null && u.offStaffCount !== rows) {
    out.push(unitIssue('offStaffCount', u.rows, 'COUNT_MISMATCH', M.msgCountMismatch(u.offStaffCount, rows)));
  }
  if (u.onStaffCount !== null && u.authorisedPosts !== null && u.onStaffCount >= u.authorisedPosts && rows > 0) {
    out.push(unitIssue('onStaffCount', u.rows, 'UNIT_OVER_ESTABLISHMENT', M.msgOverEstablishment(u.onStaffCount, u.authorisedPosts, rows)));
  }
  if (u.onStaffCount !== null && roster.labourDispatch * 100 > RULE_PARAMS.dispatchMaxPercent * (u.onStaffCount + rows)) {
    out.push(
      unitIssue('offStaffCount', u.rows, 'DISPATCH_OVER_TEN_PERCENT', M.msgDispatchShare(roster.labourDispatch, u.onStaffCount, rows)),
    );
  }
  return out;
}

export function compareUnitIssues(a: Issue, b: Issue): number {
  const ra = a.row ?? 0,
    rb = b.row ?? 0;
  if (ra !== rb) return ra - rb;
  const fa = a.column === null ? -1 : UNIT_FIELDS.findIndex((d) => d.header === a.column);
  const fb = b.column === null ? -1 : UNIT_FIELDS.findIndex((d) => d.header === b.column);
  if (fa !== fb) return fa - fb;
  return CODE_ORDER[a.code] - CODE_ORDER[b.code];
}
