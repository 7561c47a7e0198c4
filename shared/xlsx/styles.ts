// Styles: which cell style indexes carry a date format (a date is a number with a date format).
import { parseAttrs } from './xml';

/** Built-in date/time formats (ECMA-376 18.8.30) plus the CJK locale ones (27–36, 50–58). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58,
]);

export function isDateFormatCode(code: string): boolean {
  const s = code
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/General/gi, '');
  return /[ymdhs]/i.test(s);
}

export function dateStyleFlags(xml: string): Uint8Array {
  const custom = new Map<number, string>();
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?numFmt\s([^>]*?)\/?>/g)) {
    const a = parseAttrs(m[1]);
    if (a.numFmtId !== undefined) custom.set(Number(a.numFmtId), a.formatCode ?? '');
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs[\s>]([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(xml);
  if (!xfs) return new Uint8Array(0);
  const flags: number[] = [];
  for (const m of xfs[1].matchAll(/<(?:[\w.-]+:)?xf[\s/>]([^>]*)>/g)) {
    const id = Number(/numFmtId\s*=\s*["'](\d+)["']/.exec(m[1])?.[1] ?? 0);
    const code = custom.get(id);
    flags.push(code !== undefined ? (isDateFormatCode(code) ? 1 : 0) : BUILTIN_DATE_FORMATS.has(id) ? 1 : 0);
  }
  return Uint8Array.from(flags);
}
