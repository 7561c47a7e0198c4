// A fast, narrow .xlsx reader for Node and browsers (no Node imports). fflate unzips (streaming; Node
// callers may pass node:zlib via opts.inflateRaw, see ./node.ts); the sheet XML is scanned at byte
// level, chunk by chunk, so a 100 MB sheet never becomes one JS string, and text is decoded only for
// the values themselves. It reads what a ledger needs — values, shared/inline strings, dates by number
// format, cached formula results, error texts, defined names — and nothing else (no styles beyond
// date detection, no formulas, no drawings). Row sinks let a caller consume a sheet row by row (see
// shared/ledger/fromXlsx.ts), so raw cells never accumulate.
import { TEMPLATE_VERSION_NAME } from '../template/definition';
import { columnIndex } from '../a1';
import { sniffFile } from './detect';
import { readEntry, readZipDirectory, streamEntry, ZipFormatError, type InflateRaw, type ZipEntry } from './zip';

export type WorkbookReadErrorCode =
  | 'EMPTY_FILE'
  | 'NOT_A_WORKBOOK'
  | 'ENCRYPTED_WORKBOOK'
  | 'LEGACY_XLS'
  | 'CSV_FILE'
  | 'CORRUPT_WORKBOOK';

export const WORKBOOK_READ_ERROR_MESSAGES: Record<WorkbookReadErrorCode, string> = {
  EMPTY_FILE: '文件是空的（0 字节），请在 Excel 或 WPS 中重新保存台账后再试。',
  NOT_A_WORKBOOK: '该文件不是 Excel 工作簿（.xlsx），请确认选择的是填好的台账文件。',
  ENCRYPTED_WORKBOOK:
    '工作簿设置了打开密码，无法读取。请在 Excel 或 WPS 中取消文件密码（如“文件→信息→保护工作簿→用密码进行加密”，清空密码）并保存后再试。',
  LEGACY_XLS: '这是旧版 Excel 97-2003 格式（.xls）的文件，请在 Excel 或 WPS 中“另存为”Excel 工作簿（.xlsx）后再试。',
  CSV_FILE: '这是文本文件（如 CSV），不是 Excel 工作簿。请使用标准模板填写，并保存为 Excel 工作簿（.xlsx）后再试。',
  CORRUPT_WORKBOOK: '工作簿文件已损坏或不完整，无法读取。请在 Excel 或 WPS 中打开并重新保存后再试。',
};

export class WorkbookReadError extends Error {
  readonly code: WorkbookReadErrorCode;
  constructor(code: WorkbookReadErrorCode, detail?: string) {
    super(WORKBOOK_READ_ERROR_MESSAGES[code]);
    this.name = 'WorkbookReadError';
    this.code = code;
    if (detail) this.detail = detail;
  }
  /** Technical detail for logs, never shown to users. */
  detail?: string;
}

/**
 * Receives one row with a value: 0-based worksheet row index and its values (column 0 = A). The array
 * and its Date objects are reused between calls: copy what you keep.
 */
export type RowSink = (rowIndex: number, values: unknown[]) => void;

export interface ReadWorkbookOptions {
  /** Sheets to return (by name); all sheets when omitted. Unknown names are ignored. */
  sheets?: readonly string[];
  /**
   * Stream these sheets' rows to a callback instead of returning them (they are then absent from
   * `sheets`): a large roster need not exist twice in memory, raw and parsed. Rows arrive in file order.
   */
  rowSinks?: Record<string, RowSink>;
  /** A faster raw-DEFLATE decoder where one exists (Node: see ./node.ts). Default: fflate, streaming. */
  inflateRaw?: InflateRaw;
}

export interface WorkbookData {
  sheetNames: string[];
  /** Raw cell values per sheet: row 0 = worksheet row 1, column 0 = column A; null for empty cells. */
  sheets: Record<string, unknown[][]>;
  /** Workbook-level defined names → their formula text, e.g. "'填表说明'!$B$2". */
  definedNames: Record<string, string>;
  /** The value of the cell named TEMPLATE_VERSION_NAME, as text; null when absent. */
  templateVersion: string | null;
}

// ---------------------------------------------------------------------------------------------------
// Public entry points

export function readWorkbook(bytes: Uint8Array, opts: ReadWorkbookOptions = {}): WorkbookData {
  const kind = sniffFile(bytes);
  switch (kind) {
    case 'empty':
      throw new WorkbookReadError('EMPTY_FILE');
    case 'legacy-xls':
      throw new WorkbookReadError('LEGACY_XLS');
    case 'encrypted':
      throw new WorkbookReadError('ENCRYPTED_WORKBOOK');
    case 'text':
      throw new WorkbookReadError('CSV_FILE');
    case 'ole-other':
    case 'unknown':
      throw new WorkbookReadError('NOT_A_WORKBOOK');
    case 'zip':
      break;
  }
  try {
    return readZipWorkbook(bytes, opts);
  } catch (err) {
    if (err instanceof WorkbookReadError) throw err;
    if (err instanceof ZipFormatError || err instanceof XmlFormatError) throw new WorkbookReadError('CORRUPT_WORKBOOK', err.message);
    throw new WorkbookReadError('CORRUPT_WORKBOOK', err instanceof Error ? err.message : String(err));
  }
}

/** Sheet names only (cheap: reads workbook.xml). Throws WorkbookReadError like readWorkbook. */
export function peekSheetNames(bytes: Uint8Array): string[] {
  return readWorkbook(bytes, { sheets: [] }).sheetNames;
}

// ---------------------------------------------------------------------------------------------------
// Workbook structure

class XmlFormatError extends Error {}

const textDecoder = new TextDecoder('utf-8');

interface SheetRef {
  name: string;
  path: string | null;
}

function readZipWorkbook(bytes: Uint8Array, opts: ReadWorkbookOptions): WorkbookData {
  const dir = readZipDirectory(bytes);
  const part = (path: string): ZipEntry | undefined => dir.get(path.toLowerCase());
  const partText = (path: string): string | null => {
    const e = part(path);
    return e ? textDecoder.decode(readEntry(bytes, e)) : null;
  };

  // The workbook part is whatever the package relationships call the office document.
  let workbookPath = 'xl/workbook.xml';
  const rootRels = partText('_rels/.rels');
  if (rootRels) {
    const doc = parseRels(rootRels, '').find((r) => r.type.endsWith('/officeDocument'));
    if (doc) workbookPath = doc.target;
  }
  const workbookXml = partText(workbookPath) ?? (workbookPath !== 'xl/workbook.xml' ? partText('xl/workbook.xml') : null);
  if (workbookXml === null) {
    if (part('xl/workbook.bin')) throw new WorkbookReadError('NOT_A_WORKBOOK', 'xlsb is not supported');
    throw new WorkbookReadError('NOT_A_WORKBOOK', 'no workbook part');
  }
  if (!/<(?:[\w.-]+:)?workbook[\s>]/.test(workbookXml)) throw new WorkbookReadError('NOT_A_WORKBOOK', 'workbook part is not a workbook');
  const baseDir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const rels = parseRels(partText(relsPath) ?? '', baseDir);
  const relById = new Map(rels.map((r) => [r.id, r]));

  const sheetRefs: SheetRef[] = [];
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\s([^>]*?)\/?>/g)) {
    const attrs = parseAttrs(m[1]);
    const rid = Object.entries(attrs).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
    const rel = rid ? relById.get(rid) : undefined;
    sheetRefs.push({ name: attrs.name ?? '', path: rel ? rel.target : null });
  }
  const date1904 = /<(?:[\w.-]+:)?workbookPr\s[^>]*date1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);

  const definedNames: Record<string, string> = {};
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?definedName\s([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?definedName>/g)) {
    const attrs = parseAttrs(m[1]);
    const name = attrs.name;
    if (!name) continue;
    // Workbook-level names win over sheet-scoped ones of the same name.
    if (attrs.localSheetId !== undefined && name in definedNames) continue;
    definedNames[name] = decodeEntities(m[2]).trim();
  }

  const sinks = opts.rowSinks ?? {};
  const wanted = opts.sheets ? new Set([...opts.sheets, ...Object.keys(sinks)]) : null;
  const versionRef = definedNames[TEMPLATE_VERSION_NAME] ? parseCellRef(definedNames[TEMPLATE_VERSION_NAME]) : null;
  const needsVersionSheet = versionRef !== null && sheetRefs.some((s) => s.name === versionRef.sheet);
  const toRead = sheetRefs.filter((s) => !wanted || wanted.has(s.name) || (needsVersionSheet && s.name === versionRef!.sheet));

  const sheets: Record<string, unknown[][]> = {};
  let templateVersion: string | null = null;
  if (toRead.length > 0) {
    const sstRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
    const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
    const sstEntry = part(sstRel?.target ?? `${baseDir}sharedStrings.xml`);
    const stylesEntry = part(stylesRel?.target ?? `${baseDir}styles.xml`);
    const ctx: SheetContext = {
      sst: sstEntry ? parseSharedStrings(readEntry(bytes, sstEntry, opts.inflateRaw)) : [],
      dateStyles: stylesEntry ? dateStyleFlags(textDecoder.decode(readEntry(bytes, stylesEntry, opts.inflateRaw))) : new Uint8Array(0),
      date1904,
      inflateRaw: opts.inflateRaw,
    };
    for (const ref of toRead) {
      const entry = ref.path ? part(ref.path) : undefined;
      const sink = Object.hasOwn(sinks, ref.name) ? sinks[ref.name] : undefined;
      const rows = entry ? readSheet(bytes, entry, ctx, sink) : [];
      if (sink) continue;
      if (!wanted || wanted.has(ref.name)) sheets[ref.name] = rows;
      if (versionRef && ref.name === versionRef.sheet) {
        const v = rows[versionRef.row]?.[versionRef.col];
        if (v !== null && v !== undefined && v !== '') templateVersion = String(v).trim();
      }
    }
  }
  return { sheetNames: sheetRefs.map((s) => s.name), sheets, definedNames, templateVersion };
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

function parseRels(xml: string, baseDir: string): Rel[] {
  const out: Rel[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\s([^>]*?)\/?>/g)) {
    const a = parseAttrs(m[1]);
    if (!a.Id || !a.Target || a.TargetMode === 'External') continue;
    out.push({ id: a.Id, type: a.Type ?? '', target: resolvePartPath(baseDir, a.Target) });
  }
  return out;
}

function resolvePartPath(baseDir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const parts: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function parseAttrs(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = decodeEntities(m[2] ?? m[3]);
  return out;
}

/** "'填表说明'!$B$2" → sheet and 0-based row/col of the (top-left) cell. */
export function parseCellRef(ref: string): { sheet: string; row: number; col: number } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Za-z]{1,3})\$?(\d+)/.exec(ref.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, row: Number(m[4]) - 1, col: columnIndex(m[3]) };
}


// ---------------------------------------------------------------------------------------------------
// Styles: which cell style indexes carry a date format

/** Built-in date/time formats (ECMA-376 18.8.30) plus the CJK locale ones (27–36, 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

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

function dateStyleFlags(xml: string): Uint8Array {
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

// ---------------------------------------------------------------------------------------------------
// Byte-level XML helpers

const LT = 60; // <
const GT = 62; // >
const SLASH = 47;
const AMP = 38;
const UNDERSCORE = 95;
const CR = 13;

function bytesOf(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

function matchAt(b: Uint8Array, i: number, pat: Uint8Array): boolean {
  if (i + pat.length > b.length) return false;
  for (let k = 0; k < pat.length; k++) if (b[i + k] !== pat[k]) return false;
  return true;
}

/** After a tag name: whitespace, '>' or '/' (so `<row` does not match `<rowBreaks`). */
function isNameEnd(c: number): boolean {
  return c === 32 || c === GT || c === SLASH || c === 9 || c === 10 || c === 13;
}

/** Namespace prefix of the document element, e.g. "x:" for files written with a prefixed namespace. */
function rootPrefix(b: Uint8Array): string {
  let i = 0;
  for (;;) {
    i = b.indexOf(LT, i);
    if (i < 0 || i + 1 >= b.length) return '';
    const c = b[i + 1];
    if (c !== 63 && c !== 33) break; // skip <? and <!
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
function decodeText(b: Uint8Array, s: number, e: number): string {
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

// ---------------------------------------------------------------------------------------------------
// Shared strings

function parseSharedStrings(b: Uint8Array): string[] {
  const p = rootPrefix(b);
  const SI = bytesOf(`<${p}si`);
  const SI_END = bytesOf(`</${p}si>`);
  const out: string[] = [];
  let i = 0;
  for (;;) {
    i = b.indexOf(LT, i);
    if (i < 0) break;
    if (matchAt(b, i, SI) && isNameEnd(b[i + SI.length])) {
      const gt = b.indexOf(GT, i);
      if (gt < 0) throw new XmlFormatError('sharedStrings: unterminated <si>');
      if (b[gt - 1] === SLASH) {
        out.push('');
        i = gt + 1;
        continue;
      }
      const end = indexOfSeq(b, SI_END, gt + 1);
      if (end < 0) throw new XmlFormatError('sharedStrings: unterminated <si>');
      out.push(collectText(b, gt + 1, end, p));
      i = end + SI_END.length;
    } else i++;
  }
  return out;
}

function indexOfSeq(b: Uint8Array, pat: Uint8Array, from: number): number {
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
function collectText(b: Uint8Array, s: number, e: number, p: string): string {
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

// ---------------------------------------------------------------------------------------------------
// Sheets

interface SheetContext {
  sst: string[];
  dateStyles: Uint8Array;
  date1904: boolean;
  inflateRaw?: InflateRaw;
}

const MAX_SERIAL = 2958466; // 9999-12-31 + 1

/** Excel date serial → JS Date (UTC midnight for whole serials), as ExcelJS for serials ≥ 61. */
export function serialToDate(serial: number, date1904: boolean): Date {
  // Serials below 61 precede Excel's phantom 1900-02-29 and are one day behind the calendar.
  const days = date1904 ? serial + 1462 : serial < 61 ? serial + 1 : serial;
  return new Date(Math.round((days - 25569) * 86400000));
}

function isoToDate(s: string): Date | string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?/.exec(s);
  if (!m) return s;
  const ms = m[7] ? Math.round(Number(`0.${m[7]}`) * 1000) : 0;
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), ms));
}

const T_NUMBER = 0;
const T_SHARED = 1;
const T_STR = 2;
const T_INLINE = 3;
const T_BOOL = 4;
const T_ERROR = 5;
const T_DATE = 6;

function cellType(b: Uint8Array, s: number, e: number): number {
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

class SheetScanner {
  private readonly rows: unknown[][] = [];
  private count = 0; // 1 + last row index holding a value
  private nextRow = 0; // 0-based, for <row> without r
  private carry: Uint8Array | null = null;
  private done = false;
  private prefix = '';
  private ROW: Uint8Array = EMPTY;
  private ROW_END: Uint8Array = EMPTY;
  private C: Uint8Array = EMPTY;
  private C_END: Uint8Array = EMPTY;
  private V: Uint8Array = EMPTY;
  private IS: Uint8Array = EMPTY;
  private IS_END: Uint8Array = EMPTY;
  private SHEETDATA_END: Uint8Array = EMPTY;
  /** Bytes needed after a '<' to classify it at the top level / inside a row / inside a cell. */
  private needTop = 0;
  private needRow = 0;
  private needCell = 0;
  private started = false;
  /** Sink mode: one row array reused, and Date objects shared per serial (both transient). */
  private readonly scratch: unknown[] = [];
  private readonly dateCache: Map<number, Date> | null;

  constructor(
    private readonly ctx: SheetContext,
    private readonly sink?: RowSink,
  ) {
    this.dateCache = sink ? new Map() : null;
  }

  private setPrefix(p: string) {
    this.started = true;
    this.prefix = p;
    this.ROW = bytesOf(`<${p}row`);
    this.ROW_END = bytesOf(`</${p}row>`);
    this.C = bytesOf(`<${p}c`);
    this.C_END = bytesOf(`</${p}c>`);
    this.V = bytesOf(`<${p}v`);
    this.IS = bytesOf(`<${p}is`);
    this.IS_END = bytesOf(`</${p}is>`);
    this.SHEETDATA_END = bytesOf(`</${p}sheetData`);
    this.needTop = Math.max(this.ROW.length + 1, this.SHEETDATA_END.length);
    this.needRow = Math.max(this.ROW_END.length, this.C.length + 1);
    this.needCell = Math.max(this.C_END.length, this.V.length + 1, this.IS.length + 1);
  }

  push(chunk: Uint8Array, final: boolean): void {
    if (this.done) return;
    if (!this.started) {
      // The document element must be complete before we know its namespace prefix.
      const buf = this.carry ? concat(this.carry, chunk) : chunk;
      this.carry = null;
      if (!final && buf.length < 4096) {
        this.carry = buf.slice();
        return;
      }
      this.setPrefix(rootPrefix(buf));
      this.consume(buf, 0, final);
      return;
    }
    let from = 0;
    if (this.carry) {
      // Finish the carried (incomplete) row with the head of this chunk, copying only that much.
      let cut = chunk.length;
      if (!final) {
        const e = indexOfSeq(chunk, this.ROW_END, 0);
        if (e >= 0) cut = e + this.ROW_END.length;
      }
      const join = concat(this.carry, chunk.subarray(0, cut));
      this.carry = null;
      const used = this.scan(join, 0, final && cut === chunk.length);
      if (used < join.length && !this.done) {
        if (final && cut === chunk.length) throw new XmlFormatError('sheet: truncated XML');
        this.carry = concat(join.subarray(used), chunk.subarray(cut));
        return;
      }
      from = cut;
    }
    this.consume(chunk, from, final);
  }

  private consume(buf: Uint8Array, from: number, final: boolean): void {
    if (this.done || from >= buf.length) return;
    const used = this.scan(buf, from, final);
    if (used < buf.length && !this.done) {
      if (final) throw new XmlFormatError('sheet: truncated XML');
      this.carry = buf.slice(used);
    }
  }

  /** Scans complete rows from `start`; returns how far it got (the start of an incomplete element). */
  private scan(b: Uint8Array, start: number, final: boolean): number {
    const len = b.length;
    let i = start;
    for (;;) {
      const lt = b.indexOf(LT, i);
      if (lt < 0) return len;
      if (lt + this.needTop > len && !final) return lt;
      if (matchAt(b, lt, this.ROW) && isNameEnd(b[lt + this.ROW.length])) {
        const end = this.row(b, lt, final);
        if (end < 0) return lt;
        i = end;
      } else if (matchAt(b, lt, this.SHEETDATA_END)) {
        this.done = true;
        return len;
      } else i = lt + 1;
    }
  }

  /** Parses one <row> starting at `start`; returns the index after it, or -1 if it is incomplete. */
  private row(b: Uint8Array, start: number, final: boolean): number {
    const len = b.length;
    const { sst, dateStyles, date1904 } = this.ctx;
    const needRow = final ? 0 : this.needRow;
    const needCell = final ? 0 : this.needCell;
    const C = this.C;
    const cLen = C.length;
    // <row ... r="N" ...> or <row .../>
    let k = start + this.ROW.length;
    let rowIndex = this.nextRow;
    for (;;) {
      if (k >= len) return -1;
      const ch = b[k];
      if (ch === GT) break;
      if (ch === 114 /* r */ && b[k + 1] === 61 /* = */ && b[k - 1] <= 32) {
        const q = b[k + 2];
        let n = 0;
        k += 3;
        while (k < len && b[k] !== q) n = n * 10 + (b[k++] - 48);
        if (n > 0) rowIndex = n - 1;
      } else if (ch === 34 || ch === 39) {
        // skip other attribute values (they may contain anything but their quote)
        k++;
        while (k < len && b[k] !== ch) k++;
      }
      k++;
    }
    if (b[k - 1] === SLASH) {
      this.nextRow = rowIndex + 1;
      return k + 1;
    }
    k++;
    let values: unknown[] | null = null;
    let nextCol = 0;
    for (;;) {
      while (k < len && b[k] !== LT) k++;
      if (k + needRow > len) return -1;
      if (b[k + 1] === SLASH) {
        if (matchAt(b, k, this.ROW_END)) {
          if (values) {
            if (this.sink) this.sink(rowIndex, values);
            else this.rows[rowIndex] = values;
            if (rowIndex >= this.count) this.count = rowIndex + 1;
          }
          this.nextRow = rowIndex + 1;
          return k + this.ROW_END.length;
        }
      } else if (matchAt(b, k, C) && isNameEnd(b[k + cLen])) {
        // <c r=".." s=".." t="..">
        k += cLen;
        let col = nextCol;
        let style = 0;
        let type = T_NUMBER;
        let selfClosing = false;
        for (;;) {
          if (k >= len) return -1;
          const ch = b[k];
          if (ch === GT) {
            k++;
            break;
          }
          if (ch === SLASH) {
            selfClosing = true;
            k += 2;
            break;
          }
          if (ch <= 32) {
            k++;
            continue;
          }
          const nameStart = k;
          while (k < len && b[k] !== 61 && b[k] > 32) k++;
          const nameLen = k - nameStart;
          while (k < len && b[k] !== 34 && b[k] !== 39) k++;
          const quote = b[k];
          const vs = ++k;
          while (k < len && b[k] !== quote) k++;
          if (k >= len) return -1;
          const ve = k++;
          if (nameLen !== 1) continue;
          const name = b[nameStart];
          if (name === 114 /* r */) {
            let cc = 0;
            for (let j = vs; j < ve; j++) {
              const x = b[j];
              if (x >= 65 && x <= 90) cc = cc * 26 + (x - 64);
              else if (x >= 97 && x <= 122) cc = cc * 26 + (x - 96);
              else break;
            }
            if (cc > 0) col = cc - 1;
          } else if (name === 115 /* s */) {
            let n = 0;
            for (let j = vs; j < ve; j++) n = n * 10 + (b[j] - 48);
            style = n;
          } else if (name === 116 /* t */) type = cellType(b, vs, ve);
        }
        nextCol = col + 1;
        if (selfClosing) continue;
        // Content: <f>…</f>, <v>…</v>, <is>…</is>, then </c>.
        let value: unknown = null;
        for (;;) {
          while (k < len && b[k] !== LT) k++;
          if (k + needCell > len) return -1;
          if (b[k + 1] === SLASH) {
            if (matchAt(b, k, this.C_END)) {
              k += this.C_END.length;
              break;
            }
          } else if (matchAt(b, k, this.V)) {
            const after = b[k + this.V.length];
            if (after === GT || after === 32) {
              while (k < len && b[k] !== GT) k++;
              if (k >= len) return -1;
              if (b[k - 1] === SLASH) {
                k++;
                continue;
              }
              const vs = ++k;
              while (k < len && b[k] !== LT) k++;
              if (k >= len) return -1;
              if (k > vs) value = this.value(b, vs, k, type, style, sst, dateStyles, date1904);
              continue;
            }
          } else if (matchAt(b, k, this.IS) && isNameEnd(b[k + this.IS.length])) {
            const isEnd = indexOfSeq(b, this.IS_END, k);
            if (isEnd < 0) return -1;
            const text = collectText(b, k, isEnd, this.prefix);
            value = text === '' ? null : text;
            k = isEnd + this.IS_END.length;
            continue;
          }
          // Any other tag (<f>, </v>, <extLst>…): step over it.
          while (k < len && b[k] !== GT) k++;
          if (k >= len) return -1;
          k++;
        }
        if (value !== null) {
          if (!values) {
            if (this.sink) {
              values = this.scratch;
              values.length = 0;
            } else values = [];
          }
          const n = values.length;
          if (col === n) values.push(value);
          else if (col > n) {
            for (let j = n; j < col; j++) values.push(null);
            values.push(value);
          } else values[col] = value;
        }
        continue;
      }
      // Some other element inside the row: step over its tag.
      while (k < len && b[k] !== GT) k++;
      if (k >= len) return -1;
      k++;
    }
  }

  private value(
    b: Uint8Array,
    s: number,
    e: number,
    type: number,
    style: number,
    sst: string[],
    dateStyles: Uint8Array,
    date1904: boolean,
  ): unknown {
    switch (type) {
      case T_SHARED: {
        let n = 0;
        for (let k = s; k < e; k++) n = n * 10 + (b[k] - 48);
        const str = sst[n];
        return str === undefined || str === '' ? null : str;
      }
      case T_NUMBER: {
        const n = parseNumberBytes(b, s, e);
        if (n !== n) return decodeText(b, s, e);
        if (style !== 0 && dateStyles[style] === 1 && n >= 0 && n < MAX_SERIAL) {
          const cache = this.dateCache;
          if (!cache) return serialToDate(n, date1904);
          let d = cache.get(n);
          if (d === undefined) {
            if (cache.size >= 65536) cache.clear();
            d = serialToDate(n, date1904);
            cache.set(n, d);
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
        const str = decodeText(b, s, e);
        return str === '' ? null : str;
      }
    }
  }

  finish(): unknown[][] {
    if (this.carry && !this.done) throw new XmlFormatError('sheet: truncated XML');
    const rows = this.rows;
    if (this.sink) return rows;
    rows.length = this.count;
    for (let r = 0; r < rows.length; r++) if (rows[r] === undefined) rows[r] = [];
    return rows;
  }
}

const EMPTY: Uint8Array = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

function readSheet(bytes: Uint8Array, entry: ZipEntry, ctx: SheetContext, sink?: RowSink): unknown[][] {
  const scanner = new SheetScanner(ctx, sink);
  streamEntry(bytes, entry, (chunk, final) => scanner.push(chunk, final), ctx.inflateRaw);
  return scanner.finish();
}
