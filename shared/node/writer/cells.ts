// What a cell's text must go through before it is sheet XML: sheet names, XML escaping (with Excel's
// _xHHHH_ quirk), formula look-alikes (quoted, never formulas), Excel's length limit, and the date
// serials of date and datetime columns.
import { instantToChinaSerial, isoToSerial } from '../../dates';

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function safeSheetName(name: string): string {
  const cleaned = name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31);
  return cleaned.length > 0 ? cleaned : 'Sheet';
}

// Characters XML 1.0 forbids (removed), plus the ones that need an entity.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/;
// eslint-disable-next-line no-control-regex
const ESCAPE_ALL = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|_x[0-9A-Fa-f]{4}_/g;

function escapeReplace(m: string): string {
  switch (m) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    case '\r':
      return '&#13;';
    default:
      // A literal "_xHHHH_" would be decoded by Excel as an escaped character: escape its underscore.
      return m.length > 1 ? `_x005F${m}` : '';
  }
}

export function escapeXmlText(s: string): string {
  return NEEDS_ESCAPE.test(s) ? s.replace(ESCAPE_ALL, escapeReplace) : s;
}

export function escapeXmlAttr(s: string): string {
  return escapeXmlText(s).replace(/"/g, '&quot;');
}

/** True when a spreadsheet would read this text as a formula or command (formula injection). */
export function looksLikeFormula(s: string): boolean {
  if (s.length === 0) return false;
  const c = s.charCodeAt(0);
  // = + - @ \t \r, and their full-width forms (＝＋－＠), which some spreadsheet apps also accept
  return (
    c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13 || c === 0xff1d || c === 0xff0b || c === 0xff0d || c === 0xff20
  );
}

/** Excel refuses (and "repairs") a workbook with a cell text longer than this. */
export const MAX_CELL_CHARS = 32_767;
export function truncate(s: string): string {
  let cut = MAX_CELL_CHARS - 1;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--; // never split a surrogate pair
  return s.slice(0, cut) + '…';
}

/** 'YYYY-MM-DD' → Excel date serial, or null. */
export const dateSerial: (s: string) => number | null = (s) => isoToSerial(s);

/** Instant → Excel serial of its China wall-clock time, or null. */
export const dateTimeSerial: (v: string | Date) => number | null = instantToChinaSerial;
