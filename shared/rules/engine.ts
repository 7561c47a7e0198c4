// The rule engine: Ledger → CheckResult, implementing every row-, cell-, unit- and template-level rule of
// ledger-template.md (office-level rules live in crossUnit.ts). Pure, synchronous, browser-safe.
//
// The parts: fields.ts (one validator per field type), row/ (the row rules as a table, grouped by theme:
// identity, dates and terms, employment, findings), duplicates.ts (ID_DUPLICATE, the only cross-row rule),
// unit.ts (the unit sheet and the unit-level rules), messages.ts (wording, from the catalogue's parameters).
// This file holds LedgerChecker: the checked rows in worksheet order plus the ID index and the counts the
// unit rules need. checkLedger is `new LedgerChecker().result()`, so the incremental path and the full
// path are one code path.
import { ROSTER_ANCHOR_HEADER, ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT } from '../template/definition';
import { RULES, type RuleCode } from './catalogue';
import * as M from './messages';
import type { CheckResult, Issue, Ledger, LedgerRow, Summary, UnitSheet } from '../ledger/schema';
import { normaliseCell } from '../ledger/normalise';
import { isoToYmd, todayInChina, ymdToIso, type Ymd } from '../dates';
import { columnLetter } from '../a1';
import { makeSpec, type Spec } from './fields';
import { RowChecker, type RowState } from './row/checker';
import { R } from './row/scratch';
import { IdIndex } from './duplicates';
import { checkUnit, compareUnitIssues, unitRuleIssues, type UnitSheetState } from './unit';

export interface CheckOptions {
  /** Reference date 'YYYY-MM-DD'; default: the unit sheet's valid 填报日期, else today in China (UTC+8). */
  asOf?: string;
}

/** What one incremental update changed: issues that disappeared and issues that appeared. */
export interface IssueDelta {
  added: Issue[];
  removed: Issue[];
}

export class CheckOptionsError extends Error {
  readonly code = 'AS_OF_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'CheckOptionsError';
  }
}

function templateIssue(sheet: Issue['sheet'], column: string | null, code: RuleCode, message: string): Issue {
  return { sheet, row: null, column, cell: null, code, severity: RULES[code].severity, message };
}

interface Ctx {
  asOf: Ymd;
  asOfIso: string;
  specs: Spec[];
  idSpec: Spec;
  rows: RowChecker;
}

// ---------------------------------------------------------------------------------------------------
// The checker

function issueKey(i: Issue): string {
  return i.sheet + '\u0001' + i.row + '\u0001' + i.column + '\u0001' + i.code + '\u0001' + i.message;
}

function diff(before: Issue[], after: Issue[]): IssueDelta {
  const counts = new Map<string, number>();
  for (const i of before) {
    const k = issueKey(i);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const added: Issue[] = [];
  for (const i of after) {
    const k = issueKey(i);
    const c = counts.get(k);
    if (c) counts.set(k, c - 1);
    else added.push(i);
  }
  const removed: Issue[] = [];
  for (const i of before) {
    const k = issueKey(i);
    const c = counts.get(k);
    if (c) {
      counts.set(k, c - 1);
      removed.push(i);
    }
  }
  return { added, removed };
}

function lowerBound(order: RowState[], n: number): number {
  let lo = 0,
    hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid].n < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resolveAsOf(opts: CheckOptions | undefined, unit: UnitSheetState | null): Ymd {
  if (opts?.asOf !== undefined && opts.asOf !== null) {
    const n = normaliseCell(opts.asOf, { kind: 'date' });
    const y = typeof n === 'string' ? isoToYmd(n) : 0;
    if (y === 0) throw new CheckOptionsError(`核查日期“${String(opts.asOf)}”无效，请按 YYYY-MM-DD 填写真实日期。`);
    return y;
  }
  if (unit && unit.filing !== 0) return unit.filing;
  return isoToYmd(todayInChina());
}

/**
 * Incremental checker. `result()` always equals `checkLedger` on the current data.
 * - `updateRow(n, row)`: replace (row given), add (n not present) or delete (row null) the roster row at
 *   worksheet row n; only that row, its ID group(s) and the unit-level counts are re-checked.
 * - `updateUnit(unit)`: replace the unit sheet; rows are re-checked only when the as-of date changes
 *   (no fixed asOf option and a different valid 填报日期).
 * Both return the delta `{ added, removed }` of issues. Header changes need a new checker.
 * Row numbers are expected to be unique; duplicates in the input are all kept and an update replaces all.
 */
export class LedgerChecker {
  private readonly opts: CheckOptions;
  private templateVersion: string | null;
  private unitSheet: UnitSheet | null;
  private unitState: UnitSheetState | null = null;
  private roster: Ledger['roster'];
  private cx!: Ctx;
  private order: RowState[] = [];
  private ids = new IdIndex();
  private labourDispatchCount = 0;
  private unitRules: Issue[] = [];
  private rosterTemplate: Issue[] = [];
  private cached: CheckResult | null = null;

  constructor(ledger: Ledger, opts: CheckOptions = {}) {
    this.opts = opts ?? {};
    this.templateVersion = ledger?.templateVersion ?? null;
    this.unitSheet = ledger?.unit ?? null;
    this.roster = ledger?.roster ?? null;
    this.unitState = this.unitSheet ? checkUnit(this.unitSheet) : null;
    this.rebuild();
  }

  private rebuild(): void {
    const asOf = resolveAsOf(this.opts, this.unitState);
    const specs = ROSTER_FIELDS.map((d, i) => makeSpec(d, i));
    // A roster sheet without a header row: no column can be found and no row read, so one issue says
    // why (the anchor header) instead of one per required column.
    const headerless = this.roster?.headerRow === null;
    const columns = (headerless ? {} : (this.roster?.columns ?? {})) as Record<string, number | undefined>;
    this.rosterTemplate = [];
    if (headerless) {
      this.rosterTemplate.push(templateIssue(SHEET_ROSTER, ROSTER_ANCHOR_HEADER, 'TEMPLATE_COLUMN_MISSING', M.MSG_ROSTER_HEADER_NOT_FOUND));
    }
    for (const s of specs) {
      const c = columns[s.key];
      if (typeof c === 'number' && Number.isInteger(c) && c >= 0) {
        s.present = true;
        s.letter = columnLetter(c);
        s.order = c;
      } else if (s.required && this.roster && !headerless) {
        this.rosterTemplate.push(templateIssue(SHEET_ROSTER, s.header, 'TEMPLATE_COLUMN_MISSING', M.msgRosterColumnMissing(s.header)));
      }
    }
    const asOfIso = ymdToIso(asOf);
    this.cx = { asOf, asOfIso, specs, idSpec: specs[R.idNumber], rows: new RowChecker(specs, asOf, asOfIso) };
    const order: RowState[] = [];
    const rows = this.roster && !headerless && Array.isArray(this.roster.rows) ? this.roster.rows : [];
    let sorted = true;
    for (const row of rows) {
      if (!row || typeof row !== 'object') continue;
      const st = this.cx.rows.check(row);
      if (sorted && order.length > 0 && order[order.length - 1].n > st.n) sorted = false;
      order.push(st);
    }
    // Rows usually come in worksheet order; the (stable) sort is only needed when they do not.
    if (!sorted) order.sort((a, b) => a.n - b.n);
    this.order = order;
    this.ids = new IdIndex();
    this.labourDispatchCount = 0;
    for (const st of order) this.index(st);
    this.unitRules = this.computeUnitRules();
    this.cached = null;
  }

  private index(st: RowState): void {
    if (st.labourDispatch) this.labourDispatchCount++;
    this.ids.add(st);
  }

  private unindex(st: RowState): void {
    if (st.labourDispatch) this.labourDispatchCount--;
    this.ids.remove(st);
  }

  private computeUnitRules(): Issue[] {
    // No roster rows could be read (sheet absent or no header row): the template issue is the one to fix,
    // so no count is compared (no COUNT_MISMATCH on top of it).
    if (!this.unitState) return [];
    const readable = this.roster !== null && this.roster.headerRow !== null;
    const counts = readable ? { rows: this.order.length, labourDispatch: this.labourDispatchCount } : null;
    return unitRuleIssues(this.unitState, counts, this.cx.asOf, this.cx.asOfIso);
  }

  private dupIssue(st: RowState): Issue | null {
    return this.ids.issueFor(st, this.cx.idSpec);
  }

  /** The row's issues with its ID_DUPLICATE (if any) merged in sort order. */
  private rowIssues(st: RowState, out: Issue[]): void {
    const dup = this.dupIssue(st);
    if (!dup) {
      for (const i of st.issues) out.push(i);
      return;
    }
    const issues = st.issues;
    for (let i = 0; i < st.dupAt; i++) out.push(issues[i]);
    out.push(dup);
    for (let i = st.dupAt; i < issues.length; i++) out.push(issues[i]);
  }

  private unitIssuesSorted(): Issue[] {
    if (!this.unitState) return [];
    return this.unitState.issues.concat(this.unitRules).sort(compareUnitIssues);
  }

  /** The as-of date in use, 'YYYY-MM-DD'. */
  get asOf(): string {
    return this.cx.asOfIso;
  }

  /** The current ledger (rows as last given). */
  result(): CheckResult {
    if (this.cached) return this.cached;
    const issues: Issue[] = [];
    if (!this.unitSheet) {
      issues.push(templateIssue(SHEET_UNIT, null, 'TEMPLATE_SHEET_MISSING', M.msgSheetMissing(SHEET_UNIT)));
    }
    for (const i of this.unitIssuesSorted()) issues.push(i);
    if (!this.roster) {
      issues.push(templateIssue(SHEET_ROSTER, null, 'TEMPLATE_SHEET_MISSING', M.msgSheetMissing(SHEET_ROSTER)));
    }
    for (const i of this.rosterTemplate) issues.push(i);
    if (this.ids.hasDuplicates) for (const st of this.order) this.rowIssues(st, issues);
    else for (const st of this.order) for (const i of st.issues) issues.push(i);
    const summary: Summary = { rows: this.order.length, errors: 0, warnings: 0, findings: 0 };
    for (const i of issues) {
      if (i.severity === 'error') summary.errors++;
      else if (i.severity === 'warning') summary.warnings++;
      else summary.findings++;
    }
    this.cached = { ok: summary.errors === 0, summary, issues };
    return this.cached;
  }

  /** The current ledger as plain JSON (rows in worksheet order). */
  ledger(): Ledger {
    return {
      templateVersion: this.templateVersion,
      unit: this.unitSheet,
      roster: this.roster
        ? { headerRow: this.roster.headerRow, columns: this.roster.columns, rows: this.order.map((st) => st.data) }
        : null,
    };
  }

  /** Replace, add or delete (row = null) the roster row at worksheet row `rowNumber`. */
  updateRow(rowNumber: number, row: LedgerRow | null): IssueDelta {
    if (!this.roster || this.roster.headerRow === null) throw new Error('台账中没有“编外人员台账”表头，无法逐行更新；请重新完整检查。');
    const lo = lowerBound(this.order, rowNumber);
    let hi = lo;
    while (hi < this.order.length && this.order[hi].n === rowNumber) hi++;
    const old = this.order.slice(lo, hi);
    const next = row ? this.cx.rows.check(row.row === rowNumber ? row : { row: rowNumber, values: row.values }) : null;

    // Rows whose ID_DUPLICATE issue may change: the ID groups of the old and new versions of the row.
    const touched = new Set<RowState>();
    const keys = new Set<string>();
    for (const st of old) if (st.idKey !== null) keys.add(st.idKey);
    if (next && next.idKey !== null) keys.add(next.idKey);
    for (const k of keys) for (const st of this.ids.rowsWith(k)) touched.add(st);
    for (const st of old) touched.delete(st);

    const before: Issue[] = [];
    for (const st of old) this.rowIssues(st, before);
    for (const st of touched) {
      const d = this.dupIssue(st);
      if (d) before.push(d);
    }
    for (const i of this.unitRules) before.push(i);

    for (const st of old) this.unindex(st);
    if (next) {
      this.order.splice(lo, hi - lo, next);
      this.index(next);
    } else {
      this.order.splice(lo, hi - lo);
    }
    this.unitRules = this.computeUnitRules();
    this.cached = null;

    const after: Issue[] = [];
    if (next) this.rowIssues(next, after);
    for (const st of touched) {
      const d = this.dupIssue(st);
      if (d) after.push(d);
    }
    for (const i of this.unitRules) after.push(i);
    return diff(before, after);
  }

  /** Replace the unit sheet. */
  updateUnit(unit: UnitSheet): IssueDelta {
    const before = this.result().issues;
    const oldAsOf = this.cx.asOf;
    this.unitSheet = unit;
    this.unitState = unit ? checkUnit(unit) : null;
    if (resolveAsOf(this.opts, this.unitState) !== oldAsOf) {
      if (this.roster) this.roster = { ...this.roster, rows: this.order.map((st) => st.data) };
      this.rebuild();
    } else {
      this.unitRules = this.computeUnitRules();
      this.cached = null;
    }
    return diff(before, this.result().issues);
  }
}

/** Check a whole ledger. Throws CheckOptionsError only for an invalid `asOf` option. */
export function checkLedger(ledger: Ledger, opts: CheckOptions = {}): CheckResult {
  return new LedgerChecker(ledger, opts).result();
}
