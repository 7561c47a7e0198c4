// Every rule code of the catalogue, part 1: template, cell and identity rules — a case that triggers each
// and a near miss that does not. Part 2: rules-findings.test.ts.
import { describe, expect, it } from 'vitest';
import { checkLedger } from '../../shared/rules/engine';
import { RULES } from '../../shared/rules/catalogue';
import { parseLedger } from '../../shared/ledger/parse';
import { makeIdNumber, upgradeId15 } from '../../shared/id/idcard';
import { ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT } from '../../shared/template/definition';
import { makeSheets } from '../../fixtures/sampleLedgers';
import { AS_OF, check, findIdEndingInX, idFor, one, only, sheetsWithRosterValue } from './ruleHelpers';

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
