// A fast, narrow .xlsx reader for Node and browsers (no Node imports). fflate unzips (whole parts, streaming
// past WHOLE_ENTRY_LIMIT; Node callers may pass node:zlib via opts.inflateRaw, see ../node/inflate.ts); the
// sheet XML is scanned at byte level, so a 100 MB sheet never becomes one JS string, and text is decoded only for
// the values themselves. It reads what a ledger needs — values, shared/inline strings, dates by number
// format, cached formula results, error texts, defined names — and nothing else (no styles beyond
// date detection, no formulas, no drawings). Row sinks let a caller consume a sheet row by row (see
// shared/ledger/fromXlsx.ts), so raw cells never accumulate.
import { TEMPLATE_VERSION_NAME } from '../template/definition';
import { sniffFile } from './detect';
import { WorkbookReadError, XmlFormatError } from './errors';
import { LimitExceededError, ReadBudget } from './limits';
import { parseCellRef, readPackage, readTextPart, type SheetRef, type WorkbookPackage } from './package';
import { parseSharedStrings } from './sharedStrings';
import { readSheet, type RowSink, type SheetContext } from './sheet';
import { dateStyleFlags } from './styles';
import { readEntry, startBackgroundInflate, ZipFormatError, type InflateInBackground, type InflateJob, type InflateRaw } from './zip';

export { WorkbookReadError, WORKBOOK_READ_ERROR_MESSAGES, type WorkbookReadErrorCode } from './errors';
export { isDateFormatCode } from './styles';
export type { RowSink } from './sheet';

export interface ReadWorkbookOptions {
  /** Sheets to return (by name); all sheets when omitted. Unknown names are ignored. */
  sheets?: readonly string[];
  /**
   * Stream these sheets' rows to a callback instead of returning them (they are then absent from
   * `sheets`): a large roster need not exist twice in memory, raw and parsed. Rows arrive in file order.
   */
  rowSinks?: Record<string, RowSink>;
  /** A faster raw-DEFLATE decoder where one exists (Node: see ../node/inflate.ts). Default: fflate, streaming. */
  inflateRaw?: InflateRaw;
  /**
   * Node: inflate the large sheets that go to a row sink on another thread, started before the shared
   * strings are parsed, while this thread scans (see ../node/backgroundInflate.ts).
   */
  inflateInBackground?: InflateInBackground;
  /**
   * Parts that inflate to more than this many bytes stream through fflate in chunks (bounded memory);
   * smaller ones inflate whole, which is faster. Default WHOLE_ENTRY_LIMIT; tests pass 0 to stream.
   */
  wholeEntryLimit?: number;
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
    if (err instanceof LimitExceededError) throw new WorkbookReadError('WORKBOOK_TOO_LARGE', err.message);
    if (err instanceof ZipFormatError || err instanceof XmlFormatError) throw new WorkbookReadError('CORRUPT_WORKBOOK', err.message);
    throw new WorkbookReadError('CORRUPT_WORKBOOK', err instanceof Error ? err.message : String(err));
  }
}

/** Sheet names only (cheap: reads workbook.xml). Throws WorkbookReadError like readWorkbook. */
export function peekSheetNames(bytes: Uint8Array): string[] {
  return readWorkbook(bytes, { sheets: [] }).sheetNames;
}

function readZipWorkbook(bytes: Uint8Array, opts: ReadWorkbookOptions): WorkbookData {
  const budget = new ReadBudget();
  const pkg = readPackage(bytes, budget, opts.inflateRaw);
  const { sheetRefs, definedNames, date1904 } = pkg;

  const sinks = opts.rowSinks ?? {};
  const wanted = opts.sheets ? new Set([...opts.sheets, ...Object.keys(sinks)]) : null;
  const versionRef = definedNames[TEMPLATE_VERSION_NAME] ? parseCellRef(definedNames[TEMPLATE_VERSION_NAME]) : null;
  const needsVersionSheet = versionRef !== null && sheetRefs.some((s) => s.name === versionRef.sheet);
  const toRead = sheetRefs.filter((s) => !wanted || wanted.has(s.name) || (needsVersionSheet && s.name === versionRef!.sheet));

  const sheets: Record<string, unknown[][]> = {};
  let templateVersion: string | null = null;
  if (toRead.length > 0) {
    // Large sheets bound for a row sink start inflating in the background first, if the caller can.
    const jobs = opts.inflateInBackground
      ? startSinkJobs(bytes, pkg, toRead, sinks, budget, opts.inflateInBackground, opts.wholeEntryLimit)
      : null;
    try {
      const sstEntry = pkg.sharedStrings;
      const stylesEntry = pkg.styles;
      const ctx: SheetContext = {
        sst: sstEntry ? parseSharedStrings(readEntry(bytes, sstEntry, budget, opts.inflateRaw)) : [],
        dateStyles: stylesEntry ? dateStyleFlags(readTextPart(bytes, stylesEntry, budget, opts.inflateRaw)) : new Uint8Array(0),
        date1904,
        inflateRaw: opts.inflateRaw,
        wholeEntryLimit: opts.wholeEntryLimit,
        budget,
      };
      for (const ref of toRead) {
        const entry = ref.path ? pkg.part(ref.path) : undefined;
        const sink = Object.hasOwn(sinks, ref.name) ? sinks[ref.name] : undefined;
        const rows = entry ? readSheet(bytes, entry, ctx, sink, jobs?.get(ref.name)) : [];
        if (sink) continue;
        if (!wanted || wanted.has(ref.name)) sheets[ref.name] = rows;
        if (versionRef && ref.name === versionRef.sheet) {
          const v = rows[versionRef.row]?.[versionRef.col];
          if (v !== null && v !== undefined && v !== '') templateVersion = String(v).trim();
        }
      }
    } finally {
      for (const job of jobs?.values() ?? []) job.cancel();
    }
  }
  return { sheetNames: sheetRefs.map((s) => s.name), sheets, definedNames, templateVersion };
}

function startSinkJobs(
  bytes: Uint8Array,
  pkg: WorkbookPackage,
  toRead: readonly SheetRef[],
  sinks: Record<string, RowSink>,
  budget: ReadBudget,
  start: InflateInBackground,
  wholeEntryLimit?: number,
): Map<string, InflateJob> {
  const jobs = new Map<string, InflateJob>();
  try {
    for (const ref of toRead) {
      const entry = ref.path && Object.hasOwn(sinks, ref.name) ? pkg.part(ref.path) : undefined;
      const job = entry ? startBackgroundInflate(bytes, entry, budget, start, wholeEntryLimit) : null;
      if (job) jobs.set(ref.name, job);
    }
  } catch (e) {
    for (const job of jobs.values()) job.cancel(); // a later sheet over the limits: stop the earlier ones
    throw e;
  }
  return jobs;
}
