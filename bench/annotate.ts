// The annotated copy (issue 13, 网页版 下载标注版): a 10,000-row ledger with 2,000 marked cells.
// annotateWorkbook (XML in place, fflate) against a baseline in the same run: ExcelJS loading the same file,
// filling and noting the same cells, adding the result sheet and writing it. Target: < 3 s (Node here;
// the web host measures it in Chromium).
import ExcelJS from 'exceljs';
import { annotateWorkbook, SEVERITY_FILL, type AnnotationIssue } from '../shared/xlsx/annotate';
import { ROSTER_FIELDS, SHEET_ROSTER } from '../shared/template/definition';
import { columnLetter } from '../shared/a1';
import { ledgerWorkbook } from '../fixtures/sampleWorkbooks';

const ROWS = 10_000;
const MARKS = 2_000;
const SEVERITIES = ['error', 'warning', 'finding'] as const;

const input = await ledgerWorkbook(ROWS);
const issues: AnnotationIssue[] = [];
for (let k = 0; k < MARKS; k++) {
  const row = 4 + k * 5; // every fifth roster row (data starts at row 4)
  const col = (k * 7) % ROSTER_FIELDS.length;
  const severity = SEVERITIES[k % 3];
  issues.push({
    sheet: SHEET_ROSTER,
    row,
    column: ROSTER_FIELDS[col].header,
    cell: `${columnLetter(col)}${row}`,
    code: severity === 'error' ? 'DATE_INVALID' : severity === 'warning' ? 'SALARY_OUTLIER' : 'NO_APPROVAL',
    severity,
    message: `第${row}行的问题说明`,
  });
}

async function exceljsBaseline(): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(input) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(SHEET_ROSTER)!;
  for (const i of issues) {
    const c = ws.getCell(i.cell!);
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: SEVERITY_FILL[i.severity] } };
    c.note = i.message;
  }
  const rs = wb.addWorksheet('校验结果');
  rs.addRow(['工作表', '单元格', '级别', '规则代码', '说明']);
  for (const i of issues) rs.addRow([i.sheet, i.cell, i.severity, i.code, i.message]);
  return ((await wb.xlsx.writeBuffer()) as ArrayBuffer).byteLength;
}

// Wall time, and this process's CPU time (the machine is shared: CPU time is what the work itself costs).
const cpu: number[] = [];
const clock = async (fn: () => unknown, cpuInto?: number[]) => {
  const t = performance.now();
  const c = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(c);
  cpuInto?.push((d.user + d.system) / 1000);
  return performance.now() - t;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

annotateWorkbook(input, issues); // warm-up
const ours: number[] = [],
  base: number[] = [],
  baseCpu: number[] = [];
let size = 0;
for (let r = 0; r < 3; r++) {
  ours.push(
    await clock(() => {
      size = annotateWorkbook(input, issues).length;
    }, cpu),
  );
  base.push(await clock(exceljsBaseline, baseCpu));
}
const tOurs = median(ours),
  tBase = median(base);
console.log(
  `annotated copy: ${ROWS.toLocaleString()} rows, ${MARKS.toLocaleString()} marked cells (input ${(input.length / 1024).toFixed(0)} KB, output ${(size / 1024).toFixed(0)} KB; medians of 3)`,
);
console.log(`    annotateWorkbook                     ${tOurs.toFixed(0).padStart(7)} ms   (CPU ${median(cpu).toFixed(0)} ms)`);
console.log(`    ExcelJS load + mark + write (base)   ${tBase.toFixed(0).padStart(7)} ms   (CPU ${median(baseCpu).toFixed(0)} ms)`);
console.log(`    ratio ExcelJS / annotateWorkbook     ${(tBase / tOurs).toFixed(1).padStart(7)} ×`);
console.log(`    target < 3 s: ${tOurs < 3000 ? 'MET' : 'NOT MET'} (wall)${median(cpu) < 3000 ? '; CPU time MET' : ''}`);
