// Every rule code of the catalogue, part 2: row rules, findings, retirement boundaries, unit rules, as-of
// and ordering — a case that triggers each and a near miss that does not. Part 1: rules-cells.test.ts.
import { describe, expect, it } from 'vitest';
import { checkLedger, CheckOptionsError } from '../../shared/rules/engine';
import { RULES, RULE_CODES } from '../../shared/rules/catalogue';
import { LedgerSchema, type Ledger } from '../../shared/ledger/schema';
import { makeIdNumber } from '../../shared/id/idcard';
import { SHEET_ROSTER, SHEET_UNIT } from '../../shared/template/definition';
import { cleanLedger, cleanRosterValues, type RosterValues } from '../../fixtures/sampleLedgers';
import { AS_OF, check, idFor, one, only } from './ruleHelpers';

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

  // Rules on a pair of fields: a finding (naming the first empty column) when either is empty, one per row.
  it.each([
    ['NO_APPROVAL', ['approvalNo', '审批文号'], ['approvalDate', '审批日期']],
    ['NO_TERM', ['termStart', '使用期限起'], ['termEnd', '使用期限止']],
  ] as const)('%s when either of its two fields is empty (one finding per row)', (code, [a, colA], [b, colB]) => {
    expect(one({ [a]: null }, code)[0].column).toBe(colA);
    expect(one({ [b]: null }, code)[0].column).toBe(colB);
    expect(one({ [a]: null, [b]: null }, code)).toHaveLength(1);
    expect(one({}, code)).toEqual([]);
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
