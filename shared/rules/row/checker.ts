// Checks one roster row: every field's validator (with fast paths for the normalised values parseLedger
// produces), then the table of row rules. One RowChecker per as-of date; it owns its scratch state.
import { ROSTER_FIELDS } from '../../template/definition';
import type { Cell, Issue, LedgerRow } from '../../ledger/schema';
import { isoToYmd, type Ymd } from '../../dates';
import { analyseIdInto, idShape } from '../../id/idcard';
import { C } from '../codes';
import { checkField, EMPTY, Kind, VALID, type Spec } from '../fields';
import { needsTrim } from '../../ledger/normalise';
import { IDENTITY_RULES } from './identity';
import { DATE_TERM_RULES } from './datesTerms';
import { EMPLOYMENT_RULES } from './employment';
import { FINDING_RULES } from './findings';
import { LABOUR_DISPATCH } from './values';
import { FIELD_COUNT, R, RowScratch } from './scratch';
import type { RowRule } from './rule';

/** Every row rule, in the order they run (identity first: later themes read its facts). */
export const ROW_RULES: readonly RowRule[] = [...IDENTITY_RULES, ...DATE_TERM_RULES, ...EMPLOYMENT_RULES, ...FINDING_RULES];
const RULE_CHECKS = ROW_RULES.map((r) => r.check);

/** A checked row. */
export interface RowState {
  /** Worksheet row number. */
  n: number;
  /** The row's own issues in sort order (column order, then catalogue order); never mutated once built. */
  issues: Issue[];
  /** Where this row's ID_DUPLICATE issue, when it has one, goes in `issues`. */
  dupAt: number;
  /** Normalised (upgraded) ID for ID_DUPLICATE, null when the ID has no ID shape. */
  idKey: string | null;
  labourDispatch: boolean;
  /** The row as given. */
  data: LedgerRow;
}

const KEYS: readonly string[] = ROSTER_FIELDS.map((d) => d.key);
const KEY_INDEX = new Map<string, number>(KEYS.map((k, i) => [k, i]));
// Shared by rows without issues; never mutated.
const NO_ISSUES: Issue[] = [];

export class RowChecker {
  private readonly r: RowScratch;
  /** seen[i] === generation of the current row when field i has been checked. */
  private readonly seen = new Uint32Array(FIELD_COUNT);
  private generation = 0;

  constructor(
    private readonly specs: readonly Spec[],
    asOf: Ymd,
    asOfIso: string,
  ) {
    this.r = new RowScratch(specs, asOf, asOfIso);
  }

  check(data: LedgerRow): RowState {
    const r = this.r;
    const n = data.row;
    r.begin(n);
    const specs = this.specs;
    const vals = (data.values !== null && typeof data.values === 'object' ? data.values : {}) as Record<string, Cell | undefined>;
    // Walk the row's keys with for-in: V8 then loads each value through its enum cache instead of doing 23
    // megamorphic lookups by name. Keys in template order (parseLedger, fixtures, posted JSON) match KEYS[j]
    // by pointer; any other key is looked up; fields the walk did not meet are read by name afterwards.
    const seen = this.seen;
    const gen = this.nextGeneration();
    let j = 0;
    for (const key in vals) {
      let i: number;
      if (j < FIELD_COUNT && key === KEYS[j]) i = j++;
      else {
        const x = KEY_INDEX.get(key);
        if (x === undefined || seen[x] === gen) continue;
        i = x;
      }
      seen[i] = gen;
      this.cell(specs[i], i, vals[key]);
    }
    if (j < FIELD_COUNT) for (let i = 0; i < FIELD_COUNT; i++) if (seen[i] !== gen) this.cell(specs[i], i, vals[KEYS[i]]);

    r.settle();
    for (let k = 0; k < RULE_CHECKS.length; k++) RULE_CHECKS[k](r);

    let issues = NO_ISSUES,
      dupAt = 0;
    if (r.count > 0) {
      issues = r.takeIssues();
      dupAt = r.positionOf(specs[R.idNumber], C.ID_DUPLICATE);
    }
    const idKey = r.id === null ? null : r.id.id18;
    return { n, issues, dupAt, idKey, labourDispatch: r.form === LABOUR_DISPATCH, data };
  }

  private nextGeneration(): number {
    if (this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 0;
    }
    return ++this.generation;
  }

  /** One roster cell: fast paths for the normalised values parseLedger produces, else checkField. */
  private cell(spec: Spec, i: number, v: unknown): void {
    const r = this.r;
    if (v === null || v === undefined) {
      r.state[i] = EMPTY;
      if (spec.required && spec.present) r.emit(spec, C.REQUIRED_MISSING, spec.msgRequired);
      return;
    }
    if (typeof v === 'string') {
      const k = spec.kind;
      if (k === Kind.Enum) {
        // The lists are short (≤ 8): a scan of === beats a Set lookup here.
        const list = spec.enumValues as readonly string[];
        for (let e = 0; e < list.length; e++) if (list[e] === v) return this.valid(i, v);
      } else if (k === Kind.Date) {
        const y = isoToYmd(v);
        if (y !== 0) return this.valid(i, y);
      } else if (k === Kind.Text) {
        if (v.length <= spec.maxLength && v.length > 0 && v.charCodeAt(0) !== 35 && !needsTrim(v)) return this.valid(i, v);
      } else if (k === Kind.Id) {
        if (i === R.idNumber ? (r.idAnalysed = analyseIdInto(v, r.idAnalysis)) : idShape(v) !== null) return this.valid(i, v);
      }
    } else if (
      typeof v === 'number' &&
      v >= spec.min &&
      v < Infinity &&
      (spec.kind === Kind.Number || (spec.kind === Kind.Integer && Number.isInteger(v)))
    ) {
      return this.valid(i, v);
    }
    const f = r.field;
    checkField(spec, v, r.emitter, f);
    r.state[i] = f.state;
    r.value[i] = f.value;
  }

  private valid(i: number, v: string | number): void {
    this.r.state[i] = VALID;
    this.r.value[i] = v;
  }
}
