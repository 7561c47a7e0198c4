// Byte-level XML for the reader: a part is scanned as UTF-8 bytes and text is decoded only for the values
// themselves (no DOM, no JS string of the whole part). Also the small string-level helpers (attributes,
// entities) used on the few parts that are read as text.

import { XmlFormatError } from './errors';

export const textDecoder = new TextDecoder('utf-8');

export const LT = 60; // <
export const GT = 62; // >
export const SLASH = 47;
const AMP = 38;
const UNDERSCORE = 95;
const CR = 13;

export function bytesOf(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function matchAt(b: Uint8Array, i: number, pat: Uint8Array): boolean {
  if (i + pat.length > b.length) return false;
  for (let k = 0; k < pat.length; k++) if (b[i + k] !== pat[k]) return false;
  return true;
}

/** After a tag name: whitespace, '>' or '/' (so `<row` does not match `<rowBreaks`). */
export function isNameEnd(c: number): boolean {
  return c === 32 || c === GT || c === SLASH || c === 9 || c === 10 || c === 13;
}

/** Refuses a DTD (entity declarations: "billion laughs"); workbooks never carry one. */
export function assertNoDtd(xml: string): void {
  if (/<!(?:DOCTYPE|ENTITY)/i.test(xml)) throw new XmlFormatError('DTD or entity declaration');
}

/** Namespace prefix of the document element, e.g. "x:" (files written with a prefixed namespace); refuses a DTD. */
export function rootPrefix(b: Uint8Array): string {
  let i = 0;
  for (;;) {
    i = b.indexOf(LT, i);
    if (i < 0 || i + 1 >= b.length) return '';
    const c = b[i + 1];
    if (c === 33 && b[i + 2] !== 45) throw new XmlFormatError('DTD or entity declaration'); // <! but not <!--
    if (c !== 63 && c !== 33) break; // skip <? and <!--
    i++;
  }
  let j = i + 1;
  while (j < b.length && !isNameEnd(b[j])) j++;
  const name = textDecoder.decode(b.subarray(i + 1, j));
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(0, colon + 1) : '';
}

const latin1Limit = 4096;
/** Decodes XML character data (UTF-8, entities, Excel's _xHHHH_ escapes, CRLF → LF). */
export function decodeText(b: Uint8Array, s: number, e: number): string {
  let ascii = true;
  let special = false;
  for (let k = s; k < e; k++) {
    const c = b[k];
    if (c >= 0x80) ascii = false;
    else if (c === AMP || c === UNDERSCORE || c === CR) special = true;
  }
  let str: string;
  if (ascii && e - s <= latin1Limit) str = String.fromCharCode.apply(null, b.subarray(s, e) as unknown as number[]);
  else if (e - s <= 96) str = decodeUtf8Short(b, s, e);
  else str = textDecoder.decode(b.subarray(s, e));
  return special ? unescapeXmlText(str) : str;
}

const codeUnits: number[] = [];
/** Small UTF-8 decoder: for the short strings of a sheet it beats TextDecoder's per-call cost. */
function decodeUtf8Short(b: Uint8Array, s: number, e: number): string {
  codeUnits.length = 0;
  let k = s;
  while (k < e) {
    const c = b[k];
    if (c < 0x80) {
      codeUnits.push(c);
      k++;
    } else if (c >= 0xc2 && c < 0xe0 && k + 1 < e) {
      codeUnits.push(((c & 0x1f) << 6) | (b[k + 1] & 0x3f));
      k += 2;
    } else if (c >= 0xe0 && c < 0xf0 && k + 2 < e) {
      codeUnits.push(((c & 0x0f) << 12) | ((b[k + 1] & 0x3f) << 6) | (b[k + 2] & 0x3f));
      k += 3;
    } else if (c >= 0xf0 && c < 0xf5 && k + 3 < e) {
      const cp = (((c & 0x07) << 18) | ((b[k + 1] & 0x3f) << 12) | ((b[k + 2] & 0x3f) << 6) | (b[k + 3] & 0x3f)) - 0x10000;
      codeUnits.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      k += 4;
    } else {
      // Malformed: let the standard decoder apply its replacement rules.
      return textDecoder.decode(b.subarray(s, e));
    }
  }
  return String.fromCharCode.apply(null, codeUnits);
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|quot|apos);/g, (_m, ent: string) =>
    ent[0] === '#' ? String.fromCodePoint(ent[1] === 'x' ? parseInt(ent.slice(2), 16) : Number(ent.slice(1))) : ENTITIES[ent],
  );
}

function unescapeXmlText(s: string): string {
  let out = s.indexOf('\r') >= 0 ? s.replace(/\r\n?/g, '\n') : s;
  out = decodeEntities(out);
  if (out.indexOf('_x') >= 0) out = out.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

export function indexOfSeq(b: Uint8Array, pat: Uint8Array, from: number): number {
  for (let i = b.indexOf(pat[0], from); i >= 0; i = b.indexOf(pat[0], i + 1)) if (matchAt(b, i, pat)) return i;
  return -1;
}

const textPatterns = new Map<string, { t: Uint8Array; rph: Uint8Array; rphEnd: Uint8Array }>();
function patternsFor(p: string) {
  let pats = textPatterns.get(p);
  if (!pats) {
    pats = { t: bytesOf(`<${p}t`), rph: bytesOf(`<${p}rPh`), rphEnd: bytesOf(`</${p}rPh>`) };
    textPatterns.set(p, pats);
  }
  return pats;
}

/** Concatenates the <t> texts in [s, e) — plain or rich-text runs — skipping phonetic (<rPh>) runs. */
export function collectText(b: Uint8Array, s: number, e: number, p: string): string {
  const { t: T, rph: RPH, rphEnd: RPH_END } = patternsFor(p);
  let out = '';
  let i = s;
  let parts = 0;
  while (i < e) {
    i = b.indexOf(LT, i);
    if (i < 0 || i >= e) break;
    if (matchAt(b, i, T) && isNameEnd(b[i + T.length])) {
      const gt = b.indexOf(GT, i);
      if (gt < 0 || gt >= e) break;
      if (b[gt - 1] === SLASH) {
        i = gt + 1;
        continue;
      }
      const close = b.indexOf(LT, gt + 1);
      if (close < 0 || close > e) break;
      const text = decodeText(b, gt + 1, close);
      out = parts++ === 0 ? text : out + text;
      i = close + 1;
    } else if (matchAt(b, i, RPH) && isNameEnd(b[i + RPH.length])) {
      const end = indexOfSeq(b, RPH_END, i);
      i = end < 0 || end > e ? e : end + RPH_END.length;
    } else i++;
  }
  return out;
}

export const EMPTY: Uint8Array = new Uint8Array(0);

export function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

export function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = decodeEntities(m[2] ?? m[3]);
  return out;
}
