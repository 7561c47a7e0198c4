// The annotated copy (网页版 下载标注版): marks and notes on exactly the problem cells, the 校验结果 sheet,
// and nothing else changed — read back with ExcelJS and opened by LibreOffice.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { annotateWorkbook, RESULT_SHEET_NAME, SEVERITY_FILL, type AnnotationIssue } from '../../shared/xlsx/annotate';
import { readWorkbook, WorkbookReadError } from '../../shared/xlsx/read';
import { readLedgerFromXlsx } from '../../shared/ledger/fromXlsx';
import { checkLedger } from '../../shared/rules/engine';
import { buildTemplateWorkbook } from '../../shared/node/templateWorkbook';
import { RULES, type Severity } from '../../shared/rules/catalogue';
import { SHEET_ROSTER, SHEET_UNIT } from '../../shared/template/definition';
import { fillTemplate, ledgerWorkbook } from '../../fixtures/sampleWorkbooks';
import { lyingZipBomb, zipBomb } from './bombs';
import { makePackage, readWithExcelJS, sofficeConvert, sofficeConvertFiles } from './helpers';

const AS_OF = '2025-06-30';
const RANK: Record<Severity, number> = { error: 3, warning: 2, finding: 1 };

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function issuesOf(bytes: Uint8Array): AnnotationIssue[] {
  return checkLedger(readLedgerFromXlsx(bytes), { asOf: AS_OF }).issues;
}

const ourFills = new Set(Object.values(SEVERITY_FILL));
function fillOf(cell: ExcelJS.Cell): string | null {
  const f = cell.fill as ExcelJS.FillPattern | undefined;
  return f && f.type === 'pattern' && f.fgColor?.argb && ourFills.has(f.fgColor.argb) ? f.fgColor.argb : null;
}
function noteOf(cell: ExcelJS.Cell): string {
  const n = cell.note as unknown;
  if (!n) return '';
  if (typeof n === 'string') return n;
  return ((n as { texts?: { text: string }[] }).texts ?? []).map((t) => t.text).join('');
}

/** Every cell with one of our fills, as 'sheet!A1' → argb. */
function markedCells(wb: ExcelJS.Workbook): Map<string, string> {
  const out = new Map<string, string>();
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: true }, (row) =>
      row.eachCell({ includeEmpty: true }, (c) => {
        const f = fillOf(c);
        if (f) out.set(`${ws.name}!${c.address}`, f);
      }),
    ),
  );
  return out;
}

/** The expected worst severity per problem cell. */
function expectedMarks(issues: AnnotationIssue[]): Map<string, string> {
  const worst = new Map<string, Severity>();
  for (const i of issues) {
    if (!i.cell || !i.sheet) continue;
    const k = `${i.sheet}!${i.cell}`;
    const w = worst.get(k);
    if (!w || RANK[i.severity] > RANK[w]) worst.set(k, i.severity);
  }
  return new Map([...worst].map(([k, s]) => [k, SEVERITY_FILL[s]]));
}

async function expectFaithful(input: Uint8Array, issues: AnnotationIssue[]) {
  const out = annotateWorkbook(input, issues);
  const [before, after] = [await load(input), await load(out)];
  // values: every original sheet reads the same
  const vBefore = await readWithExcelJS(input);
  const vAfter = await readWithExcelJS(out);
  for (const name of Object.keys(vBefore)) expect(vAfter[name], name).toEqual(vBefore[name]);
  expect(Object.keys(vAfter)).toEqual([...Object.keys(vBefore), RESULT_SHEET_NAME]);
  // marks on exactly the problem cells, by the worst severity
  expect(markedCells(after)).toEqual(expectedMarks(issues));
  // notes: each problem cell's note holds each message and the rule's explanation
  for (const i of issues) {
    if (!i.cell || !i.sheet) continue;
    const note = noteOf(after.getWorksheet(i.sheet)!.getCell(i.cell));
    expect(note).toContain(i.message);
    expect(note).toContain(RULES[i.code].explain);
  }
  // everything else: names, validations, widths, number formats of the marked cells
  expect(after.definedNames.model).toEqual(before.definedNames.model);
  before.eachSheet((ws) => {
    const a = after.getWorksheet(ws.name)!;
    expect((a as unknown as { dataValidations: { model: unknown } }).dataValidations.model).toEqual(
      (ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model,
    );
    expect(a.columns?.map((c) => c.width)).toEqual(ws.columns?.map((c) => c.width));
    // (ExcelJS reports the default format as undefined on an unstyled cell and explicitly on our copy of it)
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const x = a.getCell(c.address);
        expect(x.numFmt ?? 'General', `${ws.name}!${c.address}`).toEqual(c.numFmt ?? 'General');
        if (c.font) expect(x.font, `${ws.name}!${c.address}`).toEqual(c.font);
        if (c.border) expect(x.border, `${ws.name}!${c.address}`).toEqual(c.border);
        if (c.alignment) expect(x.alignment, `${ws.name}!${c.address}`).toEqual(c.alignment);
      }),
    );
  });
  // the result sheet lists every issue, including those without a cell
  const rs = after.getWorksheet(RESULT_SHEET_NAME)!;
  expect(rs.getRow(1).values).toEqual([undefined, '工作表', '单元格', '级别', '规则代码', '说明']);
  expect(rs.rowCount).toBe(issues.length + 1);
  issues.forEach((i, k) => {
    expect(rs.getCell(k + 2, 4).value).toBe(i.code);
    expect(String(rs.getCell(k + 2, 5).value)).toContain(i.message);
  });
  return out;
}

const patchErrors = (i: number, v: Record<string, unknown>) =>
  i === 1
    ? { ...v, name: null, gender: '未知' }
    : i === 3
      ? { ...v, monthlySalary: 50, hireDate: '2030-01-01' }
      : i === 6
        ? { ...v, postCategory: '涉密' }
        : v;

describe('annotateWorkbook', () => {
  it('an ExcelJS ledger with errors, warnings and findings (empty cells created, unit-sheet issues too)', async () => {
    const input = await ledgerWorkbook(12, { patch: patchErrors as never, unit: { offStaffCount: 99 } });
    const issues = issuesOf(input);
    expect(issues.some((i) => i.code === 'REQUIRED_MISSING')).toBe(true); // B5 is absent from the sheet XML
    expect(issues.some((i) => i.sheet === SHEET_UNIT)).toBe(true);
    expect(new Set(issues.map((i) => i.severity))).toEqual(new Set(['error', 'warning', 'finding']));
    await expectFaithful(input, issues);
  });

  it('the filled standard template keeps its validations, names, widths and prompts', async () => {
    const input = await fillTemplate(await buildTemplateWorkbook(), 8, patchErrors as never);
    const issues = issuesOf(input);
    const out = await expectFaithful(input, issues);
    // the engine reads the annotated copy exactly as the original
    expect(checkLedger(readLedgerFromXlsx(out), { asOf: AS_OF })).toEqual(checkLedger(readLedgerFromXlsx(input), { asOf: AS_OF }));
  });

  it('issues without a cell are listed only; a sheet-less issue too', async () => {
    const input = await ledgerWorkbook(2);
    const issues: AnnotationIssue[] = [
      {
        sheet: SHEET_ROSTER,
        row: null,
        column: '身份证号码',
        cell: null,
        code: 'TEMPLATE_COLUMN_MISSING',
        severity: 'error',
        message: '缺列',
      },
      { sheet: null, row: null, column: null, cell: null, code: 'TEMPLATE_SHEET_MISSING', severity: 'error', message: '缺表' },
    ];
    const after = await load(await expectFaithful(input, issues));
    expect(markedCells(after).size).toBe(0);
  });

  it('merges with existing notes: the author’s note stays and ours is added; other notes untouched', async () => {
    const wb = await load(await ledgerWorkbook(5, { patch: patchErrors as never }));
    const ws = wb.getWorksheet(SHEET_ROSTER)!;
    ws.getCell('C5').note = '原有批注：性别待核实';
    ws.getCell('A1').note = '标题批注';
    const input = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const issues = issuesOf(input);
    expect(issues.some((i) => i.cell === 'C5')).toBe(true);
    const after = await load(await expectFaithful(input, issues));
    const c5 = noteOf(after.getWorksheet(SHEET_ROSTER)!.getCell('C5'));
    expect(c5).toContain('原有批注：性别待核实');
    expect(noteOf(after.getWorksheet(SHEET_ROSTER)!.getCell('A1'))).toBe('标题批注');
  });

  it('hand-made package: prefixed namespaces, no styles part, rows and cells without r attributes', async () => {
    const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const sheet = `<x:worksheet xmlns:x="${ns}"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row r="3"><x:c r="B3"><x:v>5</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
    const input = makePackage({ sheets: [{ name: 'S', xml: sheet }] });
    const issues: AnnotationIssue[] = [
      { sheet: 'S' as never, row: 1, column: 'b', cell: 'B1', code: 'NUMBER_INVALID', severity: 'error', message: 'B1 错' },
      { sheet: 'S' as never, row: 2, column: 'c', cell: 'C2', code: 'NO_TERM', severity: 'finding', message: 'C2 空' },
      { sheet: 'S' as never, row: 3, column: 'a', cell: 'A3', code: 'SALARY_OUTLIER', severity: 'warning', message: 'A3 提醒' },
    ];
    const out = annotateWorkbook(input, issues);
    // ExcelJS cannot read prefixed sheets: check the XML, and the values with our own reader
    expect(readWorkbook(out).sheets.S).toEqual(readWorkbook(input).sheets.S);
    const parts = unzipSync(out);
    const xml = strFromU8(parts['xl/worksheets/s1.xml']);
    const styles = strFromU8(parts['xl/styles.xml']);
    const xfs = /<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].match(/<xf\b[^>]*>/g)!;
    const fills = /<fills[^>]*>([\s\S]*?)<\/fills>/.exec(styles)![1].match(/<fill>[\s\S]*?<\/fill>/g)!;
    const fillAt = (ref: string) => {
      const s = Number(new RegExp(`<x:c r="${ref}" s="(\\d+)"`).exec(xml)![1]);
      return /rgb="(\w+)"/.exec(fills[Number(/fillId="(\d+)"/.exec(xfs[s])![1])])?.[1];
    };
    expect(xml).toMatch(
      /<x:row><x:c t="inlineStr"><x:is><x:t>a<\/x:t><\/x:is><\/x:c><x:c s="\d+"><x:v>2<\/x:v><\/x:c><\/x:row><x:row r="2"><x:c r="C2" s="\d+"\/><\/x:row><x:row r="3"><x:c r="A3" s="\d+"\/><x:c r="B3"><x:v>5<\/x:v><\/x:c><\/x:row>/,
    );
    expect(fillAt('C2')).toBe(SEVERITY_FILL.finding);
    expect(fillAt('A3')).toBe(SEVERITY_FILL.warning);
    expect(xml).toContain('<x:legacyDrawing r:id=');
    expect(strFromU8(parts['xl/comments1.xml'])).toContain('C2 空');
  });

  it('refuses what is not a workbook with the shared reader’s codes', () => {
    const code = (b: Uint8Array) => {
      try {
        annotateWorkbook(b, []);
        return 'none';
      } catch (e) {
        return e instanceof WorkbookReadError ? e.code : String(e);
      }
    };
    expect(code(new Uint8Array())).toBe('EMPTY_FILE');
    expect(code(strToU8('姓名,身份证号码\n张三,1101\n'))).toBe('CSV_FILE');
    expect(code(zipSync({ 'a.txt': strToU8('hello') }))).toBe('NOT_A_WORKBOOK');
    expect(code(new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3, 4, 5, 6]))).toBe('CORRUPT_WORKBOOK');
  });

  it('refuses decompression bombs with the reader’s limits (WORKBOOK_TOO_LARGE), before inflating them', () => {
    const code = (b: Uint8Array) => {
      try {
        annotateWorkbook(b, []);
        return 'none';
      } catch (e) {
        return e instanceof WorkbookReadError ? e.code : String(e);
      }
    };
    expect(code(zipBomb(1024))).toBe('WORKBOOK_TOO_LARGE');
    expect(['WORKBOOK_TOO_LARGE', 'CORRUPT_WORKBOOK']).toContain(code(lyingZipBomb(1024)));
  });
});

describe('annotateWorkbook and LibreOffice', () => {
  /** Each sheet as CSV, by LibreOffice (the -1 option exports every sheet). */
  function csvSheets(bytes: Uint8Array): Record<string, string> {
    const files = sofficeConvertFiles(bytes, 'in.xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1');
    const out: Record<string, string> = {};
    for (const [f, b] of files) out[f.replace(/^in-/, '').replace(/\.csv$/, '')] = strFromU8(b);
    return out;
  }

  it('a ledger re-saved by LibreOffice: annotated faithfully, and LibreOffice opens the copy with every value intact', async () => {
    const input = sofficeConvert(await ledgerWorkbook(10, { patch: patchErrors as never }), 'ledger.xlsx', 'xlsx');
    expect(Object.keys(unzipSync(input)).some((n) => n.startsWith('xl/'))).toBe(true);
    const issues = issuesOf(input);
    expect(issues.length).toBeGreaterThan(3);
    const out = await expectFaithful(input, issues);
    const before = csvSheets(input);
    const after = csvSheets(out);
    for (const name of Object.keys(before)) expect(after[name], name).toBe(before[name]);
    expect(after[RESULT_SHEET_NAME]).toContain('规则代码');
    expect(after[RESULT_SHEET_NAME].split('\n').filter((l) => l.includes('编外人员台账')).length).toBe(
      issues.filter((i) => i.sheet === SHEET_ROSTER).length,
    );
  }, 300_000);
});
