// External rosters (parse, .xlsx), suspected under-reporting leads and the risk-weighted draw: pure tests.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { makeIdNumber } from '../../shared/id/idcard';
import { makeUscc } from '../../shared/id/uscc';
import { parseRosterPersons, type RosterPerson } from '../../shared/rosters/external';
import { readRosterXlsx } from '../../shared/rosters/xlsx';
import { computeLeads, leadCounts } from '../../shared/rosters/leads';
import { drawUnits, riskWeight, seedNumber, type RiskFacts } from '../../shared/desk/sampling';

const CC_A = makeUscc('12330100MB000000A'.slice(0, 17));
const CC_B = makeUscc('12330100MB000000B'.slice(0, 17));
const CC_X = makeUscc('91330100MA000000X'.slice(0, 17));
const id = (seq: number) => makeIdNumber('330102', '19900101', seq);
const toFull = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

describe('parseRosterPersons', () => {
  it('normalises IDs (15 → 18, full-width, lower-case x), names and credit codes; drops exact repeats', () => {
    const id18 = id(7);
    const id15 = id18.slice(0, 6) + id18.slice(8, 17); // the same person's old 15-digit number
    const withX = makeIdNumber('110101', '19850505', 12);
    const r = parseRosterPersons([
      { idNumber: id15, name: ' 张三 ', creditCode: CC_A.toLowerCase() },
      { idNumber: toFull(id18), name: '张三', creditCode: toFull(CC_A) },
      { idNumber: withX.toLowerCase(), name: '李　四', creditCode: ` ${CC_B} ` },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.duplicates).toBe(1);
    expect(r.persons).toEqual([
      { idNumber: id18, name: '张三', creditCode: CC_A },
      { idNumber: withX.toUpperCase(), name: '李四', creditCode: CC_B },
    ]);
  });

  it('keeps one person under two credit codes (paid by two units)', () => {
    const r = parseRosterPersons([
      { idNumber: id(1), name: '王五', creditCode: CC_A },
      { idNumber: id(1), name: '王五', creditCode: CC_B },
    ]);
    expect(r.ok && r.persons.length).toBe(2);
  });

  it('refuses the whole roster with the rows at fault: bad checksum, no ID shape, bad credit code, no name', () => {
    const bad = id(3).slice(0, 17) + (id(3)[17] === '0' ? '1' : '0');
    const r = parseRosterPersons([
      { idNumber: id(1), name: '甲', creditCode: CC_A },
      { idNumber: bad, name: '乙', creditCode: CC_A },
      { idNumber: '1.10105E+17', name: '丙', creditCode: CC_A },
      { idNumber: id(4), name: '丁', creditCode: '123' },
      { idNumber: id(5), name: '', creditCode: CC_A },
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('ROSTER_INVALID');
    expect(r.problems.map((p) => [p.row, p.field])).toEqual([
      [2, 'idNumber'],
      [3, 'idNumber'],
      [4, 'creditCode'],
      [5, 'name'],
    ]);
    expect(r.message).toMatch(/4 行不符合要求/);
  });
});

async function xlsx(rows: unknown[][], sheets: { name: string; rows: unknown[][] }[] = []): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) wb.addWorksheet(s.name).addRows(s.rows);
  const ws = wb.addWorksheet('名单');
  ws.addRows(rows);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('readRosterXlsx', () => {
  it('finds the header under a title row, in any column order, on the first sheet that has it; numbers as IDs', async () => {
    const id15 = id(9).slice(0, 6) + id(9).slice(8, 17);
    const bytes = await xlsx(
      [
        ['2026年11月社保参保人员名单'],
        [],
        ['序号', '单位统一社会信用代码', '*姓名', '身份证号码 '],
        [1, CC_A, '赵六', id(1)],
        [2, CC_B, '钱七', Number(id15)],
        [null, null, null, null],
        [3, toFull(CC_A), '孙八', toFull(id(2))],
      ],
      [{ name: '说明', rows: [['本表由人社局导出']] }],
    );
    const r = readRosterXlsx(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.persons.map((p) => [p.name, p.creditCode, p.idNumber])).toEqual([
      ['赵六', CC_A, id(1)],
      ['钱七', CC_B, id(9)],
      ['孙八', CC_A, id(2)],
    ]);
  });

  it('names the worksheet row of a bad cell, and refuses a workbook without the headers', async () => {
    const r = readRosterXlsx(
      await xlsx([
        ['姓名', '身份证号码', '单位统一社会信用代码'],
        ['甲', id(1), CC_A],
        ['乙', '12345', CC_A],
      ]),
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ row: 3, field: 'idNumber', value: '12345' });
    const h = readRosterXlsx(
      await xlsx([
        ['姓名', '身份证号码'],
        ['甲', id(1)],
      ]),
    );
    expect(h.ok === false && h.code).toBe('ROSTER_HEADER_MISSING');
  });
});

describe('computeLeads', () => {
  const p = (seq: number, cc: string, name = `人${seq}`): RosterPerson => ({ idNumber: id(seq), name, creditCode: cc });

  it('a lead is insured/paid by a unit, in neither its ledger nor on-staff; other ledgers are a finding; unknown codes are out of scope', () => {
    const r = computeLeads({
      units: [
        { unitId: 'a', creditCode: CC_A, ledgerIds: [id(1)] },
        { unitId: 'b', creditCode: CC_B, ledgerIds: [id(20)] },
        { unitId: 'c', creditCode: null, ledgerIds: [] },
      ],
      onStaff: new Set([id(3)]),
      rosters: {
        'social-insurance': [p(1, CC_A), p(2, CC_A, '周九'), p(3, CC_A), p(20, CC_A), p(30, CC_X), p(31, CC_X)],
        payroll: [p(2, CC_A, '周玖'), p(4, CC_B), p(30, CC_X)],
        dispatch: [p(2, CC_A)],
      },
    });
    expect(r.leads).toEqual([
      { unitId: 'a', idNumber: id(2), name: '周九', sources: ['social-insurance', 'payroll', 'dispatch'] },
      { unitId: 'b', idNumber: id(4), name: '人4', sources: ['payroll'] },
    ]);
    expect(r.elsewhere).toEqual([{ unitId: 'a', idNumber: id(20), name: '人20', sources: ['social-insurance'], ledgerUnitIds: ['b'] }]);
    expect(r.outOfScope).toEqual([
      { creditCode: CC_X, persons: 2, sources: ['social-insurance', 'payroll'], sampleNames: ['人30', '人31'] },
    ]);
    expect([...leadCounts(r.leads)]).toEqual([
      ['a', 1],
      ['b', 1],
    ]);
  });

  it('a unit that has not reported: every roster person under its code is a lead', () => {
    const r = computeLeads({
      units: [{ unitId: 'a', creditCode: CC_A, ledgerIds: [] }],
      onStaff: new Set(),
      rosters: { payroll: [p(1, CC_A), p(2, CC_A)] },
    });
    expect(r.leads.map((l) => l.idNumber)).toEqual([id(1), id(2)]);
  });
});

describe('drawUnits', () => {
  const facts: RiskFacts[] = Array.from({ length: 30 }, (_, i) => ({
    unitId: `u${String(i).padStart(2, '0')}`,
    rows: i % 5 === 0 ? null : 20,
    leads: i % 3 === 0 ? 10 : 0,
    findings: i % 5 === 0 ? null : i % 4,
    overdueDays: i % 7,
    returns: i % 2,
  }));

  it('is reproducible: same seed, same facts (in any order) → same units; another seed → another draw', () => {
    const a = drawUnits(facts, 5, '2026-12-02 第1次');
    const b = drawUnits([...facts].reverse(), 5, '2026-12-02 第1次');
    expect(a.units).toEqual(b.units);
    expect(new Set(a.units).size).toBe(5);
    const others = ['x', 'y', 'z', 'w'].map((s) => drawUnits(facts, 5, s).units.join());
    expect(others.some((o) => o !== a.units.join())).toBe(true);
    expect(seedNumber('x')).toBe(seedNumber('x'));
  });

  it('weights by risk and explains every point', () => {
    const w = riskWeight({ unitId: 'u', rows: 10, leads: 5, findings: 20, overdueDays: 15, returns: 6 });
    expect(w.weight).toBe(1 + 4 * 0.5 + 2 * 1 + 2 * 0.5 + 0.5 * 4);
    expect(w.reasons.map((r) => r.factor)).toEqual(['base', 'leads', 'findings', 'lateness', 'returns']);
    expect(w.reasons[1].text).toContain('疑似漏报 5 人 / 台账 10 人');
    expect(riskWeight({ unitId: 'v', rows: 10, leads: 0, findings: 0, overdueDays: 0, returns: 0 }).weight).toBe(1);
  });

  it('risky units are drawn far more often over many seeds', () => {
    const two: RiskFacts[] = [
      { unitId: 'calm', rows: 10, leads: 0, findings: 0, overdueDays: 0, returns: 0 },
      { unitId: 'risky', rows: 10, leads: 10, findings: 10, overdueDays: 30, returns: 4 },
    ];
    let risky = 0;
    for (let s = 0; s < 2000; s++) if (drawUnits(two, 1, `s${s}`).units[0] === 'risky') risky++;
    // weights 1 vs 11: P(risky) = 11/12 ≈ 0.917
    expect(risky / 2000).toBeGreaterThan(0.88);
    expect(risky / 2000).toBeLessThan(0.95);
  });
});
