// One cell's value from its <v> bytes: the t="…" type code, numbers parsed at byte level, shared strings
// looked up, serials turned into dates by the cell's number format, text decoded only here.
import { checkedText } from './limits';
import { decodeText } from './xml';
import { excelSerialToDate } from '../dates';

export const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

const MAX_SERIAL = 2958466; // 9999-12-31 + 1

/** What a value needs from the workbook around the sheet. */
export interface ValueContext {
  sst: string[];
  /** 1 where the style index's number format is a date format. */
  dateStyles: Uint8Array;
  date1904: boolean;
}

/** The t attribute's value (bytes s..e) as one of the T_ codes. */
export function cellType(b: Uint8Array, s: number, e: number): number {
  const n = e - s;
  const c = b[s];
  if (n === 1) {
    if (c === 115) return T_SHARED; // s
    if (c === 98) return T_BOOL; // b
    if (c === 101) return T_ERROR; // e
    if (c === 100) return T_DATE; // d
    return T_NUMBER; // n
  }
  if (n === 3 && c === 115) return T_STR; // str
  if (n === 9 && c === 105) return T_INLINE; // inlineStr
  return T_NUMBER;
}

function parseNumberBytes(b: Uint8Array, s: number, e: number): number {
  let k = s;
  let neg = false;
  if (b[k] === 45) {
    neg = true;
    k++;
  }
  if (e - k > 0 && e - k <= 15) {
    let n = 0;
    for (; k < e; k++) {
      const d = b[k] - 48;
      if (d < 0 || d > 9) break;
      n = n * 10 + d;
    }
    if (k === e) return neg ? -n : n;
  }
  const str = String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]).trim();
  return str === '' ? NaN : Number(str);
}

function isoToDate(s: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?/.exec(s);
  if (!m) return s;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms));
}

/**
 * The value of <v> bytes s..e (non-empty). `dateCache`, when given, shares one Date per serial (for row
 * sinks, whose rows are transient); without it every date is a new object.
 */
export function cellValue(
  b: Uint8Array,
  s: number,
  e: number,
  type: number,
  style: number,
  ctx: ValueContext,
  dateCache: Map<number, Date> | null,
): unknown {
  switch (type) {
    case T_SHARED: {
      let n = 0;
      for (let k = s; k < e; k++) n = n * 10 + (b[k] - 48);
      const str = ctx.sst[n];
      return str === undefined || str === '' ? null : str;
    }
    case T_NUMBER: {
      const n = parseNumberBytes(b, s, e);
      if (n !== n) return checkedText(decodeText(b, s, e));
      if (style !== 0 && ctx.dateStyles[style] === 1 && n >= 0 && n < MAX_SERIAL) {
        if (!dateCache) return excelSerialToDate(n, ctx.date1904);
        let d = dateCache.get(n);
        if (d === undefined) {
          if (dateCache.size >= 65536) dateCache.clear();
          d = excelSerialToDate(n, ctx.date1904);
          dateCache.set(n, d);
        }
        return d;
      }
      return n;
    }
    case T_BOOL:
      return b[s] === 49 || b[s] === 116; // "1" / "true"
    case T_DATE:
      return isoToDate(decodeText(b, s, e).trim());
    default: {
      // str, inlineStr with <v>, error texts such as "#N/A"
      const str = checkedText(decodeText(b, s, e));
      return str === '' ? null : str;
    }
  }
}
