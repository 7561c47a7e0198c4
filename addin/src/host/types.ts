// The host seam: everything the pane needs from a spreadsheet program, in one interface. Screens
// (addin/src/ui, addin/src/desk), live checking (addin/src/live) and the API client are shared; only the
// host differs:
//   - Excel (office-js)          addin/src/host/excel.ts wraps addin/src/excel/*
//   - WPS (ET object model)      to be written behind the same interface (issue 14)
//   - a file in a browser        the 网页版 (web.html): no live sheet, so it implements LedgerSession
//                                (below) directly, checking the chosen file in a Web Worker.
//
// How to implement a spreadsheet host (Excel, WPS):
//   `run(fn)` gives `fn` a SheetOps bound to one batch (Excel: one Excel.run context, so queued reads
//   share syncs; WPS: direct calls on Application.ActiveWorkbook, where every call is synchronous).
//   Row and column numbers are 1-based worksheet numbers unless said otherwise; values are what the
//   cell holds (Excel: range.values; WPS/ET: Range.Value2 — numbers, strings, booleans, '' or null for
//   empty; dates as serial numbers are fine, the shared parser converts them).
//   Marks must sit on top of the user's formatting and be removable without a trace (Excel: a custom
//   conditional format per severity; WPS: FormatConditions, or Interior plus a saved copy of the old
//   fill). Each applied mark has an id the host can later delete it by.
//   Errors are thrown as they come; `describeError` turns them into one short Chinese sentence.
import type { ProgressRow } from '../../../shared/api/contract';
import type { CheckResult, Issue, Ledger } from '../../../shared/ledger/schema';
import type { Severity } from '../../../shared/rules/catalogue';

/** What a workbook holds that the pane cares about (read at every full check). */
export interface WorkbookProbe {
  sheetNames: string[];
  /** Host-specific sheet ids by name (Excel: worksheet id), for hosts whose events report ids. */
  sheetIds: Record<string, string>;
  hasUnitSheet: boolean;
  hasRosterSheet: boolean;
  /** Value of the cell named taizhang.templateVersion, null when the name is absent. */
  templateVersion: string | null;
}

/** The two ledger sheets as 2-D arrays from A1 (row 0 = worksheet row 1), for the shared parser. */
export interface SheetsRead {
  sheets: Record<string, unknown[][]>;
  /** Width read from the roster (columns A..), for later row reads. */
  rosterWidth: number;
  /** Round trips to the host (Excel syncs), for tests and the benchmark; 0 where it means nothing. */
  syncs: number;
}

/** An edit or paste on a watched sheet (Excel: onChanged; WPS: Workbook SheetChange). */
export interface SheetChange {
  sheet: string;
  /** A1 address of the changed area(s), comma-separated, without the sheet name. */
  address: string;
  /** 'RangeEdited' for a value change; anything else (rows inserted, deleted, sorted) forces a full re-read. */
  changeType: string;
}

/** A block of marks: one severity on a set of cells of one sheet. */
export interface MarkChunk {
  sheet: string;
  severity: Severity;
  /** Comma-separated A1 areas. */
  address: string;
}
export interface AppliedMark extends MarkChunk {
  /** The host's handle to remove it again (Excel, WPS: the unique tag in its conditional format's formula). */
  id: string;
}

/** Changed rows read back for the incremental check. */
export interface ChangedRead {
  /** The unit sheet's A:B values when asked for, else null. */
  unit: unknown[][] | null;
  /** Per requested block, its rows' values (columns A.. width). */
  blocks: { firstRow: number; values: unknown[][] }[];
}

/** The operations of one batch against the open workbook. */
export interface SheetOps {
  probe(): Promise<WorkbookProbe>;
  /** Both ledger sheets that exist (`present`) in full. */
  readLedgerSheets(present: { unit: boolean; roster: boolean }): Promise<SheetsRead>;
  /** Only what an edit touched: roster row blocks (1-based, inclusive) and optionally the unit sheet; one round trip. */
  readChanged(blocks: { firstRow: number; lastRow: number }[], width: number, unit: boolean): Promise<ChangedRead>;
  /** Marks an earlier session left in the workbook (saved with it), so they can be replaced. */
  findOwnMarks(sheetNames: string[]): Promise<{ sheet: string; id: string }[]>;
  /** Removes `remove`, adds `add`, with the host's change events off meanwhile; returns the added marks. */
  applyMarks(remove: AppliedMark[], add: MarkChunk[]): Promise<AppliedMark[]>;
  /**
   * Calls `onChange` for every later edit of these sheets, and `onActivated` when the user switches to
   * one of them, for the life of the pane.
   */
  watch(sheetNames: string[], onChange: (change: SheetChange) => void, onActivated?: (sheet: string) => void): Promise<void>;
  /** Activates the sheet and selects the cell (jump to an issue). */
  select(sheet: string, cell: string): Promise<void>;
}

/** The standard template as the build serves it (/template.xlsx + /template.json). */
export interface TemplateAsset {
  bytes: Uint8Array;
  base64: string;
  /** Defined name and reference of the version cell, to re-add should the host drop it on insert. */
  versionRef: { name: string; reference: string } | null;
}

/** A spreadsheet program the live pane runs in. */
export interface SpreadsheetHost {
  readonly kind: 'excel' | 'wps';
  run<T>(fn: (ops: SheetOps) => Promise<T>): Promise<T>;
  /** Inserts the standard template's sheets at the front (with the version name). */
  insertTemplate(template: TemplateAsset): Promise<void>;
  /** One short Chinese sentence for an error this host threw. */
  describeError(e: unknown): string;
  /** False where this program is too old for live checking (the pane then points to 网页版); absent: supported. */
  liveSupported?(): boolean;
  /** Desk actions on the open workbook; absent where the host cannot do them (the pane offers downloads instead). */
  desk?: DeskHost;
}

/** Desk actions that work inside a spreadsheet program. */
export interface DeskHost {
  /** Inserts the aggregated workbook's sheets and a chart sheet; returns persons per 用工形式 (header row first). */
  insertAggregate(xlsx: Uint8Array, units: readonly Pick<ProgressRow, 'status'>[]): Promise<{ forms: [string, number | string][] }>;
  /** The ID-number column of the active sheet (在编人员名单). */
  readOnStaffIds(): Promise<{ sheetName: string; column: string; idNumbers: string[]; numeric: number }>;
  /** True when an error means "too big / not supported here: offer the file as a download instead". */
  shouldDownloadInstead(e: unknown): boolean;
  /** One short Chinese sentence for an error these actions threw. */
  describeError(e: unknown): string;
}

// ---- what the screens see

/** standard: current template; outdated: another version; unversioned: ledger sheets without the stamp; missing: no ledger sheets. */
export type TemplateState = 'standard' | 'outdated' | 'unversioned' | 'missing';

export interface LedgerSnapshot {
  /** unsupported: the host is too old for live checking (Excel below ExcelApi 1.9, e.g. Excel 2016). */
  phase: 'starting' | 'ready' | 'failed' | 'unsupported';
  template: TemplateState | null;
  templateVersion: string | null;
  /** Edits waiting or being checked. */
  busy: boolean;
  error: string | null;
  /** Increments on every change of the check result. */
  revision: number;
}

/** What 一键报送 posts: the parsed ledger (live hosts) or the workbook file itself (网页版, raw-xlsx route). */
export type SubmissionBody = { kind: 'ledger'; ledger: Ledger } | { kind: 'xlsx'; bytes: Uint8Array };

/**
 * A checked ledger as the screens use it, whatever holds it: LiveSession over a SpreadsheetHost
 * (Excel, WPS) or FileSession (a file checked in a Web Worker).
 */
export interface LedgerSession {
  subscribe(fn: () => void): () => void;
  snapshot(): LedgerSnapshot;
  /** The current check result (the same object while the revision is unchanged); null before a ledger was read. */
  result(): CheckResult | null;
  /** Re-read and re-check (before submitting: what is sent is what is checked). */
  recheck(): Promise<void>;
  /** Jump to an issue's cell where the host can; failures show in snapshot().error. */
  select(issue: Pick<Issue, 'sheet' | 'cell'>): Promise<void>;
  /** The body to submit and the SHA-256 digest of its canonical ledger (for the Idempotency-Key). */
  submission(): Promise<{ body: SubmissionBody; digest: string }>;
  /** One short Chinese sentence for an error this session threw. */
  describeError(e: unknown): string;
}
