// Raw cell values (Excel range.values, ExcelJS, our xlsx reader) → normalised Cell values.
// Pure and browser-safe. Normalising an already normalised value returns it unchanged.
import type { FieldType } from '../template/definition';
import type { Cell } from './schema';
import { dateObjectToIso, parseDateText, serialToIso } from '../dates';

const KNOWN_ERRORS = new Set([
  '#N/A',
  '#VALUE!',
  '#REF!',
  '#DIV/0!',
  '#NUM!',
  '#NAME?',
  '#NULL!',
  '#SPILL!',
  '#CALC!',
  '#GETTING_DATA',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
  '#PYTHON!',
  '#EXTERNAL!',
]);
const ERROR_SHAPE = /^#[A-Z][A-Z0-9_/]*[!?]$/;

/** An Excel error value as Excel/ExcelJS/our reader present it ('#N/A', '#VALUE!', …). */
export function isExcelError(v: unknown): boolean {
  return typeof v === 'string' && v.charCodeAt(0) === 35 /* # */ && (KNOWN_ERRORS.has(v) || ERROR_SHAPE.test(v));
}

const FULL_WIDTH = /[\uFF01-\uFF5E\u3000]/;
const FULL_WIDTH_G = /[\uFF01-\uFF5E\u3000]/g;
const fullToHalf = (c: string) => (c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Full-width ASCII (digits, letters, punctuation, the ideographic space) → half-width. */
export function toHalfWidth(s: string): string {
  return FULL_WIDTH.test(s) ? s.replace(FULL_WIDTH_G, fullToHalf) : s;
}

const WHITESPACE_G = /\s+/g;

/** May be a character String.prototype.trim and /\s/ remove (all control characters count): no regex. */
function maybeWhitespace(c: number): boolean {
  if (c < 0x85) return c <= 32;
  if (c > 0x3000 && c < 0xfeff) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Text that starts or ends with what trim() removes. */
export function needsTrim(s: string): boolean {
  return maybeWhitespace(s.charCodeAt(0)) || maybeWhitespace(s.charCodeAt(s.length - 1));
}

function hasWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (maybeWhitespace(s.charCodeAt(i))) return true;
  return false;
}

/** Only ASCII digits and capitals: an ID, credit code or phone number already in normal form. */
function isPlainCode(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/**
 * Unwrap ExcelJS cell objects to a primitive: {formula, result} → result, {richText} → joined text,
 * {text, hyperlink} → text, {error} → the error text. Unknown objects → null.
 */
export function unwrapCell(v: unknown): unknown {
  for (let depth = 0; depth < 4; depth++) {
    if (v === null || typeof v !== 'object' || v instanceof Date) return v;
    const o = v as Record<string, unknown>;
    try {
      if ('result' in o && ('formula' in o || 'sharedFormula' in o)) {
        v = o.result;
        continue;
      }
      if (Array.isArray(o.richText)) {
        let s = '';
        for (const part of o.richText as unknown[]) {
          const t = part && typeof part === 'object' ? (part as { text?: unknown }).text : undefined;
          if (typeof t === 'string') s += t;
        }
        return s;
      }
      if (typeof o.error === 'string') return o.error;
      if ('text' in o) {
        v = o.text;
        continue;
      }
    } catch {
      return null;
    }
    return null;
  }
  return null;
}

/** Header / label text for matching: no whitespace, no leading required-marker '*', half-width. */
export function normaliseHeader(raw: unknown): string {
  const v = unwrapCell(raw);
  if (typeof v !== 'string') return typeof v === 'number' && Number.isFinite(v) ? String(v) : '';
  let s = toHalfWidth(v).replace(WHITESPACE_G, '');
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === 42 /* * */) i++;
  if (i > 0) s = s.slice(i);
  while (s.length > 0 && s.charCodeAt(s.length - 1) === 58 /* : */) s = s.slice(0, -1);
  return s;
}

const NUMBER_TEXT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$/;

/** Numeric text (full-width digits, thousands separators, spaces allowed) → number, else null. */
export function parseNumberText(s: string): number | null {
  const t = toHalfWidth(s).replace(WHITESPACE_G, '');
  if (!NUMBER_TEXT.test(t)) return null;
  const n = Number(t.indexOf(',') >= 0 ? t.replace(/,/g, '') : t);
  return Number.isFinite(n) ? n + 0 : null; // + 0 turns -0 into 0 (JSON has no -0)
}

function numberToText(n: number): string {
  return String(n);
}

/** Digits of a number an ID/phone column turned into a number; Excel-style exponent text when not exact. */
function numberToCode(n: number): string {
  if (Number.isSafeInteger(n) && n >= 0) return String(n);
  if (!Number.isFinite(n)) return String(n);
  return n.toExponential().toUpperCase();
}

function primitiveText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'bigint') return v.toString();
  return null;
}

/**
 * Normalise one raw cell for a field of the given type (untyped: generic trim).
 * - empty / whitespace-only → null; Excel error values are kept as their text;
 * - text: trimmed; enum: all whitespace removed;
 * - date: 'YYYY-MM-DD' when readable and real, else the trimmed text (the engine reports DATE_INVALID);
 * - integer/number: number when readable, else trimmed text (NUMBER_INVALID); non-finite → text;
 * - idNumber/creditCode/mobile: half-width, no whitespace, upper-case; a number keeps its digits when
 *   exact, otherwise Excel's exponent text (so ID_FORMAT explains the lost digits).
 */
export function normaliseCell(raw: unknown, type?: FieldType): Cell {
  const v = unwrapCell(raw);
  if (v === null || v === undefined) return null;
  const kind = type?.kind;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return numberToText(v);
    const num = v + 0; // -0 → 0: JSON has no -0
    switch (kind) {
      case 'date':
        return serialToIso(num) ?? numberToText(num);
      case 'idNumber':
      case 'creditCode':
      case 'mobile':
        return numberToCode(num);
      case 'text':
      case 'enum':
        return numberToText(num);
      default:
        return num;
    }
  }
  if (v instanceof Date) {
    const iso = dateObjectToIso(v);
    return iso ?? 'Invalid Date';
  }
  const text = primitiveText(v);
  if (text === null) return null;
  const t = text.trim();
  if (t === '') return null;
  if (isExcelError(t)) return t;
  // Most cells are already in normal form: the checks below skip a regex replace per cell.
  switch (kind) {
    case 'enum':
      return hasWhitespace(t) ? t.replace(WHITESPACE_G, '') : t;
    case 'date': {
      const h = toHalfWidth(t).trim();
      return parseDateText(h).iso ?? t;
    }
    case 'integer':
    case 'number':
      return parseNumberText(t) ?? t;
    case 'idNumber':
    case 'creditCode':
      return isPlainCode(t) ? t : toHalfWidth(t).replace(WHITESPACE_G, '').toUpperCase();
    case 'mobile':
      return isPlainCode(t) ? t : toHalfWidth(t).replace(/[\s-]+/g, '');
    default:
      return t;
  }
}

/** True for cells that count as empty (null, undefined, whitespace-only text, unknown objects). */
export function isEmptyRaw(raw: unknown): boolean {
  const v = unwrapCell(raw);
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  return false;
}
