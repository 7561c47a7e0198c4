// Property tests: the parser and the engine never throw on arbitrary cell values, a parsed ledger is plain
// JSON that passes its schema, and the incremental checker always equals a full check.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseLedger } from '../../shared/ledger/parse';
import { checkLedger, LedgerChecker, type CheckOptions } from '../../shared/rules/engine';
import { CheckResultSchema, LedgerSchema, type Issue, type Ledger, type LedgerRow, type UnitSheet } from '../../shared/ledger/schema';
import { ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT, UNIT_FIELDS } from '../../shared/template/definition';
import { makeIdNumber, upgradeId15 } from '../../shared/id/idcard';
import {
  cleanLedger,
  cleanRosterValues,
  rowNumberOf,
  validUnitSheet,
  type RosterValues,
  type UnitValues,
} from '../../fixtures/sampleLedgers';

const fullWidth = fc.string({ unit: fc.integer({ min: 0xff01, max: 0xff5e }).map((c) => String.fromCharCode(c)) });
const excelError = fc.constantFrom(
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#NUM!',
  '#NAME?',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
);
const primitiveCell = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fullWidth,
  excelError,
  fc.constantFrom(
    '2023-02-30',
    '2024/2/29',
    '２０２４年２月２９日',
    '1.10105E+17',
    ' 男 ',
    '劳务派遣',
    '是',
    '1,234.5',
    '－5',
    '110101900315131',
    '11010519900315131x',
  ),
  fc.double(),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -0, 60, 2958466, 1.1010519900315e17, Number.MAX_SAFE_INTEGER + 2),
  fc.bigInt(),
  fc.boolean(),
  fc.date({ noInvalidDate: false }),
  fc.constant(null),
  fc.constant(undefined),
);
const anyCell: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: primitiveCell },
  { weight: 1, arbitrary: fc.record({ formula: fc.string(), result: primitiveCell }) },
  { weight: 1, arbitrary: fc.record({ richText: fc.array(fc.record({ text: fc.oneof(fc.string(), fc.integer()) })) }) },
  { weight: 1, arbitrary: fc.record({ text: primitiveCell, hyperlink: fc.string() }) },
  { weight: 1, arbitrary: fc.record({ error: excelError }) },
  { weight: 1, arbitrary: fc.oneof(fc.object(), fc.array(fc.anything()), fc.constant(Object.create(null))) },
);

const headerCell = fc.oneof(fc.constantFrom(...ROSTER_FIELDS.map((d) => d.header), '*姓名', '月工资(元)', ' 身份证号码 '), anyCell);
const labelCell = fc.oneof(fc.constantFrom(...UNIT_FIELDS.map((d) => d.header), '*填报日期：'), anyCell);

const sheetsArb = fc.record({
  unit: fc.array(
    fc.tuple(labelCell, anyCell).map((t) => t as unknown[]),
    { maxLength: 16 },
  ),
  title: fc.array(fc.array(anyCell, { maxLength: 4 }), { maxLength: 3 }),
  header: fc.array(headerCell, { maxLength: 26 }),
  rows: fc.array(fc.array(anyCell, { maxLength: 26 }), { maxLength: 8 }),
  dropUnit: fc.boolean(),
});

function jsonClone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

describe('never throws', () => {
  it('parseLedger + checkLedger on arbitrary workbooks: plain JSON, valid schemas', () => {
    fc.assert(
      fc.property(sheetsArb, fc.boolean(), (s, withAnchor) => {
        const header = withAnchor ? [...s.header, '身份证号码'] : s.header;
        const sheets: Record<string, unknown[][]> = { [SHEET_ROSTER]: [...s.title, header, ...s.rows] };
        if (!s.dropUnit) sheets[SHEET_UNIT] = s.unit;
        const ledger = parseLedger({ sheets });
        LedgerSchema.parse(ledger);
        expect(jsonClone(ledger)).toEqual(ledger);
        const result = checkLedger(ledger, { asOf: '2025-06-30' });
        CheckResultSchema.parse(result);
        expect(result.ok).toBe(result.issues.every((i) => i.severity !== 'error'));
        // default as-of path too
        CheckResultSchema.parse(checkLedger(ledger));
      }),
      { numRuns: 400 },
    );
  });

  it('checkLedger on ledgers holding raw, unnormalised values', () => {
    const values = fc.dictionary(fc.constantFrom(...ROSTER_FIELDS.map((d) => d.key)), anyCell);
    const unitValues = fc.dictionary(fc.constantFrom(...UNIT_FIELDS.map((d) => d.key)), anyCell);
    fc.assert(
      fc.property(fc.array(values, { maxLength: 6 }), unitValues, (rows, unit) => {
        const ledger = {
          templateVersion: null,
          unit: { values: unit, rows: {} },
          roster: {
            headerRow: 1,
            columns: Object.fromEntries(ROSTER_FIELDS.map((d, i) => [d.key, i])),
            rows: rows.map((v, i) => ({ row: i + 2, values: v })),
          },
        } as unknown as Ledger;
        CheckResultSchema.parse(checkLedger(ledger, { asOf: '2025-06-30' }));
        CheckResultSchema.parse(checkLedger(ledger));
      }),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Incremental == full

const IDS = [
  makeIdNumber('110101', '19900315', 11, true),
  makeIdNumber('110101', '19900315', 12, false),
  makeIdNumber('310104', '19600101', 13, true),
  makeIdNumber('440305', '20100101', 15, true),
];
const ID_15 = '110101900315011'; // upgrades to IDS[0]'s family, distinct sequence
const patchArb: fc.Arbitrary<Partial<RosterValues>> = fc.record(
  {
    idNumber: fc.constantFrom(...IDS, ID_15, upgradeId15(ID_15), IDS[0].toLowerCase(), IDS[0].slice(0, 17), 'abc', null),
    gender: fc.constantFrom('男', '女', '未知', null),
    employmentForm: fc.constantFrom('劳务派遣', '政府购买服务', '退休返聘', '临时用工', '劳务派遣公司', null),
    postCategory: fc.constantFrom('服务性', '技术性', '行政管理', '涉密'),
    hireDate: fc.constantFrom('2020-03-01', '2030-01-01', '2023-02-30', '2025-06-30', null),
    monthlySalary: fc.constantFrom(4500, 800, -1, 'x', null),
    remarks: fc.constantFrom(null, '说明'),
    relativeOfLeader: fc.constantFrom('是', '否'),
    dispatchCompany: fc.constantFrom('某公司', null),
  },
  { requiredKeys: [] },
);
const unitPatchArb: fc.Arbitrary<Partial<UnitValues>> = fc.record(
  {
    offStaffCount: fc.integer({ min: 0, max: 8 }),
    onStaffCount: fc.constantFrom(0, 5, 9, 20, 100, 'x'),
    authorisedPosts: fc.constantFrom(0, 10, 100),
    filingDate: fc.constantFrom('2025-06-30', '2019-01-01', '2030-12-31', '不详', null),
  },
  { requiredKeys: [] },
);
type Edit = { kind: 'row'; i: number; patch: Partial<RosterValues> | null } | { kind: 'unit'; patch: Partial<UnitValues> };
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('row' as const), i: fc.integer({ min: 0, max: 9 }), patch: fc.option(patchArb, { freq: 4 }) }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unit' as const), patch: unitPatchArb }) },
);

const key = (i: Issue) => JSON.stringify(i);
function multiset(issues: Issue[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of issues) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return m;
}

describe('LedgerChecker', () => {
  it('after any edit sequence, result() equals checkLedger on the same data, and the delta is exact', () => {
    fc.assert(
      fc.property(
        fc.array(patchArb, { maxLength: 6 }),
        fc.array(editArb, { minLength: 1, maxLength: 25 }),
        fc.constantFrom<CheckOptions>({}, { asOf: '2025-06-30' }),
        (initial, edits, opts) => {
          const base = cleanLedger(initial);
          const rows = new Map<number, LedgerRow>(base.roster!.rows.map((r) => [r.row, r]));
          let unit: UnitSheet = base.unit!;
          const checker = new LedgerChecker(base, opts);
          let prev = checker.result().issues;
          for (const e of edits) {
            let delta;
            if (e.kind === 'row') {
              const n = rowNumberOf(e.i);
              const row = e.patch === null ? null : { row: n, values: cleanRosterValues({ idNumber: IDS[1], ...e.patch }) };
              if (row) rows.set(n, row);
              else rows.delete(n);
              delta = checker.updateRow(n, row);
            } else {
              unit = validUnitSheet(0, { ...(unit.values as UnitValues), ...e.patch });
              delta = checker.updateUnit(unit);
            }
            const model: Ledger = { ...base, unit, roster: { ...base.roster!, rows: [...rows.values()].sort((a, b) => a.row - b.row) } };
            const full = checkLedger(model, opts);
            const now = checker.result();
            expect(now).toEqual(full);
            // prev - removed + added == now (as multisets)
            const m = multiset(prev);
            for (const r of delta.removed) {
              const c = m.get(key(r));
              expect(c).toBeGreaterThan(0);
              m.set(key(r), c! - 1);
            }
            for (const a of delta.added) m.set(key(a), (m.get(key(a)) ?? 0) + 1);
            const expected = multiset(now.issues);
            for (const [k, c] of m) expect(c).toBe(expected.get(k) ?? 0);
            for (const [k, c] of expected) expect(m.get(k) ?? 0).toBe(c);
            prev = now.issues;
          }
          expect(checker.ledger().roster!.rows).toEqual([...rows.values()].sort((a, b) => a.row - b.row));
        },
      ),
      { numRuns: 250 },
    );
  });

  it('updateRow reports the ID_DUPLICATE of the other row and the unit counts as part of the delta', () => {
    const l = cleanLedger([{}, {}], { offStaffCount: 2 });
    const checker = new LedgerChecker(l, { asOf: '2025-06-30' });
    expect(checker.result().issues).toEqual([]);
    const dupOf4 = { row: 5, values: { ...l.roster!.rows[1].values, idNumber: l.roster!.rows[0].values.idNumber } };
    const d1 = checker.updateRow(5, dupOf4);
    expect(d1.removed).toEqual([]);
    expect(d1.added.map((i) => [i.code, i.row])).toEqual([
      ['ID_DUPLICATE', 5],
      ['ID_DUPLICATE', 4],
    ]);
    const d2 = checker.updateRow(6, { row: 6, values: cleanRosterValues({ idNumber: IDS[2], disposition: '清退' }) });
    expect(d2.added.map((i) => i.code).sort()).toEqual(['COUNT_MISMATCH', 'OVER_RETIREMENT_AGE']);
    const d3 = checker.updateRow(5, null);
    expect(d3.removed.map((i) => i.code).sort()).toEqual(['COUNT_MISMATCH', 'ID_DUPLICATE', 'ID_DUPLICATE']);
    expect(d3.added).toEqual([]);
    expect(checker.result().summary.rows).toBe(2);
  });

  it('updateUnit with a new 填报日期 re-checks the rows against the new as-of date', () => {
    const l = cleanLedger([{ hireDate: '2025-06-01', approvalDate: '2025-05-01' }]);
    const checker = new LedgerChecker(l);
    expect(checker.asOf).toBe('2025-06-30');
    const d = checker.updateUnit(validUnitSheet(1, { filingDate: '2025-05-31' }));
    expect(d.added.map((i) => i.code)).toEqual(['DATE_IN_FUTURE']);
    expect(checker.asOf).toBe('2025-05-31');
  });
});
