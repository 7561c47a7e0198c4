// The row writer: one worksheet's XML, row by row, encoded into a reusable byte buffer and handed to
// its zip member in chunks.
import { columnLetter } from '../../a1';
import { dateToExcelSerial } from '../../dates';
import { dateSerial, dateTimeSerial, escapeXmlText, looksLikeFormula, MAX_CELL_CHARS, truncate } from './cells';
import type { Member } from './deflate';
import { BOLD_OFFSET, DEFAULT_WIDTH, KIND_STYLE, MAIN_NS, REL_NS, S_GENERAL, S_HEADER, S_TEXT, S_TEXT_QUOTED } from './styles';
import type { CellValue, RowStyle, SheetSpec } from './types';

const enc = new TextEncoder();

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
