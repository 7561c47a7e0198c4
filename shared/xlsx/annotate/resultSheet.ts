// The 校验结果 sheet: one row per issue (工作表, 单元格, 级别, 规则代码, 说明), inline strings only, so it
// needs nothing from the workbook's shared strings or styles.
import { RULES, SEVERITY_LABEL } from '../../rules/catalogue';
import type { AnnotationIssue } from './types';
import { addRel, ensureOverride, type Package } from './package';
import { attr, ensurePrefix, escapeXml, NS_MAIN, NS_REL, REL_WORKSHEET, rootPrefix } from './xml';

const CT_WORKSHEET = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
export const RESULT_HEADERS = ['工作表', '单元格', '级别', '规则代码', '说明'] as const;

function cell(ref: string, text: string): string {
  return text === '' ? '' : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`;
}

export function resultSheetXml(issues: readonly AnnotationIssue[]): string {
  const rows: string[] = [];
  const line = (r: number, values: readonly string[]) =>
    `<row r="${r}">${values.map((v, i) => cell(String.fromCharCode(65 + i) + r, v)).join('')}</row>`;
  rows.push(line(1, RESULT_HEADERS));
  issues.forEach((i, k) => {
    const explain = RULES[i.code]?.explain;
    const text = explain ? `${i.message}\n说明：${explain}` : i.message;
    rows.push(
      line(k + 2, [
        i.sheet ?? '',
        i.cell ?? (i.row !== null ? `第${i.row}行` : ''),
        SEVERITY_LABEL[i.severity] ?? i.severity,
        i.code,
        text,
      ]),
    );
  });
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS_MAIN}">` +
    `<dimension ref="A1:E${issues.length + 1}"/>` +
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    '<cols><col min="1" max="1" width="16" customWidth="1"/><col min="2" max="2" width="10" customWidth="1"/><col min="3" max="3" width="10" customWidth="1"/>' +
    '<col min="4" max="4" width="28" customWidth="1"/><col min="5" max="5" width="100" customWidth="1"/></cols>' +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<autoFilter ref="A1:E${issues.length + 1}"/>` +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
  );
}

/** A sheet name not used in the workbook: 校验结果, else 校验结果(2), … */
function freeSheetName(workbookXml: string, wanted: string): string {
  const names = new Set([...workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)].map((m) => attr(m[0], 'name')));
  if (!names.has(wanted)) return wanted;
  for (let i = 2; ; i++) if (!names.has(`${wanted}(${i})`)) return `${wanted}(${i})`;
}

/** Add the result sheet as the workbook's last sheet; returns its name. */
export function addResultSheet(pkg: Package, workbookPart: string, issues: readonly AnnotationIssue[], wanted: string): string {
  const part = pkg.freeName('xl/worksheets/sheet#.xml');
  pkg.write(part, resultSheetXml(issues));
  ensureOverride(pkg, part, CT_WORKSHEET);
  const id = addRel(pkg, workbookPart, REL_WORKSHEET, part);
  const withNs = ensurePrefix(pkg.read(workbookPart)!, 'workbook', NS_REL, 'r');
  let wb = withNs.xml;
  const p = rootPrefix(wb, 'workbook') ?? '';
  const ids = [...wb.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)].map((m) => Number(attr(m[0], 'sheetId') ?? 0));
  const name = freeSheetName(wb, wanted);
  const el = `<${p}sheet name="${escapeXml(name)}" sheetId="${Math.max(0, ...ids) + 1}" ${withNs.prefix}:id="${id}"/>`;
  const end = wb.indexOf(`</${p}sheets>`);
  if (end >= 0) wb = wb.slice(0, end) + el + wb.slice(end);
  else wb = wb.replace(new RegExp(`<${p}sheets\\s*/>`), `<${p}sheets>${el}</${p}sheets>`);
  pkg.write(workbookPart, wb);
  return name;
}
