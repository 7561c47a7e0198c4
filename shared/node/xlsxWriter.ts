// A narrow, fast, streaming .xlsx writer for the desk's large exports (aggregate workbook, notice).
// Why not ExcelJS: its in-memory Workbook keeps a JS object per cell (100,000 rows × 30 columns is
// millions of objects), and even its streaming writer builds a cell model and runs it through its
// generic xform layer. Here each row goes straight to sheet XML text, then through deflate into the
// zip stream, so memory stays flat and the cost is one string build per cell.
//
// Layering: this file writes the workbook parts; the row writer is writer/sheet.ts, cell text rules
// writer/cells.ts, the fixed styles.xml writer/styles.ts; the zip container is fflate's streaming `Zip`,
// its deflate Node's native zlib (writer/deflate.ts). Node-only (node:zlib).
//
// Safety: every text cell is an inline string (`t="inlineStr"`), never a formula; text that a
// spreadsheet would take for a formula (leading = + - @, tab or CR) also gets a style with
// `quotePrefix="1"`, Excel's stored apostrophe, so editing the cell does not turn it into one.
import { Zip } from 'fflate';
import { columnLetter } from '../a1';
import { escapeXmlAttr, escapeXmlText, safeSheetName } from './writer/cells';
import { NativeDeflate, type Member } from './writer/deflate';
import { SheetStream } from './writer/sheet';
import { MAIN_NS, PKG_REL_NS, REL_NS, STYLES_XML } from './writer/styles';
import type { SheetSpec, XlsxWriterOptions } from './writer/types';

export type { CellValue, ColumnKind, ColumnSpec, RowStyle, SheetSpec, XlsxWriterOptions } from './writer/types';
export { dateSerial, dateTimeSerial, escapeXmlText, looksLikeFormula, MAX_CELL_CHARS, safeSheetName } from './writer/cells';
export { SheetStream } from './writer/sheet';

const enc = new TextEncoder();

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
