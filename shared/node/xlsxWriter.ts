// A narrow, fast, streaming .xlsx writer for the desk's large exports (aggregate workbook, notice).
// Why not ExcelJS: its in-memory Workbook keeps a JS object per cell (100,000 rows × 30 columns is
// millions of objects), and even its streaming writer builds a cell model and runs it through its
// generic xform layer. Here each row goes straight to sheet XML text, then through deflate into the
// zip stream, so memory stays flat and the cost is one string build per cell.
//
// Layering: our own sheet-XML emitter + a fixed styles.xml; the zip container is fflate's streaming
// `Zip`; the deflate itself is Node's native zlib (see NativeDeflate): fflate's pure-JS deflate is
// several times slower on 100 MB of XML. Node-only (node:zlib).
//
// Safety: every text cell is an inline string (`t="inlineStr"`), never a formula; text that a
// spreadsheet would take for a formula (leading = + - @, tab or CR) also gets a style with
// `quotePrefix="1"`, Excel's stored apostrophe, so editing the cell does not turn it into one.
import { Zip, ZipPassThrough } from 'fflate';
import { constants as zc, crc32, deflateRawSync } from 'node:zlib';
import { columnLetter } from '../a1';
import { dateToExcelSerial, instantToChinaSerial, isoToSerial } from '../dates';

export type ColumnKind = 'text' | 'integer' | 'number' | 'date' | 'datetime';

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** Width in characters; a default by kind when absent. */
  width?: number;
}

export interface SheetSpec {
  name: string;
  columns: readonly ColumnSpec[];
  /** Header rows frozen at the top (default 1). */
  freezeRows?: number;
  /** Autofilter over the header row and all data rows (default true). */
  autoFilter?: boolean;
}

/**
 * Cell values: text, number, null (empty). For 'date' columns 'YYYY-MM-DD' strings (or Date objects,
 * taken as UTC dates); for 'datetime' columns ISO timestamps or Date objects, shown in China time
 * (UTC+8). A value a date column cannot read is written as text, never dropped.
 */
export type CellValue = string | number | boolean | Date | null | undefined;

export type RowStyle = 'plain' | 'bold';

export interface XlsxWriterOptions {
  /** Deflate level 1-9 (default 3: as fast as 1 on this XML and ~25% smaller; 6 is ~40% slower for ~8% less). */
  level?: number;
  /** Bytes of sheet XML gathered before a chunk is compressed (default 256 KiB). */
  chunkSize?: number;
}

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

// Style indexes into cellXfs (see STYLES_XML). bold = +BOLD_OFFSET.
const S_GENERAL = 0;
const S_TEXT_QUOTED = 1;
const S_INTEGER = 2;
const S_NUMBER = 3;
const S_DATE = 4;
const S_DATETIME = 5;
const S_TEXT = 6;
const BOLD_OFFSET = 7;
const S_HEADER = 14;

const KIND_STYLE: Record<ColumnKind, number> = {
  text: S_TEXT,
  integer: S_INTEGER,
  number: S_NUMBER,
  date: S_DATE,
  datetime: S_DATETIME,
};
const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 14, integer: 10, number: 12, date: 12, datetime: 17 };

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

function escapeXmlAttr(s: string): string {
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
function truncate(s: string): string {
  let cut = MAX_CELL_CHARS - 1;
  const c = s.charCodeAt(cut - 1);
  if (c >= 0xd800 && c <= 0xdbff) cut--; // never split a surrogate pair
  return s.slice(0, cut) + '…';
}

/** 'YYYY-MM-DD' → Excel date serial, or null. */
export const dateSerial: (s: string) => number | null = (s) => isoToSerial(s);

/** Instant → Excel serial of its China wall-clock time, or null. */
export const dateTimeSerial: (v: string | Date) => number | null = instantToChinaSerial;

const STYLES_XML =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="${MAIN_NS}">` +
  `<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>` +
  `<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>` +
  `<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>` +
  `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
  `<border><left style="thin"><color rgb="FFB4C6E7"/></left><right style="thin"><color rgb="FFB4C6E7"/></right><top style="thin"><color rgb="FFB4C6E7"/></top><bottom style="thin"><color rgb="FFB4C6E7"/></bottom><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="15">` +
  [0, 1]
    .map((font) => {
      const f = font === 1 ? ' applyFont="1"' : '';
      return (
        `<xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0"${f}/>` +
        `<xf numFmtId="49" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"${f}/>` +
        `<xf numFmtId="1" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>` +
        `<xf numFmtId="4" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>` +
        `<xf numFmtId="164" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>` +
        `<xf numFmtId="165" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>` +
        `<xf numFmtId="49" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>`
      );
    })
    .join('') +
  `<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1" quotePrefix="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
  `</cellXfs>` +
  `<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;

const enc = new TextEncoder();

/**
 * Raw-deflate member stream for fflate's Zip using node:zlib. Each chunk is deflated on its own and
 * ended with a sync flush (an empty stored block, no final bit), so the concatenation is one valid
 * deflate stream; a final empty block closes it. Chunks are ≥ 256 KiB, so losing the dictionary
 * between chunks costs well under 1% in size.
 */
class NativeDeflate extends ZipPassThrough {
  private readonly level: number;
  constructor(filename: string, level: number) {
    super(filename);
    this.compression = 8;
    this.level = level;
  }
  private crcAcc = 0;
  // Replaces ZipPassThrough.push to use zlib's native CRC-32 (fflate's is pure JS).
  override push(chunk: Uint8Array, final = false): void {
    this.crcAcc = crc32(chunk, this.crcAcc);
    this.size += chunk.length;
    if (final) this.crc = this.crcAcc >>> 0;
    this.process(chunk as Uint8Array<ArrayBuffer>, final);
  }
  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    let out: Uint8Array;
    if (chunk.length > 0) {
      const body: Uint8Array = deflateRawSync(chunk, { level: this.level, finishFlush: zc.Z_SYNC_FLUSH });
      if (final) {
        out = new Uint8Array(body.length + 2);
        out.set(body, 0);
        out[body.length] = 0x03; // final fixed-Huffman block with no data
        out[body.length + 1] = 0x00;
      } else out = body;
    } else out = final ? new Uint8Array([0x03, 0x00]) : new Uint8Array(0);
    this.ondata(null, out as Uint8Array<ArrayBuffer>, final);
  }
}

type Member = { push(chunk: Uint8Array, final?: boolean): void };

/** One worksheet being written; rows go out in order. Get it from XlsxStreamWriter.addSheet. */
export class SheetStream {
  // Rows are encoded straight into this reusable byte buffer: each row's XML string dies young (cheap
  // scavenge) instead of being kept in a long string until a chunk is full (promoted, old-space garbage).
  private bytes: Uint8Array;
  private pos = 0;
  private rowNo = 0;
  private ended = false;
  private readonly letters: string[];
  private readonly styles: number[];
  readonly spec: SheetSpec;

  private member: Member | null = null;

  constructor(
    spec: SheetSpec,
    private readonly openMember: () => Member,
    private readonly chunkSize: number,
    private readonly onEnd: (lastRow: number) => void,
    first: boolean,
  ) {
    this.spec = spec;
    this.letters = spec.columns.map((_, i) => columnLetter(i));
    this.styles = spec.columns.map((c) => KIND_STYLE[c.kind]);
    const freeze = spec.freezeRows ?? 1;
    let head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`;
    head += `<sheetViews><sheetView workbookViewId="0"${first ? ' tabSelected="1"' : ''}>`;
    if (freeze > 0)
      head += `<pane ySplit="${freeze}" topLeftCell="A${freeze + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A${freeze + 1}" sqref="A${freeze + 1}"/>`;
    head += `</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>`;
    if (spec.columns.length > 0) {
      head += '<cols>';
      spec.columns.forEach((c, i) => {
        head += `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? Math.max(DEFAULT_WIDTH[c.kind], Math.min(40, c.header.length * 2 + 2))}" customWidth="1"/>`;
      });
      head += '</cols>';
    }
    head += '<sheetData>';
    this.bytes = new Uint8Array(chunkSize + 64 * 1024);
    this.write(head);
    // header row
    this.rowNo = 1;
    let r = `<row r="1">`;
    spec.columns.forEach((c, i) => {
      r += `<c r="${this.letters[i]}1" s="${S_HEADER}" t="inlineStr"><is><t>${escapeXmlText(c.header)}</t></is></c>`;
    });
    this.write(r + '</row>');
  }

  /** Number of the last row written (1 = the header). */
  get lastRow(): number {
    return this.rowNo;
  }

  row(values: readonly CellValue[], style: RowStyle = 'plain'): void {
    if (this.ended) throw new Error(`sheet ${this.spec.name} already ended`);
    const r = ++this.rowNo;
    const bold = style === 'bold' ? BOLD_OFFSET : 0;
    let x = `<row r="${r}">`;
    const n = Math.min(values.length, this.letters.length);
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v === null || v === undefined || v === '') continue;
      const ref = this.letters[i] + r;
      const kind = this.spec.columns[i].kind;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) x += `<c r="${ref}" s="${(kind === 'text' ? S_GENERAL : this.styles[i]) + bold}"><v>${v}</v></c>`;
        continue;
      }
      if (typeof v === 'boolean') {
        x += `<c r="${ref}" s="${S_GENERAL + bold}" t="b"><v>${v ? 1 : 0}</v></c>`;
        continue;
      }
      if (kind === 'date' || kind === 'datetime') {
        const serial =
          kind === 'date'
            ? v instanceof Date
              ? dateToExcelSerial(new Date(Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate())))
              : dateSerial(v)
            : dateTimeSerial(v);
        if (serial !== null) {
          x += `<c r="${ref}" s="${this.styles[i] + bold}"><v>${serial}</v></c>`;
          continue;
        }
      }
      let s = v instanceof Date ? v.toISOString() : v;
      if (s.length > MAX_CELL_CHARS) s = truncate(s);
      const st = (looksLikeFormula(s) ? S_TEXT_QUOTED : S_TEXT) + bold;
      const t = escapeXmlText(s);
      const c0 = s.charCodeAt(0);
      const cl = s.charCodeAt(s.length - 1);
      const preserve = c0 <= 32 || cl <= 32 || s.includes('\n') || s.includes('\t');
      x += preserve
        ? `<c r="${ref}" s="${st}" t="inlineStr"><is><t xml:space="preserve">${t}</t></is></c>`
        : `<c r="${ref}" s="${st}" t="inlineStr"><is><t>${t}</t></is></c>`;
    }
    this.write(x + '</row>');
  }

  private write(s: string): void {
    // UTF-8 needs at most 3 bytes per UTF-16 unit.
    if (this.pos + s.length * 3 > this.bytes.length) {
      if (this.pos > 0) this.flush(false);
      if (s.length * 3 > this.bytes.length) this.bytes = new Uint8Array(s.length * 3);
    }
    this.pos += enc.encodeInto(s, this.bytes.subarray(this.pos)).written;
    if (this.pos >= this.chunkSize) this.flush(false);
  }

  private flush(final: boolean): void {
    // The zip member is opened on the first flush, so a sheet that is filled last (a summary shown
    // first) does not hold back the sheets streamed before it; zip order need not match sheet order.
    this.member ??= this.openMember();
    // NativeDeflate consumes the bytes synchronously, so the buffer can be reused at once.
    this.member.push(this.bytes.subarray(0, this.pos), final);
    this.pos = 0;
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    let tail = '</sheetData>';
    const cols = this.spec.columns.length;
    if ((this.spec.autoFilter ?? true) && cols > 0) tail += `<autoFilter ref="A1:${this.letters[cols - 1]}${this.rowNo}"/>`;
    tail += `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
    this.write(tail);
    this.flush(true);
    this.bytes = new Uint8Array(0);
    this.onEnd(this.rowNo);
  }
}

/**
 * Streaming workbook writer: add sheets, write rows, `finish()` (ends open sheets, writes the workbook
 * parts and ends the zip). Output goes to `sink` as it is produced.
 */
export class XlsxStreamWriter {
  private readonly zip: Zip;
  private readonly sheets: { name: string; cols: number; lastRow: number; autoFilter: boolean }[] = [];
  private readonly open: SheetStream[] = [];
  private finished = false;
  private error: Error | null = null;
  private readonly level: number;
  private readonly chunkSize: number;

  constructor(sink: (chunk: Uint8Array, final: boolean) => void, opts: XlsxWriterOptions = {}) {
    this.level = opts.level ?? 3;
    this.chunkSize = opts.chunkSize ?? 256 * 1024;
    this.zip = new Zip((err, data, final) => {
      if (err) {
        this.error = err;
        return;
      }
      sink(data, final);
    });
  }

  private member(filename: string): Member {
    const m = new NativeDeflate(filename, this.level);
    this.zip.add(m);
    return m;
  }

  private addPart(filename: string, xml: string): void {
    this.member(filename).push(enc.encode(xml), true);
  }

  /**
   * Adds a sheet (workbook order = call order). Several sheets may be open at once: each is its own
   * zip member, and fflate's Zip queues a member's compressed output until the members opened before
   * it are complete, so only compressed bytes wait in memory.
   */
  addSheet(spec: SheetSpec): SheetStream {
    if (this.finished) throw new Error('workbook already finished');
    const name = safeSheetName(spec.name);
    if (this.sheets.some((s) => s.name === name)) throw new Error(`duplicate sheet name ${name}`);
    const idx = this.sheets.length;
    const entry = { name, cols: spec.columns.length, lastRow: 1, autoFilter: spec.autoFilter ?? true };
    this.sheets.push(entry);
    const stream = new SheetStream(
      { ...spec, name },
      () => this.member(`xl/worksheets/sheet${idx + 1}.xml`),
      this.chunkSize,
      (lastRow) => {
        entry.lastRow = lastRow;
      },
      idx === 0,
    );
    this.open.push(stream);
    return stream;
  }

  finish(): void {
    if (this.finished) return;
    for (const s of this.open) s.end();
    this.finished = true;
    if (this.sheets.length === 0) throw new Error('a workbook needs at least one sheet');
    const n = this.sheets.length;
    let sheetsXml = '';
    let defined = '';
    this.sheets.forEach((s, i) => {
      sheetsXml += `<sheet name="${escapeXmlAttr(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`;
      if (s.autoFilter && s.cols > 0) {
        const quoted = `'${s.name.replace(/'/g, "''")}'`;
        defined += `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXmlText(quoted)}!$A$1:$${columnLetter(s.cols - 1)}$${s.lastRow}</definedName>`;
      }
    });
    this.addPart(
      'xl/workbook.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
        `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetsXml}</sheets>` +
        (defined ? `<definedNames>${defined}</definedNames>` : '') +
        `<calcPr calcId="191029"/></workbook>`,
    );
    let rels = '';
    for (let i = 0; i < n; i++) rels += `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`;
    rels += `<Relationship Id="rId${n + 1}" Type="${REL_NS}/styles" Target="styles.xml"/>`;
    this.addPart(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">${rels}</Relationships>`,
    );
    this.addPart('xl/styles.xml', STYLES_XML);
    let overrides = `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`;
    overrides += `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>`;
    for (let i = 0; i < n; i++)
      overrides += `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`;
    overrides += `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>`;
    overrides += `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`;
    this.addPart(
      '[Content_Types].xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`,
    );
    this.addPart(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${PKG_REL_NS}">` +
        `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
        `<Relationship Id="rId3" Type="${REL_NS}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
    );
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.addPart(
      'docProps/core.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
        `<dc:creator>台账通</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${now}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${now}</dcterms:modified></cp:coreProperties>`,
    );
    this.addPart(
      'docProps/app.xml',
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>台账通</Application></Properties>`,
    );
    this.zip.end();
    if (this.error) throw this.error;
  }
}

/** Collects a whole workbook in memory (tests, small exports). */
export function collectXlsx(build: (w: XlsxStreamWriter) => void, opts?: XlsxWriterOptions): Uint8Array {
  const parts: Uint8Array[] = [];
  const w = new XlsxStreamWriter((chunk) => parts.push(chunk), opts);
  build(w);
  w.finish();
  return joinChunks(parts);
}

/** Collects a whole workbook whose builder awaits its input (rows streamed from storage), as one buffer. */
export async function collectXlsxAsync<T>(
  build: (w: XlsxStreamWriter) => Promise<T>,
  opts?: XlsxWriterOptions,
): Promise<{ bytes: Uint8Array; value: T }> {
  const parts: Uint8Array[] = [];
  const w = new XlsxStreamWriter((chunk) => parts.push(chunk), opts);
  const value = await build(w);
  w.finish();
  return { bytes: joinChunks(parts), value };
}

function joinChunks(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}
