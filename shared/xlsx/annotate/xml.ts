// Small string-level XML helpers for editing package parts in place: parts are edited by splicing text,
// never re-serialised, so everything we do not touch stays byte for byte as the writer left it.

export const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
export const REL_WORKSHEET = `${NS_REL}/worksheet`;
export const REL_STYLES = `${NS_REL}/styles`;
export const REL_COMMENTS = `${NS_REL}/comments`;
export const REL_VML = `${NS_REL}/vmlDrawing`;

export function escapeXml(s: string): string {
  return (
    s
      .replace(/[<>&"]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '&quot;'))
      // characters XML 1.0 cannot carry (matching control characters is the point here)
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
  );
}

export function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#\d+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** The namespace prefix ("x:" or "") of a part's root element `local`, or null when absent. */
export function rootPrefix(xml: string, local: string): string | null {
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}[\\s>/]`).exec(xml);
  return m ? (m[1] ?? '') : null;
}

/** Value of attribute `name` (no prefix) in an element's start tag text. */
export function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  return m ? unescapeXml(m[2] ?? m[3]) : null;
}

/** The start tag with attribute `name` set (replaced or appended). */
export function setAttr(tag: string, name: string, value: string): string {
  const re = new RegExp(`(\\s${name}\\s*=\\s*)("[^"]*"|'[^']*')`);
  const v = `"${escapeXml(value)}"`;
  if (re.test(tag)) return tag.replace(re, `$1${v}`);
  const end = tag.endsWith('/>') ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, end)} ${name}=${v}${tag.slice(end)}`;
}

export function removeAttr(tag: string, name: string): string {
  return tag.replace(new RegExp(`\\s${name}\\s*=\\s*("[^"]*"|'[^']*')`), '');
}

/** The prefix (without colon) bound to a namespace URI on the root element, or null. */
export function prefixFor(xml: string, uri: string): string | null {
  const m = new RegExp(`xmlns:([A-Za-z_][\\w.-]*)\\s*=\\s*["']${uri.replace(/[.]/g, '\\.')}["']`).exec(xml);
  return m ? m[1] : null;
}

/** Declare `xmlns:prefix="uri"` on the root element named `local` when not declared yet; returns the prefix used. */
export function ensurePrefix(xml: string, local: string, uri: string, wanted: string): { xml: string; prefix: string } {
  const found = prefixFor(xml, uri);
  if (found) return { xml, prefix: found };
  let prefix = wanted;
  for (let i = 2; new RegExp(`xmlns:${prefix}\\s*=`).test(xml); i++) prefix = `${wanted}${i}`;
  const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${local}(?=[\\s>/])`).exec(xml);
  if (!m) return { xml, prefix };
  const at = m.index + m[0].length;
  return { xml: `${xml.slice(0, at)} xmlns:${prefix}="${uri}"${xml.slice(at)}`, prefix };
}

/** Column letters → 1-based index. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

export function columnLetters(n: number): string {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** 'D5' → { col: 4, row: 5 } within Excel's grid, else null. */
export function parseRef(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?([1-9]\d{0,6})$/.exec(ref.toUpperCase());
  if (!m) return null;
  const col = columnNumber(m[1]),
    row = +m[2];
  return col <= 16_384 && row <= 1_048_576 ? { col, row } : null;
}
