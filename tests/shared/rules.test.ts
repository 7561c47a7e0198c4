// Every rule code of the catalogue: a case that triggers it and a near miss that does not.
// Long (~630 lines): one trigger and one near miss per rule code of the catalogue (about 50 codes),
// grouped by theme as the rules are; the catalogue's size sets the file's.
import { describe, expect, it } from 'vitest';
import { checkLedger, CheckOptionsError } from '../../shared/rules/engine';
import { RULES, RULE_CODES, type RuleCode } from '../../shared/rules/catalogue';
import { parseLedger } from '../../shared/ledger/parse';
import { CheckResultSchema, LedgerSchema, type Issue, type Ledger } from '../../shared/ledger/schema';
import { makeIdNumber, upgradeId15 } from '../../shared/id/idcard';
import { idCheckChar } from '../../shared/id/idcard';
import { ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT } from '../../shared/template/definition';
import { cleanLedger, cleanRosterValues, makeSheets, type RosterValues, type UnitValues } from '../../fixtures/sampleLedgers';

const AS_OF = '2025-06-30';

function check(patches: Partial<RosterValues>[], unit: Partial<UnitValues> = {}, asOf: string | undefined = AS_OF) {
  const result = checkLedger(cleanLedger(patches, unit), asOf === undefined ? {} : { asOf });
  CheckResultSchema.parse(result);
  return result;
}
const only = (r: { issues: Issue[] }, code: RuleCode) => r.issues.filter((i) => i.code === code);
const one = (patch: Partial<RosterValues>, code: RuleCode, unit: Partial<UnitValues> = {}, asOf = AS_OF) =>
  only(check([patch], unit, asOf), code);

/** A valid ID for a birth date 'YYYYMMDD'. */
const idFor = (birth: string, male: boolean, seq = 21, region = '110101') => makeIdNumber(region, birth, seq, male);

describe('baseline', () => {
  it('a clean ledger has no issue at all and is ok', () => {
    const r = check([{}, {}, {}]);
    expect(r.issues).toEqual([]);
    expect(r).toEqual({ ok: true, summary: { rows: 3, errors: 0, warnings: 0, findings: 0 }, issues: [] });
  });

  it('every issue carries the catalogue severity, the sheet, row, column and A1 cell', () => {
    const r = check([{ name: null, postCategory: '涉密', monthlySalary: 500 }]);
    for (const i of r.issues) expect(i.severity).toBe(RULES[i.code].severity);
    expect(only(r, 'REQUIRED_MISSING')[0]).toMatchObject({ sheet: SHEET_ROSTER, row: 4, column: '姓名', cell: 'B4', severity: 'error' });
    expect(only(r, 'PROHIBITED_POST')[0]).toMatchObject({ row: 4, column: '岗位类别', cell: 'J4', severity: 'finding' });
    expect(only(r, 'SALARY_OUTLIER')[0]).toMatchObject({ column: '月工资（元）', cell: 'T4', severity: 'warning' });
  });

  it('findings and warnings never block: ok stays true', () => {
    const r = check([
      {
        postCategory: '行政执法',
        employmentForm: '临时用工',
        dispatchCompany: null,
        collectiveDecision: '否',
        approvalNo: null,
        monthlySalary: 50000,
        relativeOfLeader: '是',
        remarks: '说明',
      },
    ]);
    expect(r.summary.findings).toBeGreaterThan(3);
    expect(r.summary.warnings).toBe(1);
    expect(r.summary.errors).toBe(0);
    expect(r.ok).toBe(true);
  });
});

describe('template rules', () => {
  it('TEMPLATE_SHEET_MISSING names each absent sheet; a roster without header row is a missing column instead', () => {
    const sheets = makeSheets(2);
    const noUnit = checkLedger(parseLedger({ sheets: { [SHEET_ROSTER]: sheets[SHEET_ROSTER] } }), { asOf: AS_OF });
    expect(only(noUnit, 'TEMPLATE_SHEET_MISSING')).toEqual([
      expect.objectContaining({ sheet: SHEET_UNIT, row: null, column: null, cell: null, severity: 'error' }),
    ]);
    expect(noUnit.ok).toBe(false);
    const noHeader = sheets[SHEET_ROSTER].map((r) => r.map((c) => (c === '身份证号码' ? '证件号' : c)));
    const r2 = checkLedger(parseLedger({ sheets: { [SHEET_UNIT]: sheets[SHEET_UNIT], [SHEET_ROSTER]: noHeader } }), { asOf: AS_OF });
    expect(only(r2, 'TEMPLATE_SHEET_MISSING')).toEqual([]);
    expect(only(r2, 'TEMPLATE_COLUMN_MISSING')).toEqual([
      expect.objectContaining({ sheet: SHEET_ROSTER, row: null, column: '身份证号码', cell: null, severity: 'error' }),
    ]);
    // no roster row could be read: no count is compared on top of the template error
    expect(only(r2, 'COUNT_MISMATCH')).toEqual([]);
    const both = checkLedger(parseLedger({ sheets: {} }), { asOf: AS_OF });
    expect(both.issues.map((i) => [i.code, i.sheet])).toEqual([
      ['TEMPLATE_SHEET_MISSING', SHEET_UNIT],
      ['TEMPLATE_SHEET_MISSING', SHEET_ROSTER],
    ]);
    // near miss: sheet names with stray spaces are still found
    const spaced = checkLedger(parseLedger({ sheets: { [` ${SHEET_UNIT} `]: sheets[SHEET_UNIT], [SHEET_ROSTER]: sheets[SHEET_ROSTER] } }), {
      asOf: AS_OF,
    });
    expect(only(spaced, 'TEMPLATE_SHEET_MISSING')).toEqual([]);
  });

  it('TEMPLATE_COLUMN_MISSING for a required header or label; optional ones may be absent', () => {
    const sheets = makeSheets(2);
    const roster = sheets[SHEET_ROSTER].map((r) => r.slice());
    const nameCol = ROSTER_FIELDS.findIndex((d) => d.key === 'name');
    const remarksCol = ROSTER_FIELDS.findIndex((d) => d.key === 'remarks');
    roster[2][nameCol] = '名字';
    roster[2][remarksCol] = '其他说明';
    const unit = sheets[SHEET_UNIT].filter((r) => r[0] !== '填报日期');
    const r = checkLedger(parseLedger({ sheets: { [SHEET_UNIT]: unit, [SHEET_ROSTER]: roster } }), { asOf: AS_OF });
    const missing = only(r, 'TEMPLATE_COLUMN_MISSING');
    expect(missing.map((i) => [i.sheet, i.column, i.row, i.cell])).toEqual([
      [SHEET_UNIT, '填报日期', null, null],
      [SHEET_ROSTER, '姓名', null, null],
    ]);
    // no per-row REQUIRED_MISSING noise for the absent column
    expect(only(r, 'REQUIRED_MISSING')).toEqual([]);
  });

  it('near miss: headers with a required marker, line breaks and half-width parentheses still match', () => {
    const sheets = makeSheets(1);
    const roster = sheets[SHEET_ROSTER].map((r) => r.slice());
    roster[2] = roster[2].map((h) =>
      h === '姓名' ? '*姓 名' : h === '月工资（元）' ? '月工资\n(元)' : h === '身份证号码' ? '＊身份证号码' : h,
    );
    const unit = sheets[SHEET_UNIT].map((r) => (r[0] === '单位名称' ? ['*单位名称：', r[1]] : r));
    const r = checkLedger(parseLedger({ sheets: { [SHEET_UNIT]: unit, [SHEET_ROSTER]: roster } }), { asOf: AS_OF });
    expect(only(r, 'TEMPLATE_COLUMN_MISSING')).toEqual([]);
  });
});

describe('cell rules', () => {
  it('REQUIRED_MISSING for an empty required cell, not for an optional one', () => {
    expect(one({ name: null }, 'REQUIRED_MISSING')).toHaveLength(1);
    expect(one({ hireDate: null }, 'REQUIRED_MISSING')[0].column).toBe('入职日期');
    expect(one({ major: null, remarks: null, birthDate: null }, 'REQUIRED_MISSING')).toEqual([]);
    const unitMissing = only(check([{}], { headName: null }), 'REQUIRED_MISSING');
    expect(unitMissing).toEqual([expect.objectContaining({ sheet: SHEET_UNIT, column: '单位主要负责人', cell: 'B10', row: 10 })]);
  });

  it('REQUIRED_MISSING says when a formula returned an error', () => {
    const [i] = one({ name: '#N/A' }, 'REQUIRED_MISSING');
    expect(i.message).toContain('#N/A');
    expect(i.message).toContain('公式');
  });

  it('ENUM_INVALID for a value outside the list (and error values); spaces are forgiven', () => {
    const [i] = one({ gender: '男性' }, 'ENUM_INVALID');
    expect(i.message).toContain('男性');
    expect(i.message).toContain('男、女');
    expect(one({ employmentForm: '#REF!' }, 'ENUM_INVALID')[0].message).toContain('#REF!');
    expect(one({ gender: ' 男 ' }, 'ENUM_INVALID')).toEqual([]);
    expect(one({ employmentForm: '劳务 派遣' }, 'ENUM_INVALID')).toEqual([]);
  });

  it('DATE_INVALID for unreadable and non-existent dates (2023-02-30), not for the accepted forms', () => {
    const [a] = one({ termStart: '2023-02-30', termEnd: '2024-01-01' }, 'DATE_INVALID');
    expect(a.message).toContain('2023-02-30');
    expect(a.message).toContain('不是存在的日期');
    expect(one({ hireDate: '去年三月' }, 'DATE_INVALID')[0].message).toContain('无法识别');
    expect(one({ hireDate: '#VALUE!' }, 'DATE_INVALID')[0].message).toContain('#VALUE!');
    expect(one({ approvalDate: '2021年2月29日' }, 'DATE_INVALID')).toHaveLength(1);
    // unit sheet date
    expect(only(check([{}], { filingDate: '2025-13-01' }, AS_OF), 'DATE_INVALID')[0]).toMatchObject({
      sheet: SHEET_UNIT,
      column: '填报日期',
      cell: 'B14',
    });
    for (const ok of ['2020-03-01', '2020/3/1', '2020.3.1', '2020年3月1日', ' ２０２０－０３－０１ ', 43891]) {
      expect(one({ hireDate: ok as string }, 'DATE_INVALID')).toEqual([]);
    }
  });

  it('NUMBER_INVALID for text, negatives and fractions where an integer is required', () => {
    expect(one({ monthlySalary: '四千五' }, 'NUMBER_INVALID')[0].message).toContain('四千五');
    expect(one({ monthlySalary: -1 }, 'NUMBER_INVALID')[0].message).toContain('负数');
    expect(one({ seq: 1.5 }, 'NUMBER_INVALID')[0].message).toContain('整数');
    expect(only(check([{}], { onStaffCount: 12.5 }), 'NUMBER_INVALID')[0]).toMatchObject({ sheet: SHEET_UNIT, column: '实有在编人数' });
    expect(one({ monthlySalary: '#DIV/0!' }, 'NUMBER_INVALID')[0].message).toContain('#DIV/0!');
    expect(one({ monthlySalary: 4500.5 }, 'NUMBER_INVALID')).toEqual([]);
    expect(one({ monthlySalary: '4,500' }, 'NUMBER_INVALID')).toEqual([]);
    expect(one({ monthlySalary: '４５００' }, 'NUMBER_INVALID')).toEqual([]);
    expect(one({ monthlySalary: 0 }, 'NUMBER_INVALID')).toEqual([]);
  });

  it('TEXT_TOO_LONG beyond 30 characters for 姓名 (counted as characters) and 100 for 单位名称', () => {
    expect(one({ name: '张'.repeat(31) }, 'TEXT_TOO_LONG')[0].message).toContain('31');
    expect(one({ name: '张'.repeat(30) }, 'TEXT_TOO_LONG')).toEqual([]);
    expect(one({ name: '𠀀'.repeat(30) }, 'TEXT_TOO_LONG')).toEqual([]);
    expect(only(check([{}], { unitName: '局'.repeat(101) }), 'TEXT_TOO_LONG')).toHaveLength(1);
    expect(only(check([{}], { unitName: '局'.repeat(100) }), 'TEXT_TOO_LONG')).toEqual([]);
  });

  it('PHONE_INVALID for a non-mobile number; spaces, dashes, full-width digits and numeric cells are fine', () => {
    expect(only(check([{}], { liaisonPhone: '12812345678' }), 'PHONE_INVALID')[0]).toMatchObject({
      severity: 'error',
      column: '联络员手机',
      cell: 'B13',
    });
    expect(only(check([{}], { liaisonPhone: '0571-8888888' }), 'PHONE_INVALID')).toHaveLength(1);
    expect(only(check([{}], { liaisonPhone: '1381234567' }), 'PHONE_INVALID')).toHaveLength(1);
    for (const ok of ['138 1234 5678', '138-1234-5678', '１３８１２３４５６７８', 13812345678]) {
      expect(only(check([{}], { liaisonPhone: ok as string }), 'PHONE_INVALID')).toEqual([]);
    }
  });

  it('USCC_INVALID is a warning for a wrong check character or shape', () => {
    const good = '91350100M000100Y43';
    expect(only(check([{}], { creditCode: good }), 'USCC_INVALID')).toEqual([]);
    expect(only(check([{}], { creditCode: good.toLowerCase() }), 'USCC_INVALID')).toEqual([]);
    const bad = check([{}], { creditCode: '91350100M000100Y44' });
    expect(only(bad, 'USCC_INVALID')[0]).toMatchObject({ severity: 'warning', cell: 'B3' });
    expect(only(bad, 'USCC_INVALID')[0].message).toContain('“3”');
    expect(bad.ok).toBe(true);
    expect(only(check([{}], { creditCode: '91350100M000100Y4' }), 'USCC_INVALID')[0].message).toContain('17 位');
    expect(only(check([{}], { creditCode: '91350100M000100I43' }), 'USCC_INVALID')[0].message).toContain('I');
  });
});

describe('identity rules', () => {
  const id = idFor('19900315', true);

  it('ID_FORMAT for wrong length or characters, Excel numbers that lost digits, and error values', () => {
    expect(one({ idNumber: id.slice(0, 17) }, 'ID_FORMAT')[0].message).toContain('17 位');
    expect(one({ idNumber: id.slice(0, 16) + 'X' + id[17] }, 'ID_FORMAT')).toHaveLength(1);
    const sci = parseLedger({ sheets: sheetsWithRosterValue('idNumber', 1.10101199003151e17) });
    const r = checkLedger(sci, { asOf: AS_OF });
    expect(only(r, 'ID_FORMAT')[0].message).toContain('文本格式');
    expect(one({ idNumber: '#N/A' }, 'ID_FORMAT')[0].message).toContain('#N/A');
    expect(one({ idNumber: id }, 'ID_FORMAT')).toEqual([]);
  });

  it('a lower-case x is accepted as X; full-width digits too', () => {
    const withX = findIdEndingInX();
    expect(check([{ idNumber: withX.toLowerCase() }]).issues).toEqual([]);
    const fw = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    const parsed = parseLedger({ sheets: sheetsWithRosterValue('idNumber', fw) });
    expect(parsed.roster!.rows[0].values.idNumber).toBe(id);
  });

  it('ID_15_DIGIT warns and checks the upgraded ID (derived checks run on it)', () => {
    const id15 = '110101900315131';
    const r = check([{ idNumber: id15, gender: '男' }]);
    expect(only(r, 'ID_15_DIGIT')[0].message).toContain(upgradeId15(id15));
    expect(r.issues.map((i) => i.code)).toEqual(['ID_15_DIGIT']);
    expect(only(check([{ idNumber: id15, gender: '女' }]), 'GENDER_MISMATCH')).toHaveLength(1);
    expect(only(check([{ idNumber: '990101900315131' }]), 'ID_REGION_INVALID')).toHaveLength(1);
    expect(only(check([{ idNumber: '110101900230131' }]), 'ID_BIRTHDATE_INVALID')).toHaveLength(1);
    expect(one({ idNumber: id }, 'ID_15_DIGIT')).toEqual([]);
  });

  it('ID_REGION_INVALID for a non-province prefix with a correct check character', () => {
    const bad = makeIdNumber('991010', '19900315', 21, true);
    expect(one({ idNumber: bad }, 'ID_REGION_INVALID')[0].message).toContain('“99”');
    for (const p of ['11', '15', '23', '37', '46', '54', '65', '71', '81', '82']) {
      expect(one({ idNumber: makeIdNumber(p + '0101', '19900315', 21, true) }, 'ID_REGION_INVALID')).toEqual([]);
    }
    for (const p of ['10', '16', '20', '24', '38', '47', '55', '66', '70', '72', '80', '83']) {
      expect(one({ idNumber: makeIdNumber(p + '0101', '19900315', 21, true) }, 'ID_REGION_INVALID')).toHaveLength(1);
    }
  });

  it('ID_BIRTHDATE_INVALID for a non-existent or future birth date', () => {
    expect(one({ idNumber: makeIdNumber('110101', '19900230', 21, true) }, 'ID_BIRTHDATE_INVALID')[0].message).toContain('19900230');
    expect(one({ idNumber: makeIdNumber('110101', '20250701', 21, true) }, 'ID_BIRTHDATE_INVALID')[0].message).toContain('晚于');
    expect(one({ idNumber: makeIdNumber('110101', '20250630', 21, true) }, 'ID_BIRTHDATE_INVALID')).toEqual([]);
    expect(one({ idNumber: makeIdNumber('110101', '20000229', 21, true) }, 'ID_BIRTHDATE_INVALID')).toEqual([]);
  });

  it('ID_CHECKSUM for a wrong check character, with the expected one in the message', () => {
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    const [i] = one({ idNumber: wrong }, 'ID_CHECKSUM');
    expect(i).toMatchObject({ column: '身份证号码', cell: 'D4', severity: 'error' });
    expect(i.message).toContain(`“${id[17]}”`);
    expect(one({ idNumber: id }, 'ID_CHECKSUM')).toEqual([]);
  });

  it('ID_DUPLICATE reports every row holding the same normalised ID, including 15/18-digit and x/X forms', () => {
    const r = check([{ idNumber: id }, {}, { idNumber: id }, { idNumber: id }]);
    const d = only(r, 'ID_DUPLICATE');
    expect(d.map((i) => i.row)).toEqual([4, 6, 7]);
    expect(d[0].message).toContain('6、7');
    const id15 = '110101900315131';
    expect(only(check([{ idNumber: id15 }, { idNumber: upgradeId15(id15) }]), 'ID_DUPLICATE').map((i) => i.row)).toEqual([4, 5]);
    const x = findIdEndingInX();
    expect(only(check([{ idNumber: x }, { idNumber: x.toLowerCase() }]), 'ID_DUPLICATE')).toHaveLength(2);
    expect(only(check([{}, {}]), 'ID_DUPLICATE')).toEqual([]);
  });

  it('GENDER_MISMATCH when 性别 disagrees with the 17th digit; skipped when the ID is invalid', () => {
    expect(one({ gender: '女' }, 'GENDER_MISMATCH')[0]).toMatchObject({ column: '性别', cell: 'C4' });
    expect(one({ gender: '女', idNumber: idFor('19900315', false) }, 'GENDER_MISMATCH')).toEqual([]);
    const wrong = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(one({ gender: '女', idNumber: wrong }, 'GENDER_MISMATCH')).toEqual([]);
  });

  it('BIRTHDATE_MISMATCH when 出生日期 disagrees with the ID', () => {
    expect(one({ birthDate: '1990-03-16' }, 'BIRTHDATE_MISMATCH')[0].message).toContain('1990-03-15');
    expect(one({ birthDate: '1990-03-15' }, 'BIRTHDATE_MISMATCH')).toEqual([]);
    // serial date of 1990-03-15 read from a date cell
    const parsed = parseLedger({ sheets: sheetsWithRosterValue('birthDate', 32947) });
    expect(parsed.roster!.rows[0].values.birthDate).toBe('1990-03-15');
  });
});

describe('row rules', () => {
  it('DATE_IN_FUTURE for 入职日期 or 审批日期 after as-of; as-of itself is fine', () => {
    expect(one({ hireDate: '2025-07-01', approvalDate: '2020-01-01' }, 'DATE_IN_FUTURE')[0].column).toBe('入职日期');
    expect(one({ approvalDate: '2025-07-01' }, 'DATE_IN_FUTURE')[0].column).toBe('审批日期');
    expect(one({ hireDate: '2025-06-30', approvalDate: '2025-06-30' }, 'DATE_IN_FUTURE')).toEqual([]);
  });

  it('TERM_END_BEFORE_START; the same day is fine', () => {
    expect(one({ termStart: '2025-01-01', termEnd: '2024-12-31' }, 'TERM_END_BEFORE_START')[0].column).toBe('使用期限止');
    expect(one({ termStart: '2025-01-01', termEnd: '2025-01-01' }, 'TERM_END_BEFORE_START')).toEqual([]);
  });

  it('UNDERAGE_AT_HIRE before the 16th birthday; hiring on the birthday is fine', () => {
    const young = idFor('20050610', true);
    expect(one({ idNumber: young, hireDate: '2021-06-09', approvalDate: '2021-01-01' }, 'UNDERAGE_AT_HIRE')[0].message).toContain(
      '2021-06-10',
    );
    expect(one({ idNumber: young, hireDate: '2021-06-10', approvalDate: '2021-01-01' }, 'UNDERAGE_AT_HIRE')).toEqual([]);
    const leap = idFor('20040229', true);
    expect(one({ idNumber: leap, hireDate: '2020-02-28', approvalDate: '2020-01-01' }, 'UNDERAGE_AT_HIRE')).toHaveLength(1);
    expect(one({ idNumber: leap, hireDate: '2020-02-29', approvalDate: '2020-01-01' }, 'UNDERAGE_AT_HIRE')).toEqual([]);
  });

  it('DISPATCH_COMPANY_MISSING only for 劳务派遣', () => {
    expect(one({ dispatchCompany: null }, 'DISPATCH_COMPANY_MISSING')[0]).toMatchObject({
      column: '劳务派遣单位',
      cell: 'L4',
      severity: 'error',
    });
    expect(one({ dispatchCompany: '#N/A' }, 'DISPATCH_COMPANY_MISSING')).toHaveLength(1);
    expect(one({ dispatchCompany: null, employmentForm: '政府购买服务' }, 'DISPATCH_COMPANY_MISSING')).toEqual([]);
  });

  it('SALARY_OUTLIER below 1000 or above 30000 (both bounds allowed)', () => {
    expect(one({ monthlySalary: 999 }, 'SALARY_OUTLIER')).toHaveLength(1);
    expect(one({ monthlySalary: 30001 }, 'SALARY_OUTLIER')).toHaveLength(1);
    expect(one({ monthlySalary: 1000 }, 'SALARY_OUTLIER')).toEqual([]);
    expect(one({ monthlySalary: 30000 }, 'SALARY_OUTLIER')).toEqual([]);
  });

  it('DISPOSITION_UNEXPLAINED when a kept person with a listed finding has no 备注', () => {
    const [w] = one({ postCategory: '行政管理' }, 'DISPOSITION_UNEXPLAINED');
    expect(w).toMatchObject({ column: '拟处理意见', severity: 'warning' });
    expect(one({ relativeOfLeader: '是' }, 'DISPOSITION_UNEXPLAINED')[0].message).toContain('领导干部亲属');
    expect(one({ employmentForm: '退休返聘' }, 'DISPOSITION_UNEXPLAINED')).toHaveLength(1);
    expect(one({ idNumber: idFor('19600101', true) }, 'DISPOSITION_UNEXPLAINED')[0].message).toContain('超过法定退休年龄');
    expect(one({ postCategory: '行政管理', remarks: '系专业岗位，拟保留' }, 'DISPOSITION_UNEXPLAINED')).toEqual([]);
    expect(one({ postCategory: '行政管理', disposition: '清退' }, 'DISPOSITION_UNEXPLAINED')).toEqual([]);
    // NO_APPROVAL is not one of the listed findings
    expect(one({ approvalNo: null }, 'DISPOSITION_UNEXPLAINED')).toEqual([]);
  });
});

describe('findings', () => {
  it('PROHIBITED_POST for the four categories only', () => {
    for (const c of ['行政管理', '行政执法', '人事财务', '涉密'])
      expect(one({ postCategory: c, remarks: '说明' }, 'PROHIBITED_POST')).toHaveLength(1);
    for (const c of ['技术性', '服务性', '辅助性', '其他'])
      expect(one({ postCategory: c, qualification: '证书' }, 'PROHIBITED_POST')).toEqual([]);
  });

  it('NOT_LABOR_DISPATCH unless 劳务派遣 or 政府购买服务; REHIRED_RETIREE for 退休返聘', () => {
    expect(one({ employmentForm: '单位直接聘用' }, 'NOT_LABOR_DISPATCH')[0].message).toContain('单位直接聘用');
    expect(one({ employmentForm: '政府购买服务' }, 'NOT_LABOR_DISPATCH')).toEqual([]);
    expect(one({}, 'NOT_LABOR_DISPATCH')).toEqual([]);
    expect(one({ employmentForm: '退休返聘', remarks: '说明' }, 'REHIRED_RETIREE')).toHaveLength(1);
    expect(one({ employmentForm: '借用借调' }, 'REHIRED_RETIREE')).toEqual([]);
  });

  it('NO_COLLECTIVE_DECISION for 否', () => {
    expect(one({ collectiveDecision: '否' }, 'NO_COLLECTIVE_DECISION')).toHaveLength(1);
    expect(one({ collectiveDecision: '是' }, 'NO_COLLECTIVE_DECISION')).toEqual([]);
  });

  it('NO_APPROVAL when 审批文号 or 审批日期 is empty (one finding per row)', () => {
    expect(one({ approvalNo: null }, 'NO_APPROVAL')[0].column).toBe('审批文号');
    expect(one({ approvalDate: null }, 'NO_APPROVAL')[0].column).toBe('审批日期');
    expect(one({ approvalNo: null, approvalDate: null }, 'NO_APPROVAL')).toHaveLength(1);
    expect(one({}, 'NO_APPROVAL')).toEqual([]);
  });

  it('HIRED_BEFORE_APPROVAL when 入职日期 < 审批日期; same day is fine', () => {
    expect(one({ hireDate: '2020-03-01', approvalDate: '2020-03-02' }, 'HIRED_BEFORE_APPROVAL')).toHaveLength(1);
    expect(one({ hireDate: '2020-03-01', approvalDate: '2020-03-01' }, 'HIRED_BEFORE_APPROVAL')).toEqual([]);
  });

  it('TERM_OVER_ONE_YEAR only beyond exactly one year (Feb 29 start clamps to Feb 28)', () => {
    expect(one({ termStart: '2024-03-01', termEnd: '2025-03-01' }, 'TERM_OVER_ONE_YEAR')).toEqual([]);
    expect(one({ termStart: '2024-03-01', termEnd: '2025-03-02' }, 'TERM_OVER_ONE_YEAR')).toHaveLength(1);
    expect(one({ termStart: '2024-02-29', termEnd: '2025-02-28' }, 'TERM_OVER_ONE_YEAR')).toEqual([]);
    expect(one({ termStart: '2024-02-29', termEnd: '2025-03-01' }, 'TERM_OVER_ONE_YEAR')).toHaveLength(1);
  });

  it('NO_TERM when 使用期限起 or 止 is empty', () => {
    expect(one({ termStart: null }, 'NO_TERM')[0].column).toBe('使用期限起');
    expect(one({ termEnd: null }, 'NO_TERM')[0].column).toBe('使用期限止');
    expect(one({ termStart: null, termEnd: null }, 'NO_TERM')).toHaveLength(1);
    expect(one({}, 'NO_TERM')).toEqual([]);
  });

  it('QUALIFICATION_MISSING for 技术性 without a certificate', () => {
    expect(one({ postCategory: '技术性' }, 'QUALIFICATION_MISSING')[0].column).toBe('职业资格证书');
    expect(one({ postCategory: '技术性', qualification: '电工证' }, 'QUALIFICATION_MISSING')).toEqual([]);
    expect(one({ postCategory: '服务性' }, 'QUALIFICATION_MISSING')).toEqual([]);
  });

  it('RELATIVE_OF_LEADER for 是', () => {
    expect(one({ relativeOfLeader: '是', remarks: '说明' }, 'RELATIVE_OF_LEADER')).toHaveLength(1);
    expect(one({ relativeOfLeader: '否' }, 'RELATIVE_OF_LEADER')).toEqual([]);
  });

  it('OUTSOURCEABLE_POST for keyword posts not bought as a service', () => {
    for (const p of [
      '保洁员',
      '保安',
      '安保队员',
      '门卫',
      '物业管理',
      '绿化工',
      '食堂帮工',
      '餐饮服务',
      '厨师',
      '驾驶员',
      '司机',
      '会议保障',
      '文印员',
      '水电维修',
    ]) {
      expect(one({ postName: p }, 'OUTSOURCEABLE_POST')).toHaveLength(1);
    }
    expect(one({ postName: '司机', employmentForm: '政府购买服务', dispatchCompany: null }, 'OUTSOURCEABLE_POST')).toEqual([]);
    expect(one({ postName: '窗口服务' }, 'OUTSOURCEABLE_POST')).toEqual([]);
  });
});

describe('OVER_RETIREMENT_AGE (retirement table boundaries)', () => {
  const over = (birth: string, male: boolean, asOf: string, patch: Partial<RosterValues> = {}) =>
    one({ idNumber: idFor(birth, male), gender: male ? '男' : '女', disposition: '清退', ...patch }, 'OVER_RETIREMENT_AGE', {}, asOf)
      .length === 1;

  it('men: no delay before 1965-01, floor(m/4)+1 from the start month, capped at 36', () => {
    expect(over('19641215', true, '2024-12-15')).toBe(true);
    expect(over('19641215', true, '2024-12-14')).toBe(false);
    expect(over('19650110', true, '2025-02-10')).toBe(true); // m = 0 → 1 month
    expect(over('19650110', true, '2025-02-09')).toBe(false);
    expect(over('19650410', true, '2025-05-09')).toBe(false); // m = 3 → 1 month
    expect(over('19650410', true, '2025-05-10')).toBe(true);
    expect(over('19650510', true, '2025-07-09')).toBe(false); // m = 4 → 2 months
    expect(over('19650510', true, '2025-07-10')).toBe(true);
    expect(over('19761201', true, '2039-11-30')).toBe(false); // m = 143 → 36
    expect(over('19761201', true, '2039-12-01')).toBe(true);
    expect(over('19800101', true, '2042-12-31')).toBe(false); // capped at 36
    expect(over('19800101', true, '2043-01-01')).toBe(true);
  });

  it('women in 技术性 / 行政管理 posts: base 55 from 1970-01, step 4, cap 36; month-end clamps', () => {
    const p = { postCategory: '技术性', qualification: '证书' };
    expect(over('19691231', false, '2024-12-31', p)).toBe(true);
    expect(over('19691231', false, '2024-12-30', p)).toBe(false);
    expect(over('19700131', false, '2025-02-27', p)).toBe(false); // 2025-01-31 + 1 month → 2025-02-28
    expect(over('19700131', false, '2025-02-28', p)).toBe(true);
    expect(over('19700131', false, '2025-02-28', { postCategory: '行政管理', remarks: '说明' })).toBe(true);
    expect(over('19810101', false, '2038-10-31', p)).toBe(false); // m = 132 → 34 → 2036-01-01 + 34 months
    expect(over('19810101', false, '2038-11-01', p)).toBe(true);
    expect(over('19900101', false, '2047-12-31', p)).toBe(false); // capped at 36
    expect(over('19900101', false, '2048-01-01', p)).toBe(true);
  });

  it('other women: base 50 from 1975-01, step 2, cap 60', () => {
    expect(over('19741231', false, '2024-12-31')).toBe(true);
    expect(over('19741231', false, '2024-12-30')).toBe(false);
    expect(over('19750115', false, '2025-02-14')).toBe(false); // m = 0 → 1
    expect(over('19750115', false, '2025-02-15')).toBe(true);
    expect(over('19750315', false, '2025-05-14')).toBe(false); // m = 2 → 2
    expect(over('19750315', false, '2025-05-15')).toBe(true);
    expect(over('19850101', false, '2039-12-31')).toBe(false); // m = 120 → 61 → capped at 60
    expect(over('19850101', false, '2040-01-01')).toBe(true);
  });

  it('not for 退休返聘 (that is REHIRED_RETIREE), and not when the ID is invalid', () => {
    expect(over('19500101', true, AS_OF, { employmentForm: '退休返聘' })).toBe(false);
    const id = idFor('19500101', true);
    const bad = id.slice(0, 17) + (id[17] === '1' ? '2' : '1');
    expect(one({ idNumber: bad, disposition: '清退' }, 'OVER_RETIREMENT_AGE')).toEqual([]);
  });
});

describe('unit rules', () => {
  it('COUNT_MISMATCH when 编外人员数 differs from the rows', () => {
    const [i] = only(check([{}, {}], { offStaffCount: 3 }), 'COUNT_MISMATCH');
    expect(i).toMatchObject({ sheet: SHEET_UNIT, column: '编外人员数', cell: 'B9', row: 9, severity: 'error' });
    expect(i.message).toContain('3');
    expect(i.message).toContain('2 行');
    expect(only(check([{}, {}], { offStaffCount: 2 }), 'COUNT_MISMATCH')).toEqual([]);
  });

  it('UNIT_OVER_ESTABLISHMENT when 实有在编人数 ≥ 核定编制数 and the roster is not empty', () => {
    expect(only(check([{}], { authorisedPosts: 50, onStaffCount: 50 }), 'UNIT_OVER_ESTABLISHMENT')[0]).toMatchObject({
      sheet: SHEET_UNIT,
      severity: 'finding',
      column: '实有在编人数',
    });
    expect(only(check([{}], { authorisedPosts: 50, onStaffCount: 49 }), 'UNIT_OVER_ESTABLISHMENT')).toEqual([]);
    expect(only(check([], { authorisedPosts: 50, onStaffCount: 60, offStaffCount: 0 }), 'UNIT_OVER_ESTABLISHMENT')).toEqual([]);
  });

  it('DISPATCH_OVER_TEN_PERCENT only when strictly above 10% of (在编 + rows)', () => {
    // 1 dispatched of 9 + 1 = 10 → exactly 10%: no finding
    expect(only(check([{}], { onStaffCount: 9, authorisedPosts: 100 }), 'DISPATCH_OVER_TEN_PERCENT')).toEqual([]);
    // 1 of 8 + 1 = 9 → above 10%
    expect(only(check([{}], { onStaffCount: 8, authorisedPosts: 100 }), 'DISPATCH_OVER_TEN_PERCENT')[0]).toMatchObject({
      sheet: SHEET_UNIT,
      severity: 'finding',
    });
    // 2 dispatched + 1 service of 17 + 3 = 20 → exactly 10%
    const rows = [{}, {}, { employmentForm: '政府购买服务', dispatchCompany: null }];
    expect(only(check(rows, { onStaffCount: 17, authorisedPosts: 100 }), 'DISPATCH_OVER_TEN_PERCENT')).toEqual([]);
    expect(only(check(rows, { onStaffCount: 16, authorisedPosts: 100 }), 'DISPATCH_OVER_TEN_PERCENT')).toHaveLength(1);
  });
});

describe('as-of and ordering', () => {
  it('as-of defaults to a valid 填报日期, else today in China', () => {
    const l = cleanLedger([{ hireDate: '2025-07-01', approvalDate: '2020-01-01' }], { filingDate: '2025-06-30' });
    expect(only(checkLedger(l), 'DATE_IN_FUTURE')[0].message).toContain('2025-06-30');
    expect(only(checkLedger(l, { asOf: '2025-07-01' }), 'DATE_IN_FUTURE')).toEqual([]);
    const noFiling = cleanLedger([{ hireDate: '2999-01-01', approvalDate: '2020-01-01' }], { filingDate: '不详' });
    const r = checkLedger(noFiling);
    expect(only(r, 'DATE_IN_FUTURE')).toHaveLength(1);
    expect(only(r, 'DATE_INVALID')).toHaveLength(1);
  });

  it('an invalid asOf option is a CheckOptionsError', () => {
    expect(() => checkLedger(cleanLedger(), { asOf: '2025-02-30' })).toThrow(CheckOptionsError);
    expect(checkLedger(cleanLedger(), { asOf: '2025/6/30' }).ok).toBe(true);
  });

  it('issues are sorted by sheet, row, then column position; cells follow the actual column order', () => {
    const l = cleanLedger([{ name: null, postCategory: '涉密', gender: '女' }, { approvalNo: null }], {
      offStaffCount: 5,
      liaisonPhone: '1',
    });
    // move 姓名 to column Z
    l.roster!.columns = { ...l.roster!.columns, name: 25 };
    const r = checkLedger(l, { asOf: AS_OF });
    expect(r.issues.map((i) => `${i.sheet}|${i.row}|${i.cell}|${i.code}`)).toEqual([
      `${SHEET_UNIT}|9|B9|COUNT_MISMATCH`,
      `${SHEET_UNIT}|13|B13|PHONE_INVALID`,
      `${SHEET_ROSTER}|4|C4|GENDER_MISMATCH`,
      `${SHEET_ROSTER}|4|J4|PROHIBITED_POST`,
      `${SHEET_ROSTER}|4|V4|DISPOSITION_UNEXPLAINED`,
      `${SHEET_ROSTER}|4|Z4|REQUIRED_MISSING`,
      `${SHEET_ROSTER}|5|Q5|NO_APPROVAL`,
    ]);
  });

  it('every rule code except the office-level ones is produced by some ledger here', () => {
    const l: Ledger = cleanLedger(
      [
        {
          name: null,
          gender: '男性',
          idNumber: '110101900315131',
          termStart: '2023-02-30',
          monthlySalary: 'x',
          approvalNo: null,
          collectiveDecision: '否',
          qualification: null,
          postCategory: '技术性',
        },
        {
          idNumber: makeIdNumber('991010', '19900230', 3, true).slice(0, 17) + 'X',
          hireDate: '2030-01-01',
          termStart: '2025-01-01',
          termEnd: '2024-01-01',
          dispatchCompany: null,
          monthlySalary: 10,
        },
        {
          postCategory: '涉密',
          employmentForm: '退休返聘',
          dispatchCompany: null,
          relativeOfLeader: '是',
          postName: '司机',
          termEnd: null,
          hireDate: '2020-01-01',
          approvalDate: '2021-01-01',
        },
        {
          idNumber: idFor('19500101', true),
          gender: '女',
          birthDate: '1950-01-02',
          employmentForm: '临时用工',
          termEnd: '2027-01-01',
          name: '张'.repeat(40),
        },
        { idNumber: idFor('20100101', true), hireDate: '2020-01-01', approvalDate: '2019-01-01', seq: -1, birthDate: '2010-01-02' },
        { idNumber: idFor('20100101', true).slice(0, 16) },
        { idNumber: idFor('19900315', true, 11) },
      ],
      { offStaffCount: 99, onStaffCount: 20, authorisedPosts: 10, liaisonPhone: '123', creditCode: 'X', filingDate: '2025-06-30' },
    );
    l.roster!.rows[1].values.idNumber = makeIdNumber('990101', '19900230', 3, true);
    const dupId = cleanRosterValues().idNumber;
    l.roster!.rows.push(
      { row: 20, values: cleanRosterValues({ idNumber: idFor('19900315', true, 11) }) },
      { row: 21, values: cleanRosterValues({ idNumber: (dupId as string).slice(0, 17) + '0' }) },
    );
    const withMissing = { ...l, roster: { ...l.roster!, columns: { ...l.roster!.columns } } };
    delete withMissing.roster.columns.education;
    const r = checkLedger(LedgerSchema.parse(withMissing), { asOf: AS_OF });
    const noUnit = checkLedger({ ...l, unit: null }, { asOf: AS_OF });
    const lateFiling = checkLedger(l, { asOf: '2025-08-15' });
    const seen = new Set([...r.issues, ...noUnit.issues, ...lateFiling.issues].map((i) => i.code));
    const missing = RULE_CODES.filter((c) => !seen.has(c) && RULES[c].scope !== 'office');
    expect(missing).toEqual([]);
  });
});

// --- helpers ---------------------------------------------------------------------------------------

function findIdEndingInX(): string {
  for (let seq = 1; seq < 1000; seq += 2) {
    const first17 = '110101' + '19900315' + String(seq).padStart(3, '0');
    if (idCheckChar(first17) === 'X') return first17 + 'X';
  }
  throw new Error('no X');
}

/** makeSheets(1) with one raw roster value replaced. */
function sheetsWithRosterValue(key: string, value: unknown): Record<string, unknown[][]> {
  const s = makeSheets(1);
  const col = ROSTER_FIELDS.findIndex((d) => d.key === key);
  s[SHEET_ROSTER][3][col] = value;
  return s;
}
