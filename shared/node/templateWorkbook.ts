// The standard template workbook (编外人员台账模板.xlsx), written with ExcelJS. Every sheet name, label,
// header, enum list, help text and rule explanation comes from definition.ts and catalogue.ts.
// Types only here: ExcelJS itself is loaded when a template is built, so importing the constants is cheap
// (the CLI's --help and validate never load it).
import type ExcelJS from 'exceljs';
import { unzipSync, zipSync } from 'fflate';
import {
  ENUMS,
  ROSTER_FIELDS,
  SHEET_GUIDE,
  SHEET_ROSTER,
  SHEET_UNIT,
  TEMPLATE_VERSION,
  TEMPLATE_VERSION_NAME,
  UNIT_FIELDS,
  HEADER_SEARCH_ROWS,
  type FieldDef,
} from '../template/definition';
import { columnLetter } from '../a1';
import { RULES, RULE_CODES, SEVERITIES, SEVERITY_LABEL, type Severity } from '../rules/catalogue';

/** Worksheet row of the roster header in the template. */
export const TEMPLATE_HEADER_ROW = 3;
/** First and last worksheet rows that carry the roster's data validations and formats. */
export const TEMPLATE_FIRST_DATA_ROW = TEMPLATE_HEADER_ROW + 1;
export const TEMPLATE_LAST_DATA_ROW = 2000;
/** Worksheet row of the first unit label on 单位基本情况 (labels in A, values in B). */
export const TEMPLATE_UNIT_FIRST_ROW = 3;
/** Cell on 填表说明 holding TEMPLATE_VERSION (target of the defined name). */
export const TEMPLATE_VERSION_CELL = 'B2';
export { TEMPLATE_FILE_NAME } from '../template/definition';

const DATE_FORMAT = 'yyyy-mm-dd';
/** Every sheet prints on A4, one page wide (as many pages tall as needed), with 第 N 页 共 M 页 below. */
const PRINT_A4: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
};
const PAGE_FOOTER: Partial<ExcelJS.HeaderFooter> = { oddFooter: '&C第 &P 页 共 &N 页' };
const FIXED_TIME = new Date(Date.UTC(2026, 0, 1));

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const LABEL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const REQUIRED_FONT: Partial<ExcelJS.Font> = { bold: true, color: { argb: 'FFC00000' } };

/** Plain-Chinese description of a field's type, for 填表说明. */
export function describeFieldType(d: FieldDef): string {
  const t = d.type;
  switch (t.kind) {
    case 'text':
      return t.maxLength ? `文字，不超过${t.maxLength}字` : '文字';
    case 'enum':
      return `从下拉列表选择：${ENUMS[t.values].join('、')}`;
    case 'date':
      return '日期（如 2024-03-01，也可填 2024/3/1、2024.3.1、2024年3月1日）';
    case 'integer':
      return `整数，不小于${t.min}`;
    case 'number':
      return `数字，不小于${t.min}`;
    case 'idNumber':
      return '18位公民身份号码（文本格式）';
    case 'creditCode':
      return '18位统一社会信用代码';
    case 'mobile':
      return '11位手机号码';
  }
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}

/** Native validation for one field: a typing aid only (a paste bypasses it; the checker re-checks). */
function validationFor(d: FieldDef): ExcelJS.DataValidation {
  const prompt = {
    showInputMessage: true,
    promptTitle: truncate(d.header, 32),
    prompt: truncate(`${d.required ? '【必填】' : '【选填】'}${d.help}`, 250),
  };
  // Everything but the lists only warns: a value Excel cannot judge may still be valid (the checker decides).
  const warn = (
    type: ExcelJS.DataValidation['type'],
    operator: ExcelJS.DataValidationOperator,
    formulae: unknown[],
    errorTitle: string,
    error: string,
  ): ExcelJS.DataValidation =>
    ({
      type,
      operator,
      allowBlank: true,
      formulae,
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle,
      error,
      ...prompt,
    }) as ExcelJS.DataValidation;
  const t = d.type;
  switch (t.kind) {
    case 'enum':
      return {
        type: 'list',
        allowBlank: true,
        formulae: [`"${ENUMS[t.values].join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '不在可选范围',
        error: truncate(`请从下拉列表选择：${ENUMS[t.values].join('、')}`, 250),
        ...prompt,
      };
    case 'date':
      // Text dates such as 2024年3月1日 are valid input, Excel just cannot tell.
      return warn(
        'date',
        'between',
        [new Date(Date.UTC(1901, 0, 1)), new Date(Date.UTC(2099, 11, 31))],
        '日期格式',
        '请填写日期，如 2024-03-01。',
      );
    case 'integer':
      return warn('whole', 'greaterThanOrEqual', [t.min], '数字无效', `请填写不小于${t.min}的整数。`);
    case 'number':
      return warn('decimal', 'greaterThanOrEqual', [t.min], '数字无效', `请填写不小于${t.min}的数字。`);
    case 'text':
      return t.maxLength
        ? warn('textLength', 'lessThanOrEqual', [t.maxLength], '内容过长', `不超过${t.maxLength}字。`)
        : promptOnly(prompt);
    default:
      return promptOnly(prompt);
  }
}

/** ExcelJS writes no type for 'any': an input prompt without a restriction. */
function promptOnly(prompt: Partial<ExcelJS.DataValidation>): ExcelJS.DataValidation {
  return { type: 'any', formulae: [], ...prompt } as unknown as ExcelJS.DataValidation;
}

/** Range-level data validations (ExcelJS supports them at runtime; its typings omit the property). */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

function numFmtFor(d: FieldDef): string | undefined {
  switch (d.type.kind) {
    case 'date':
      return DATE_FORMAT;
    case 'idNumber':
    case 'creditCode':
    case 'mobile':
      return '@';
    default:
      return undefined;
  }
}

function addUnitSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SHEET_UNIT, {
    views: [{ state: 'frozen', ySplit: 2 }],
    pageSetup: { ...PRINT_A4, orientation: 'portrait', horizontalCentered: true },
    headerFooter: PAGE_FOOTER,
  });
  ws.columns = [{ width: 20 }, { width: 40 }, { width: 60 }];
  ws.mergeCells('A1:C1');
  const title = ws.getCell('A1');
  title.value = SHEET_UNIT;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  const head = ws.getRow(2);
  head.values = ['项目', '填写内容', '填写说明'];
  head.eachCell((c) => {
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  UNIT_FIELDS.forEach((d, i) => {
    const r = TEMPLATE_UNIT_FIRST_ROW + i;
    const row = ws.getRow(r);
    const label = row.getCell(1);
    label.value = d.header;
    label.font = d.required ? REQUIRED_FONT : { bold: true };
    label.fill = LABEL_FILL;
    label.border = THIN;
    const value = row.getCell(2);
    value.border = THIN;
    const fmt = numFmtFor(d);
    if (fmt) value.numFmt = fmt;
    const help = row.getCell(3);
    help.value = `${d.required ? '必填。' : ''}${d.help}`;
    help.alignment = { wrapText: true, vertical: 'middle' };
    help.font = { color: { argb: 'FF595959' } };
    validations(ws).add(`B${r}`, validationFor(d));
  });
}

function addRosterSheet(wb: ExcelJS.Workbook): void {
  const n = ROSTER_FIELDS.length;
  const last = columnLetter(n - 1);
  const ws = wb.addWorksheet(SHEET_ROSTER, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: TEMPLATE_HEADER_ROW }],
    // Landscape, one page wide, the title and header rows repeated on every page.
    pageSetup: { ...PRINT_A4, orientation: 'landscape', printTitlesRow: `1:${TEMPLATE_HEADER_ROW}` },
    headerFooter: PAGE_FOOTER,
  });
  ws.columns = ROSTER_FIELDS.map((d) => {
    const fmt = numFmtFor(d);
    // ExcelJS drops a width of exactly 9 as "default" (Excel's default is 8.43).
    const width = d.width === 9 ? 9.001 : (d.width ?? 12);
    return { width, ...(fmt ? { style: { numFmt: fmt } } : {}) };
  });
  ws.mergeCells(`A1:${last}1`);
  const title = ws.getCell('A1');
  title.value = `XX单位${SHEET_ROSTER}`;
  title.font = { bold: true, size: 18 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 36;
  ws.mergeCells(`A2:${last}2`);
  const filing = ws.getCell('A2');
  filing.value =
    '填报单位（盖章）：                                填报日期：      年    月    日                                单位主要负责人（签字）：';
  filing.alignment = { horizontal: 'left', vertical: 'middle' };
  ws.getRow(2).height = 24;
  const header = ws.getRow(TEMPLATE_HEADER_ROW);
  header.height = 42;
  ROSTER_FIELDS.forEach((d, i) => {
    const c = header.getCell(i + 1);
    c.value = d.header;
    c.numFmt = 'General';
    c.font = d.required ? REQUIRED_FONT : { bold: true };
    c.fill = HEADER_FILL;
    c.border = THIN;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    const col = columnLetter(i);
    // One range-level validation per column (not one per cell): small file, fast to open.
    validations(ws).add(`${col}${TEMPLATE_FIRST_DATA_ROW}:${col}${TEMPLATE_LAST_DATA_ROW}`, validationFor(d));
  });
  ws.autoFilter = { from: { row: TEMPLATE_HEADER_ROW, column: 1 }, to: { row: TEMPLATE_HEADER_ROW, column: n } };
}

function addGuideSheet(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(SHEET_GUIDE, { pageSetup: { ...PRINT_A4, orientation: 'landscape' }, headerFooter: PAGE_FOOTER });
  ws.columns = [{ width: 26 }, { width: 22 }, { width: 12 }, { width: 70 }, { width: 40 }];
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
  let r = 1;
  const line = (values: (string | number)[], opts: { bold?: boolean; size?: number; fill?: boolean; border?: boolean } = {}) => {
    const row = ws.getRow(r++);
    row.values = values;
    row.eachCell((c) => {
      c.alignment = wrap;
      if (opts.bold || opts.size) c.font = { bold: opts.bold, size: opts.size };
      if (opts.fill) c.fill = HEADER_FILL;
      if (opts.border) c.border = THIN;
    });
    return row;
  };
  const section = (text: string) => {
    r++;
    line([text], { bold: true, size: 13 });
  };

  line([`${SHEET_ROSTER}填表说明`], { bold: true, size: 16 });
  // The version stamp: the defined name TEMPLATE_VERSION_NAME points at this cell.
  const versionRow = ws.getRow(r++);
  versionRow.getCell(1).value = '模板版本';
  versionRow.getCell(1).font = { bold: true };
  const vc = ws.getCell(TEMPLATE_VERSION_CELL);
  vc.numFmt = '@';
  vc.value = TEMPLATE_VERSION;
  vc.alignment = { horizontal: 'left' };
  wb.definedNames.add(`'${SHEET_GUIDE}'!$${TEMPLATE_VERSION_CELL.replace(/(\d+)/, '$$$1')}`, TEMPLATE_VERSION_NAME);

  section('一、总体要求');
  const general = [
    `工作簿须保留“${SHEET_UNIT}”和“${SHEET_ROSTER}”两张工作表，不要修改工作表名称和列标题，可以调整列的先后顺序。`,
    `“${SHEET_ROSTER}”第${TEMPLATE_HEADER_ROW}行为列标题（列标题须在前${HEADER_SEARCH_ROWS}行内），从第${TEMPLATE_FIRST_DATA_ROW}行起每人填写一行，中间不要留空行。红色列标题为必填项。`,
    `“${SHEET_UNIT}”的项目名称在A列、填写内容在B列。“编外人员数”必须等于台账中填写的人员行数。`,
    '本单位使用的所有编外人员都要逐一填报，做到不漏一人；漏报、瞒报将追究单位主要负责人和联络员的责任。',
    '日期可以填写 2024-03-01、2024/3/1、2024.3.1 或 2024年3月1日；身份证号码列已设为文本格式，请勿改为数字格式，以免末位变成0或显示为科学计数。',
    '下拉列表只是填写辅助：复制粘贴的内容不受下拉限制，报送前请使用校验功能检查。',
  ];
  for (const [i, text] of general.entries()) line([`${i + 1}. ${text}`]);
  for (let k = r - general.length; k < r; k++) ws.mergeCells(`A${k}:E${k}`);

  section(`二、“${SHEET_UNIT}”各项`);
  line(['项目', '是否必填', '', '填写要求', '可选值 / 格式'], { bold: true, fill: true, border: true });
  for (const d of UNIT_FIELDS) {
    line([d.header, d.required ? '必填' : '选填', '', d.help, describeFieldType(d)], { border: true });
  }

  section(`三、“${SHEET_ROSTER}”各列`);
  line(['列标题', '是否必填', '列', '填写要求', '可选值 / 格式'], { bold: true, fill: true, border: true });
  ROSTER_FIELDS.forEach((d, i) => {
    line([d.header, d.required ? '必填' : '选填', columnLetter(i), d.help, describeFieldType(d)], { border: true });
  });

  section('四、校验结果的三种类别');
  const effect: Record<Severity, string> = {
    error: '数据无效或不完整，阻止报送，必须改正后才能报送。',
    warning: '可能填错或需要在备注中说明，不阻止报送；请核对，确实如此的可照常报送。',
    finding:
      '清理工作要查明的问题（如禁止岗位、未经审批），不阻止报送。请如实填报，不要为了消除“问题发现”而修改真实情况；领导小组办公室汇总后统一研究处理。',
  };
  line(['类别', '是否阻止报送', '', '含义'], { bold: true, fill: true, border: true });
  for (const s of SEVERITIES) line([SEVERITY_LABEL[s], s === 'error' ? '阻止' : '不阻止', '', effect[s]], { border: true });

  section('五、校验规则');
  line(['规则', '类别', '代码', '说明', '检查范围'], { bold: true, fill: true, border: true });
  const scopeText = { template: '工作簿结构', cell: '单元格', row: '人员行', unit: '单位整体', office: '领导小组办公室汇总时检查' };
  for (const code of RULE_CODES) {
    const rule = RULES[code];
    line([rule.title, SEVERITY_LABEL[rule.severity], code, rule.explain, scopeText[rule.scope]], { border: true });
  }
}

/** The standard template, as .xlsx bytes. */
export async function buildTemplateWorkbook(): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '台账通';
  wb.lastModifiedBy = '台账通';
  wb.title = `${SHEET_ROSTER}模板`;
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  addUnitSheet(wb);
  addRosterSheet(wb);
  addGuideSheet(wb);
  const buf = await wb.xlsx.writeBuffer();
  // ExcelJS stamps each zip entry with the current time; re-zipping with a fixed time makes the template
  // the same bytes wherever and whenever it is built (the CLI and GET /template.xlsx).
  return zipSync(unzipSync(new Uint8Array(buf as ArrayBuffer)), { level: 6, mtime: FIXED_TIME });
}
