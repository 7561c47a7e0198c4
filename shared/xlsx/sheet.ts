// The sheet scanner: walks a worksheet's XML bytes (one buffer, or chunk by chunk when a huge part
// streams), so a 100 MB sheet never becomes one JS string, and turns each <row> into an array of values
// (or hands it to a RowSink). Cell values themselves: ./cellValue.ts.
import { XmlFormatError } from './errors';
import { checkedText, LimitExceededError, MAX_COLUMNS, MAX_ROW_XML_BYTES, MAX_ROWS, MAX_STRING_XML_BYTES, type ReadBudget } from './limits';
import { bytesOf, collectText, concat, EMPTY, GT, indexOfSeq, isNameEnd, LT, matchAt, rootPrefix, SLASH } from './xml';
import { streamEntry, type InflateJob, type InflateRaw, type ZipEntry } from './zip';
import { cellType, cellValue, T_NUMBER, type ValueContext } from './cellValue';

/**
 * Receives one row with a value: 0-based worksheet row index and its values (column 0 = A). The array
 * and its Date objects are reused between calls: copy what you keep.
 */
export type RowSink = (rowIndex: number, values: unknown[]) => void;

export interface SheetContext extends ValueContext {
  inflateRaw?: InflateRaw;
  /** Parts larger than this stream through fflate in chunks (see WHOLE_ENTRY_LIMIT in ./zip.ts). */
  wholeEntryLimit?: number;
  budget: ReadBudget;
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
        checkCarry(this.carry);
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
      checkCarry(this.carry);
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
    if (rowIndex >= MAX_ROWS) throw new LimitExceededError(`row ${rowIndex + 1} is past Excel's ${MAX_ROWS} rows`);
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
            this.ctx.budget.addCellSlots(values.length);
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
        if (col >= MAX_COLUMNS) throw new LimitExceededError(`column ${col + 1} is past Excel's ${MAX_COLUMNS} columns`);
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
              if (k - vs > MAX_STRING_XML_BYTES) throw new LimitExceededError(`a cell value of ${k - vs} bytes`);
              if (k > vs) value = cellValue(b, vs, k, type, style, this.ctx, this.dateCache);
              continue;
            }
          } else if (matchAt(b, k, this.IS) && isNameEnd(b[k + this.IS.length])) {
            const isEnd = indexOfSeq(b, this.IS_END, k);
            if (isEnd < 0) return -1;
            if (isEnd - k > MAX_STRING_XML_BYTES) throw new LimitExceededError(`an inline string of ${isEnd - k} bytes`);
            const text = checkedText(collectText(b, k, isEnd, this.prefix));
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

  finish(): unknown[][] {
    if (this.carry && !this.done) throw new XmlFormatError('sheet: truncated XML');
    const rows = this.rows;
    if (this.sink) return rows;
    this.ctx.budget.addCellSlots(this.count);
    rows.length = this.count;
    for (let r = 0; r < rows.length; r++) if (rows[r] === undefined) rows[r] = [];
    return rows;
  }
}

/** Reads one worksheet; `job` is its inflation already under way in the background, if it was started. */
export function readSheet(bytes: Uint8Array, entry: ZipEntry, ctx: SheetContext, sink?: RowSink, job?: InflateJob | null): unknown[][] {
  const scanner = new SheetScanner(ctx, sink);
  if (job) {
    job.drain((chunk, final) => {
      ctx.budget.addInflated(chunk.length);
      scanner.push(chunk, final);
    });
  } else {
    streamEntry(bytes, entry, ctx.budget, (chunk, final) => scanner.push(chunk, final), ctx.inflateRaw, ctx.wholeEntryLimit);
  }
  return scanner.finish();
}

/** An incomplete row carried to the next chunk: past the limit it is no row a person wrote. */
function checkCarry(carry: Uint8Array): void {
  if (carry.length > MAX_ROW_XML_BYTES) throw new LimitExceededError(`a row of more than ${MAX_ROW_XML_BYTES} bytes of XML`);
}
