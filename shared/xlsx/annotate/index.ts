// The annotated copy of a liaison's own workbook (网页版 "下载标注版"): every problem cell filled by
// severity (red 错误, amber 提醒, blue 问题发现; the most severe wins) with a note saying what is wrong and
// how to fix it, plus a 校验结果 sheet listing every issue. Browser-safe (fflate only, no Node imports, no
// ExcelJS). It edits the package's XML in place, so values, formats, other sheets, validations, defined
// names, existing notes and column widths stay exactly as they were.
import { RULES, SEVERITY_LABEL, type Severity } from '../../rules/catalogue';
import { peekSheetNames } from '../read';
import type { AnnotationIssue } from './types';
import { markCells, type Marks } from './cells';
import { addNotes } from './comments';
import { Package, readRels, resolveTarget } from './package';
import { addResultSheet } from './resultSheet';
import { StyleBook } from './styles';
import { attr, parseRef, REL_WORKSHEET, rootPrefix } from './xml';

export type { AnnotationIssue } from './types';
export { SEVERITY_FILL } from './styles';
export { NOTE_AUTHOR } from './comments';

/** Name of the sheet listing every issue (校验结果(2) … when the workbook already has one). */
export const RESULT_SHEET_NAME = '校验结果';

const RANK: Record<Severity, number> = { error: 3, warning: 2, finding: 1 };

/** The note of one cell: each issue's message and the rule's explanation, worst first. */
export function noteText(issues: readonly AnnotationIssue[]): string {
  return [...issues]
    .sort((a, b) => RANK[b.severity] - RANK[a.severity])
    .map((i) => `【${SEVERITY_LABEL[i.severity]}】${i.message}${RULES[i.code] ? `\n怎么改：${RULES[i.code].explain}` : ''}`)
    .join('\n\n');
}

interface SheetRef {
  name: string;
  part: string;
}

function workbookPart(pkg: Package): string {
  const root = readRels(pkg, '').find((r) => r.type.endsWith('/officeDocument'));
  const part = root ? resolveTarget('', root.target) : 'xl/workbook.xml';
  if (!pkg.has(part)) throw new Error('no workbook part');
  return pkg.find(part)!;
}

function worksheets(pkg: Package, wbPart: string): SheetRef[] {
  const rels = readRels(pkg, wbPart);
  const xml = pkg.read(wbPart)!;
  const out: SheetRef[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?sheet\b[^>]*>/g)) {
    const id = /\s(?:[\w.-]+:)?id\s*=\s*"([^"]*)"/.exec(m[0])?.[1];
    const rel = rels.find((r) => r.id === id && r.type === REL_WORKSHEET);
    const name = attr(m[0], 'name');
    if (rel && name !== null) {
      const part = pkg.find(resolveTarget(wbPart, rel.target));
      if (part) out.push({ name, part });
    }
  }
  return out;
}

/**
 * A copy of `input` (an .xlsx) with `issues` marked. Throws the shared reader's WorkbookReadError
 * (EMPTY_FILE, NOT_A_WORKBOOK, LEGACY_XLS, CSV_FILE, ENCRYPTED_WORKBOOK, CORRUPT_WORKBOOK, …) for input that
 * is not a readable workbook.
 */
export function annotateWorkbook(input: Uint8Array, issues: readonly AnnotationIssue[]): Uint8Array {
  peekSheetNames(input); // the reader's checks and error codes for anything that is not a workbook
  const pkg = new Package(input);
  const wbPart = workbookPart(pkg);
  const sheets = worksheets(pkg, wbPart);
  const byName = (name: string | null) =>
    name === null ? undefined : (sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name.trim() === name));

  // Group the cell issues by sheet and cell.
  const perSheet = new Map<SheetRef, Map<string, AnnotationIssue[]>>();
  for (const i of issues) {
    const sheet = byName(i.sheet);
    const ref = i.cell ? parseRef(i.cell) : null;
    if (!sheet || !ref || !i.cell) continue;
    let cells = perSheet.get(sheet);
    if (!cells) perSheet.set(sheet, (cells = new Map()));
    const key = i.cell.replace(/\$/g, '').toUpperCase();
    const list = cells.get(key);
    if (list) list.push(i);
    else cells.set(key, [i]);
  }

  const styles = new StyleBook(pkg, wbPart);
  let vmlData = nextVmlData(pkg);
  for (const [sheet, cells] of perSheet) {
    let xml = pkg.read(sheet.part)!;
    const p = rootPrefix(xml, 'worksheet');
    if (p === null) continue; // a chart sheet or something else: listed in 校验结果 only
    const marks: Marks = new Map();
    const notes = new Map<string, string>();
    for (const [key, list] of cells) {
      const { col, row } = parseRef(key)!;
      let worst: Severity = 'finding';
      for (const i of list) if (RANK[i.severity] > RANK[worst]) worst = i.severity;
      let cols = marks.get(row);
      if (!cols) marks.set(row, (cols = new Map()));
      cols.set(col, worst);
      notes.set(key, noteText(list));
    }
    xml = markCells(xml, p, marks, styles);
    xml = addNotes(pkg, sheet.part, xml, p, notes, vmlData++);
    pkg.write(sheet.part, xml);
  }
  styles.save();
  addResultSheet(pkg, wbPart, issues, RESULT_SHEET_NAME);
  return pkg.toBytes();
}

/** A VML drawing number above every one the workbook uses (shape ids are 1024 × that number + k). */
function nextVmlData(pkg: Package): number {
  let max = 0;
  for (const n of pkg.names) {
    if (!n.toLowerCase().endsWith('.vml')) continue;
    for (const m of (pkg.read(n) ?? '').matchAll(/<o:idmap\b[^>]*data="([\d,]+)"/g))
      for (const d of m[1].split(',')) max = Math.max(max, Number(d) || 0);
  }
  return max + 1;
}
