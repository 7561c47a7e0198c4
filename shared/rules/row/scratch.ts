// The state of the row being checked, owned by one RowChecker: every field's parsed value, the ID
// analysis, facts shared between rules, and the row's issues kept sorted as they are emitted.
import { ROSTER_FIELDS, SHEET_ROSTER, type RosterKey } from '../../template/definition';
import type { Issue } from '../../ledger/schema';
import type { IdAnalysis } from '../../id/idcard';
import type { Ymd } from '../../dates';
import type { Code } from '../codes';
import { EMPTY, VALID, type FieldResult, type FieldState, type Spec } from '../fields';

/** Field index of each roster key in the template definition. */
export const R = Object.fromEntries(ROSTER_FIELDS.map((d, i) => [d.key, i])) as Record<RosterKey, number>;
export const FIELD_COUNT = ROSTER_FIELDS.length;

export class RowScratch {
  /** Worksheet row number. */
  n = 0;
  readonly state = new Uint8Array(FIELD_COUNT) as Uint8Array & { [i: number]: FieldState };
  readonly value: (string | number)[] = new Array<string | number>(FIELD_COUNT).fill(0);
  /** checkField's out-parameter. */
  readonly field: FieldResult = { state: EMPTY, value: 0 };
  /** Filled by the ID cell's fast path or the identity rule. */
  readonly idAnalysis: IdAnalysis = {
    id18: '',
    from15: false,
    regionOk: false,
    birth: 0,
    checksumOk: false,
    expectedCheck: '',
    male: false,
  };
  /** idAnalysis already holds this row's ID. */
  idAnalysed = false;
  /** The row's ID analysis when its ID has an ID's shape, else null (set by the identity rules). */
  id: IdAnalysis | null = null;
  /** The ID is sound enough to derive gender, birth date and age from. */
  idValid = false;
  /** Past retirement age and not a rehired retiree (set by the employment rules, read by the findings). */
  overAge = false;
  /** Values several rules read, taken once per row after the field validators (null / 0 unless valid). */
  form: string | null = null;
  postCategory: string | null = null;
  hire: Ymd = 0;
  approval: Ymd = 0;

  private readonly issues: Issue[] = [];
  private readonly keys: number[] = [];
  count = 0;

  constructor(
    readonly specs: readonly Spec[],
    readonly asOf: Ymd,
    readonly asOfIso: string,
  ) {}

  begin(n: number): void {
    this.n = n;
    this.count = 0;
    this.idAnalysed = false;
    this.id = null;
    this.idValid = false;
    this.overAge = false;
  }

  /** After the field validators: take the values several rules read. */
  settle(): void {
    this.form = this.str(R.employmentForm);
    this.postCategory = this.str(R.postCategory);
    this.hire = this.ymd(R.hireDate);
    this.approval = this.ymd(R.approvalDate);
  }

  str(k: number): string | null {
    return this.state[k] === VALID ? (this.value[k] as string) : null;
  }

  num(k: number): number | null {
    return this.state[k] === VALID ? (this.value[k] as number) : null;
  }

  ymd(k: number): Ymd {
    return this.state[k] === VALID ? (this.value[k] as number) : 0;
  }

  empty(k: number): boolean {
    return this.state[k] === EMPTY;
  }

  /** Record an issue on field k. */
  at(k: number, c: Code, message: string): void {
    this.emit(this.specs[k], c, message);
  }

  /** emit, bound once, for checkField. */
  readonly emitter = (spec: Spec, c: Code, message: string): void => this.emit(spec, c, message);

  /** Issues are insertion-sorted by (column order, catalogue order): a row has only a handful. */
  emit(spec: Spec, c: Code, message: string): void {
    const n = this.n;
    const issue: Issue = {
      sheet: SHEET_ROSTER,
      row: n,
      column: spec.header,
      cell: spec.letter === null ? null : spec.letter + n,
      code: c.code,
      severity: c.severity,
      message,
    };
    const key = spec.order * 64 + c.order;
    const issues = this.issues,
      keys = this.keys;
    let i = this.count;
    while (i > 0 && keys[i - 1] > key) {
      issues[i] = issues[i - 1];
      keys[i] = keys[i - 1];
      i--;
    }
    issues[i] = issue;
    keys[i] = key;
    this.count++;
  }

  /** The row's issues as a fresh array. */
  takeIssues(): Issue[] {
    return this.issues.slice(0, this.count);
  }

  /** How many of the row's issues sort before an issue of `spec` with code `c`. */
  positionOf(spec: Spec, c: Code): number {
    const key = spec.order * 64 + c.order;
    let i = 0;
    while (i < this.count && this.keys[i] <= key) i++;
    return i;
  }
}
