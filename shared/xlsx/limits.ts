// Limits on hostile workbooks (spec api.md "Limits on hostile input"), all in one place. They are checked
// before a part is inflated (its declared size and ratio) and while it is inflated and scanned, never
// after inflating it all, so a zip bomb costs a directory read (bench/bomb.ts).
//
// Chosen so that an honest 200,000-row ledger passes with room to spare. Measured on such ledgers
// (scripts/sampleLedgers.ts rows; tests/cli/limits.test.ts reads one through the CLI):
//   ExcelJS streaming writer, shared strings:   roster sheet 146 MB inflated, ratio 6.0; sharedStrings 7 MB, 6.3
//   our streaming writer (inline strings):      roster sheet 232 MB inflated, ratio 8.6
//   LibreOffice 7.4 re-save of the ExcelJS file: roster sheet 185 MB inflated, ratio 9.5; sharedStrings 14 MB, 16.4
// Excel and WPS write one <c r=".." s=".." t="s"><v>..</v></c> per cell: ~42 bytes × 30 columns ≈ 1.3 KB a
// row, so about 260–300 MB for 200,000 rows (no Excel or WPS on this machine: estimated, not measured).
// A deflate stream can reach ~1,032:1; honest sheet XML stays near 10:1 (row and cell numbers never
// repeat), so a ceiling of 100:1 is ten times what we see and still refuses every bomb worth building
// (a 1 MB file can then inflate to 100 MB at most).

/** Excel's sheet size (ECMA-376; Excel, WPS and LibreOffice all stop here). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

/** More zip entries than any workbook a person made (a ledger has ~10; 1,000 sheets with media < 10,000). */
export const MAX_ZIP_ENTRIES = 10_000;

/** Inflated bytes of any one part we read: ~2× the largest honest 200,000-row roster (≈ 300 MB). */
export const MAX_PART_BYTES = 512 * 1024 * 1024;

/** Inflated bytes of all parts read for one workbook (roster + unit sheet + strings + styles + …). */
export const MAX_TOTAL_BYTES = 768 * 1024 * 1024;

/** Compression ratio ceiling (inflated / compressed) for parts large enough to matter. */
export const MAX_RATIO = 100;
export const RATIO_CHECKED_FROM_BYTES = 8 * 1024 * 1024;

/**
 * Shared strings: at most one per cell a ledger can hold. 200,000 rows × ~15 free-text columns is 3 M
 * unique strings at the very most; each costs a JS string, so the table is also a memory bound.
 */
export const MAX_SHARED_STRINGS = 4_194_304;

/** Excel's limit on the text of one cell; Excel itself refuses (repairs) a file with longer text. */
export const MAX_STRING_CHARS = 32_767;

/** Raw XML of one string before it is decoded (entities can take 10 bytes a character). */
export const MAX_STRING_XML_BYTES = 1024 * 1024;

/**
 * XML of one <row>: 30 columns of Excel's longest Chinese text is ~3 MB. A row split across inflate
 * chunks (the fflate path) is carried and re-scanned with each chunk, so this also bounds that work.
 */
export const MAX_ROW_XML_BYTES = 4 * 1024 * 1024;

/**
 * Cell slots the scanner fills (values plus the empty slots before a value further right), per workbook:
 * 200,000 rows × 30 columns is 6 M, and a note far out in column BH on every row 12 M. Without it one
 * cell at XFD in each of a million rows would be 17 G slots from a 2 MB file; with it, 16 M at most.
 */
export const MAX_CELL_SLOTS = 1 << 24;

/** Thrown by the zip and XML layers when a limit is passed; readWorkbook maps it to WORKBOOK_TOO_LARGE. */
export class LimitExceededError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'LimitExceededError';
  }
}

/** A decoded cell or shared-string text, refused past Excel's length. */
export function checkedText(s: string): string {
  if (s.length > MAX_STRING_CHARS) throw new LimitExceededError(`a text of ${s.length} characters (Excel's limit ${MAX_STRING_CHARS})`);
  return s;
}

/** Running totals for one workbook read (inflated bytes, cell slots). */
export class ReadBudget {
  inflated = 0;
  cellSlots = 0;

  /** Before inflating a part: its declared size and ratio, and what is left of the total. */
  checkPart(name: string, size: number, compressedSize: number): void {
    if (size > MAX_PART_BYTES) throw new LimitExceededError(`${name}: inflates to ${size} bytes (limit ${MAX_PART_BYTES})`);
    if (size >= RATIO_CHECKED_FROM_BYTES && size > MAX_RATIO * Math.max(1, compressedSize)) {
      throw new LimitExceededError(`${name}: compression ratio ${Math.round(size / Math.max(1, compressedSize))}:1 (limit ${MAX_RATIO}:1)`);
    }
    if (this.inflated + size > MAX_TOTAL_BYTES) throw new LimitExceededError(`${name}: workbook inflates past ${MAX_TOTAL_BYTES} bytes`);
  }

  /** While inflating: counts bytes actually produced. */
  addInflated(n: number): void {
    this.inflated += n;
    if (this.inflated > MAX_TOTAL_BYTES) throw new LimitExceededError(`workbook inflates past ${MAX_TOTAL_BYTES} bytes`);
  }

  addCellSlots(n: number): void {
    this.cellSlots += n;
    if (this.cellSlots > MAX_CELL_SLOTS) throw new LimitExceededError(`more than ${MAX_CELL_SLOTS} cell slots`);
  }
}
