// Marks cells in a worksheet's <sheetData>: each marked cell gets the style "its own format + our fill";
// cells (and rows) absent from the XML are created in order. Everything else in the sheet is kept as is.
import type { Severity } from '../../rules/catalogue';
import type { StyleBook } from './styles';
import { attr, columnLetters, columnNumber, removeAttr, setAttr } from './xml';

/** row → column → severity of the cell's worst issue. */
export type Marks = Map<number, Map<number, Severity>>;

export function markCells(xml: string, p: string, marks: Marks, styles: StyleBook): string {
  if (marks.size === 0) return xml;
  const colStyles = columnStyles(xml, p);
  const sd = new RegExp(`<${p}sheetData(?:\\s[^>]*)?(/?)>`).exec(xml);
  if (!sd) return xml; // not a worksheet we can mark (left as is)
  const open = sd.index + sd[0].length;
  const close = sd[1] === '/' ? open : xml.indexOf(`</${p}sheetData>`, open);
  const inner = xml.slice(open, close);
  const rows = [...marks.keys()].sort((a, b) => a - b);
  let k = 0; // next marked row to place
  const out: string[] = [];
  const rowRe = new RegExp(`<${p}row(?=[\\s>/])([^>]*?)(/?)>`, 'g');
  let last = 0;
  let prevRow = 0;
  let m: RegExpExecArray | null;
  while ((m = rowRe.exec(inner)) !== null) {
    const startTag = m[0];
    const selfClosing = m[2] === '/';
    const contentStart = m.index + startTag.length;
    const end = selfClosing ? contentStart : inner.indexOf(`</${p}row>`, contentStart);
    const after = selfClosing ? contentStart : end + `</${p}row>`.length;
    const r = Number(attr(startTag, 'r') ?? prevRow + 1);
    prevRow = r;
    // Marked rows before this one that have no <row> yet.
    while (k < rows.length && rows[k] < r) {
      out.push(inner.slice(last, m.index), newRow(p, rows[k], marks.get(rows[k])!, styles, colStyles));
      last = m.index;
      k++;
    }
    if (k < rows.length && rows[k] === r) {
      const rowStyle =
        attr(startTag, 'customFormat') === '1' || attr(startTag, 'customFormat') === 'true' ? Number(attr(startTag, 's') ?? 0) : null;
      const content = selfClosing ? '' : inner.slice(contentStart, end);
      const marked = markRow(content, p, r, marks.get(r)!, styles, rowStyle, colStyles);
      let tag = removeAttr(startTag.replace(/\s*\/>$/, '>'), 'spans');
      if (!tag.endsWith('>')) tag += '>';
      out.push(inner.slice(last, m.index), tag, marked, `</${p}row>`);
      last = after;
      k++;
    }
    rowRe.lastIndex = after;
  }
  out.push(inner.slice(last));
  for (; k < rows.length; k++) out.push(newRow(p, rows[k], marks.get(rows[k])!, styles, colStyles));
  const body = out.join('');
  if (sd[1] === '/') return `${xml.slice(0, sd.index)}<${p}sheetData>${body}</${p}sheetData>${xml.slice(open)}`;
  return xml.slice(0, open) + body + xml.slice(close);
}

function newRow(p: string, r: number, cols: Map<number, Severity>, styles: StyleBook, colStyles: Map<number, number>): string {
  const cells = [...cols.keys()].sort((a, b) => a - b).map((c) => newCell(p, r, c, styles.marked(colStyles.get(c) ?? 0, cols.get(c)!)));
  return `<${p}row r="${r}">${cells.join('')}</${p}row>`;
}

function newCell(p: string, r: number, c: number, s: number): string {
  return `<${p}c r="${columnLetters(c)}${r}" s="${s}"/>`;
}

function markRow(
  content: string,
  p: string,
  r: number,
  cols: Map<number, Severity>,
  styles: StyleBook,
  rowStyle: number | null,
  colStyles: Map<number, number>,
): string {
  const want = [...cols.keys()].sort((a, b) => a - b);
  let k = 0;
  const out: string[] = [];
  const cellRe = new RegExp(`<${p}c(?=[\\s>/])([^>]*?)(/?)>`, 'g');
  let last = 0;
  let prevCol = 0;
  let m: RegExpExecArray | null;
  while ((m = cellRe.exec(content)) !== null) {
    const startTag = m[0];
    const ref = attr(startTag, 'r');
    const c = ref ? columnNumber(/^[A-Za-z]+/.exec(ref)?.[0].toUpperCase() ?? '') : prevCol + 1;
    prevCol = c;
    const selfClosing = m[2] === '/';
    const after = selfClosing ? m.index + startTag.length : content.indexOf(`</${p}c>`, m.index) + `</${p}c>`.length;
    while (k < want.length && want[k] < c) {
      const base = rowStyle ?? colStyles.get(want[k]) ?? 0;
      out.push(content.slice(last, m.index), newCell(p, r, want[k], styles.marked(base, cols.get(want[k])!)));
      last = m.index;
      k++;
    }
    if (k < want.length && want[k] === c) {
      const s = Number(attr(startTag, 's') ?? 0);
      out.push(content.slice(last, m.index), setAttr(startTag, 's', String(styles.marked(s, cols.get(c)!))));
      last = m.index + startTag.length;
      k++;
    }
    cellRe.lastIndex = after;
  }
  out.push(content.slice(last));
  // Cells after the row's last one go before any non-cell content (e.g. <extLst>) — there is none in practice.
  for (; k < want.length; k++) out.push(newCell(p, r, want[k], styles.marked(rowStyle ?? colStyles.get(want[k]) ?? 0, cols.get(want[k])!)));
  return out.join('');
}

/** Column → style index from <cols> (the format a new cell in that column would show). */
function columnStyles(xml: string, p: string): Map<number, number> {
  const out = new Map<number, number>();
  const cols = new RegExp(`<${p}cols>([\\s\\S]*?)</${p}cols>`).exec(xml);
  if (!cols) return out;
  for (const m of cols[1].matchAll(new RegExp(`<${p}col\\b[^>]*>`, 'g'))) {
    const s = attr(m[0], 'style');
    if (s === null) continue;
    const min = Number(attr(m[0], 'min')),
      max = Math.min(Number(attr(m[0], 'max')), 16_384);
    for (let c = min; c <= max && c - min < 16_384; c++) out.set(c, Number(s));
  }
  return out;
}
