// The aggregated workbook built from ledgers in memory (no storage), read back with ExcelJS: the
// numbers add up across sheets, office-level findings appear, and scope hides other units' data.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ProgressRow } from '../../shared/api/contract';
import { checkLedger } from '../../shared/rules/engine';
import { ENUMS } from '../../shared/template/definition';
import { RULES } from '../../shared/rules/catalogue';
import { writeAggregate, type DeskUnit, type UnitLedger } from '../../functions/src/documents/aggregate/write';
import { FINDING_CODES, SHEETS, summaryHeader } from '../../shared/desk/sheets';
import { XlsxStreamWriter } from '../../shared/node/xlsxWriter';
import { makeLedger, validRosterRow } from '../../fixtures/sampleLedgers';
import type { Ledger } from '../../shared/ledger/schema';

function unit(unitId: string, name: string, parentId: string | null, over: Partial<ProgressRow> = {}): DeskUnit {
  return {
    unitId,
    name,
    parentId,
    parentName: parentId,
    status: 'sealed',
    reported: true,
    version: 1,
    submittedAt: '2025-06-30T01:00:00.000Z',
    signedAt: '2025-06-30T02:00:00.000Z',
    sealedAt: '2025-06-30T03:00:00.000Z',
    endorsedAt: null,
    acceptedAt: null,
    reviewer: null,
    onTime: true,
    overdueDays: 0,
    rows: null,
    errors: null,
    findings: null,
    milestones: [
      {
        id: 'm1',
        title: '报送台账',
        requires: 'reported',
        due: '2025-07-10',
        extended: false,
        doneAt: '2025-06-30T03:00:00.000Z',
        onTime: true,
        state: 'done_on_time',
        overdueDays: 0,
      },
    ],
    underReports: 0,
    suspectedUnreported: 0,
    ...over,
  };
}

function ul(unitId: string, ledger: Ledger, inScope = true): UnitLedger {
  return { unitId, version: 1, ledger, issues: checkLedger(ledger).issues, inScope };
}

async function build(units: DeskUnit[], ledgers: UnitLedger[], onStaff: string[] = []) {
  const parts: Uint8Array[] = [];
  const w = new XlsxStreamWriter((c) => parts.push(c));
  const stats = await writeAggregate(
    { campaignId: 'c', title: 't', asOf: '2025-07-01', units, ledgers, onStaff: new Set(onStaff), underReports: [] },
    w,
  );
  w.finish();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.concat(parts) as unknown as ExcelJS.Buffer);
  return { wb, stats };
}

function table(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
  const out: Record<string, unknown>[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const vals = ws.getRow(r).values as unknown[];
    out.push(Object.fromEntries(header.map((h, i) => [h, vals[i + 1] ?? null])));
  }
  return out;
}

describe('writeAggregate', () => {
  it('writes six sheets whose numbers agree', async () => {
    const a = makeLedger(30);
    const b = makeLedger(12);
    b.roster!.rows.forEach((r, i) => (r.values = validRosterRow(100 + i)));
    // person 0 of A also works in B: a cross-unit duplicate; person 3 of A is on the on-staff roster
    b.roster!.rows[0].values = { ...a.roster!.rows[0].values };
    const onStaffId = a.roster!.rows[3].values.idNumber as string;
    const units = [
      unit('A', '甲单位', null),
      unit('B', '乙单位', 'A'),
      unit('C', '丙单位', 'A', {
        status: 'not_started',
        version: null,
        submittedAt: null,
        signedAt: null,
        sealedAt: null,
        onTime: false,
        overdueDays: 4,
      }),
    ];
    const { wb, stats } = await build(units, [ul('A', a), ul('B', b)], [onStaffId]);
    expect(wb.worksheets.map((s) => s.name)).toEqual(Object.values(SHEETS));
    const summary = table(wb.getWorksheet(SHEETS.summary)!);
    const detail = table(wb.getWorksheet(SHEETS.detail)!);
    const findings = table(wb.getWorksheet(SHEETS.findings)!);
    const cross = table(wb.getWorksheet(SHEETS.crossUnit)!);
    const total = summary.at(-1)!;
    const body = summary.slice(0, -1);
    expect(body.map((r) => r['单位编号'])).toEqual(['A', 'B', 'C']);
    expect(total['单位编号']).toBe('合计');
    expect(detail).toHaveLength(42);
    expect(total['编外人员数']).toBe(42);
    for (const u of ['A', 'B']) {
      const row = body.find((r) => r['单位编号'] === u)!;
      const persons = detail.filter((d) => d['单位编号'] === u).length;
      expect(row['编外人员数']).toBe(persons);
      expect(ENUMS.employmentForm.reduce((n, v) => n + (row[summaryHeader.employmentForm(v)] as number), 0)).toBe(persons);
      expect(ENUMS.fundingSource.reduce((n, v) => n + (row[summaryHeader.fundingSource(v)] as number), 0)).toBe(persons);
      expect(ENUMS.disposition.reduce((n, v) => n + (row[summaryHeader.disposition(v)] as number), 0)).toBe(persons);
      for (const code of FINDING_CODES) {
        expect(row[summaryHeader.rule(code)], code).toBe(findings.filter((f) => f['单位编号'] === u && f['问题代码'] === code).length);
      }
      expect(row['问题合计']).toBe(findings.filter((f) => f['单位编号'] === u).length);
    }
    expect(body[2]['编外人员数']).toBeNull();
    expect(body[2]['状态']).toBe('未报送');
    expect(body[2]['逾期天数']).toBe(4);
    expect(total['问题合计']).toBe(findings.length);
    expect(stats.findings).toBe(findings.length);
    const dupId = a.roster!.rows[0].values.idNumber;
    expect(cross.filter((c) => c['问题代码'] === 'CROSS_UNIT_DUPLICATE').map((c) => [c['单位编号'], c['身份证号码']])).toEqual([
      ['A', dupId],
      ['B', dupId],
    ]);
    expect(cross.filter((c) => c['问题代码'] === 'ON_STAFF_OVERLAP').map((c) => [c['单位编号'], c['身份证号码']])).toEqual([
      ['A', onStaffId],
    ]);
    expect(findings.filter((f) => f['问题代码'] === 'CROSS_UNIT_DUPLICATE')).toHaveLength(2);
    expect(findings.find((f) => f['问题代码'] === 'ON_STAFF_OVERLAP')!['政策解释']).toBe(RULES.ON_STAFF_OVERLAP.explain);
    const progress = table(wb.getWorksheet(SHEETS.progress)!);
    expect(progress).toHaveLength(3);
  });

  it('finds a duplicate with a unit out of scope without writing or naming it', async () => {
    const a = makeLedger(5);
    const x = makeLedger(0);
    x.roster!.rows = [{ row: 4, values: { ...validRosterRow(2), name: '外单位人员' } }];
    const { wb } = await build([unit('A', '甲单位', null)], [ul('A', a), ul('X', x, false)]);
    const detail = table(wb.getWorksheet(SHEETS.detail)!);
    expect(detail.every((d) => d['单位编号'] === 'A')).toBe(true);
    const cross = table(wb.getWorksheet(SHEETS.crossUnit)!);
    expect(cross).toHaveLength(1);
    expect(cross[0]['单位编号']).toBe('A');
    expect(String(cross[0]['其他单位'])).toContain('本辖区外单位');
    const all = JSON.stringify(wb.worksheets.map((s) => table(s)));
    expect(all).not.toContain('外单位人员');
    expect(all).not.toContain('"X"');
  });
});
