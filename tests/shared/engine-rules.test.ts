// The engine's parts: the row-rule table covers the catalogue, FILING_DATE_OUT_OF_RANGE with its near
// misses, and ID_DUPLICATE on a huge group (issue 9.1: it was quadratic).
import { describe, expect, it } from 'vitest';
import { checkLedger, LedgerChecker } from '../../shared/rules/engine';
import { RULES, RULE_CODES, RULE_PARAMS, type RuleCode } from '../../shared/rules/catalogue';
import { ROW_RULES } from '../../shared/rules/row/checker';
import { CheckResultSchema, type Issue } from '../../shared/ledger/schema';
import { SHEET_UNIT } from '../../shared/template/definition';
import { cleanLedger, cleanRosterValues, rowNumberOf } from '../../fixtures/sampleLedgers';
import { addDays } from '../../shared/dates';

const only = (issues: Issue[], code: RuleCode) => issues.filter((i) => i.code === code);

describe('the row-rule table', () => {
  it('each row/cell rule code beyond the field validators and ID_DUPLICATE belongs to exactly one table rule', () => {
    const fieldCodes: RuleCode[] = [
      'REQUIRED_MISSING',
      'ENUM_INVALID',
      'DATE_INVALID',
      'NUMBER_INVALID',
      'TEXT_TOO_LONG',
      'PHONE_INVALID',
      'USCC_INVALID',
      'ID_FORMAT',
      'ID_DUPLICATE',
    ];
    const rowCodes = RULE_CODES.filter((c) => (RULES[c].scope === 'row' || RULES[c].scope === 'cell') && !fieldCodes.includes(c));
    const owners = new Map<RuleCode, string[]>();
    for (const r of ROW_RULES) for (const c of r.codes) owners.set(c, [...(owners.get(c) ?? []), r.name]);
    for (const c of rowCodes) expect(owners.get(c), c).toHaveLength(1);
    expect([...owners.keys()].sort()).toEqual([...rowCodes].sort());
  });

  it('the catalogue fits the sort key (catalogue order < 64)', () => {
    expect(RULE_CODES.length).toBeLessThan(64);
  });

  it('messages and explanations take their numbers from RULE_PARAMS', () => {
    expect(RULES.UNDERAGE_AT_HIRE.title).toContain(String(RULE_PARAMS.minHireAge));
    expect(RULES.SALARY_OUTLIER.explain).toContain(String(RULE_PARAMS.salaryMax));
    expect(RULES.DISPATCH_OVER_TEN_PERCENT.explain).toContain(`${RULE_PARAMS.dispatchMaxPercent}%`);
    expect(RULES.FILING_DATE_OUT_OF_RANGE.explain).toContain(`${RULE_PARAMS.filingDateMaxAgeDays}天`);
    const r = checkLedger(cleanLedger([{ monthlySalary: 999 }, { monthlySalary: 30001 }]), { asOf: '2025-06-30' });
    expect(only(r.issues, 'SALARY_OUTLIER').map((i) => i.message)).toEqual([
      expect.stringContaining(`低于${RULE_PARAMS.salaryMin}元`),
      expect.stringContaining(`高于${RULE_PARAMS.salaryMax}元`),
    ]);
  });
});

describe('FILING_DATE_OUT_OF_RANGE (v2)', () => {
  const FILING = '2025-06-30';
  const filingIssues = (asOf: string, filingDate: string | null = FILING) =>
    only(checkLedger(cleanLedger([{}], { filingDate }), { asOf }).issues, 'FILING_DATE_OUT_OF_RANGE');

  it('as-of itself and exactly 30 days after the filing date: ok', () => {
    expect(filingIssues(FILING)).toEqual([]);
    expect(addDays(FILING, 30)).toBe('2025-07-30');
    expect(filingIssues('2025-07-30')).toEqual([]);
  });

  it('31 days before as-of: error on the 填报日期 cell, saying by how much', () => {
    const [i] = filingIssues('2025-07-31');
    expect(i).toMatchObject({ sheet: SHEET_UNIT, column: '填报日期', severity: 'error', code: 'FILING_DATE_OUT_OF_RANGE' });
    expect(i.cell).toMatch(/^B\d+$/);
    expect(i.message).toContain('早 31 天');
    expect(i.message).toContain('30天');
  });

  it('a filing date after as-of (tomorrow): error; the day before as-of: ok', () => {
    const [i] = filingIssues('2025-06-29');
    expect(i.message).toContain('晚于核查日期 2025-06-29');
    expect(filingIssues('2025-07-01')).toEqual([]);
  });

  it('across a year end and a leap day; an empty or invalid 填报日期 is not this rule', () => {
    expect(filingIssues('2025-01-30', '2024-12-31')).toEqual([]);
    expect(filingIssues('2025-01-31', '2024-12-31')).toHaveLength(1);
    expect(filingIssues('2024-03-30', '2024-02-29')).toEqual([]);
    expect(filingIssues('2024-03-31', '2024-02-29')).toHaveLength(1);
    expect(filingIssues('2025-07-31', null)).toEqual([]);
    expect(filingIssues('2025-07-31', '2025-02-30')).toEqual([]);
  });

  it('without an as-of option the filing date is the as-of, so the rule cannot fire', () => {
    const r = checkLedger(cleanLedger([{}], { filingDate: '2020-01-01' }));
    expect(only(r.issues, 'FILING_DATE_OUT_OF_RANGE')).toEqual([]);
  });

  it('blocks (ok: false) and follows unit sheet updates incrementally', () => {
    const l = cleanLedger([{}], { filingDate: '2025-05-01' });
    const checker = new LedgerChecker(l, { asOf: FILING });
    expect(checker.result().ok).toBe(false);
    const d = checker.updateUnit({ ...l.unit!, values: { ...l.unit!.values, filingDate: FILING } });
    expect(d.removed.map((i) => i.code)).toEqual(['FILING_DATE_OUT_OF_RANGE']);
    expect(d.added).toEqual([]);
    expect(checker.result()).toEqual(
      checkLedger({ ...l, unit: { ...l.unit!, values: { ...l.unit!.values, filingDate: FILING } } }, { asOf: FILING }),
    );
  });
});

describe('ID_DUPLICATE on a large group (issue 9.1)', () => {
  // Before the fix each row's message filtered the whole group: 20,000 rows took ~53 s (this test timed out).
  const N = 20_000;
  const sameIdLedger = (n: number) => {
    const l = cleanLedger([{}]);
    const values = cleanRosterValues();
    l.roster!.rows = Array.from({ length: n }, (_, i) => ({ row: rowNumberOf(i), values: { ...values, seq: i + 1 } }));
    l.unit!.values.offStaffCount = n;
    return l;
  };

  it('20,000 rows sharing one ID: every row reported, each message short and naming the total', () => {
    const r = checkLedger(sameIdLedger(N), { asOf: '2025-06-30' });
    const d = only(r.issues, 'ID_DUPLICATE');
    expect(d).toHaveLength(N);
    for (const i of d) expect(i.message.length).toBeLessThan(160);
    expect(d[0].message).toContain(`第 ${rowNumberOf(1)}、${rowNumberOf(2)}`);
    expect(d[0].message).toContain(` 行等共 ${N - 1} 行重复，`); // one 行 each, not “行 行”
    expect(d[N - 1].message).not.toContain(`${rowNumberOf(N - 1)}、`); // lists the first rows, not itself
    CheckResultSchema.parse(r);
  });

  it('up to 8 other rows are all listed, without a total', () => {
    const r = checkLedger(sameIdLedger(9), { asOf: '2025-06-30' });
    const [first] = only(r.issues, 'ID_DUPLICATE');
    expect(first.message).toContain(Array.from({ length: 8 }, (_, i) => rowNumberOf(i + 1)).join('、') + ' 行重复');
    expect(first.message).not.toContain('等共');
  });

  it('an edit inside the big group stays incremental and equal to a full check', () => {
    const l = sameIdLedger(2_000);
    const checker = new LedgerChecker(l, { asOf: '2025-06-30' });
    checker.result();
    const n = rowNumberOf(5);
    const other = cleanRosterValues({ idNumber: cleanLedger([{}, {}]).roster!.rows[1].values.idNumber });
    checker.updateRow(n, { row: n, values: other });
    checker.updateRow(rowNumberOf(0), null);
    expect(checker.result()).toEqual(checkLedger(checker.ledger(), { asOf: '2025-06-30' }));
  });
});
