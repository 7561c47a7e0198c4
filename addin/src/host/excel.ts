// The Excel host: the host seam (./types.ts) over the office-js helpers in addin/src/excel. One
// SheetOps per Excel.run batch, so a full check keeps its syncs exactly as before the seam.
import { OnStaffColumnMissing, pullAggregate, readOnStaffIds } from '../excel/desk';
import { toBase64 } from '../../../shared/base64';
import { watchSheets } from '../excel/events';
import { applyMarks, findOwnMarks, queueOwnFormats, type FormatLookup } from '../excel/marks';
import { SheetInsertUnavailable } from '../excel/insert';
import { insertTemplate, probeWorkbook } from '../excel/probe';
import { DEFAULT_CHUNK_CELLS, queueRosterRows, queueUnitSheet, readLedgerSheets } from '../excel/read';
import { describeOfficeError, EXCEL_API, excelApiSupported, officeErrorCode, OfficeCodes, runExcel, type ExcelRunner } from '../excel/run';
import { selectCell } from '../excel/select';
import { SHEET_ROSTER, SHEET_UNIT } from '../../../shared/template/definition';
import type { SheetOps, SpreadsheetHost } from './types';

export interface ExcelHostOptions {
  /** Cells per roster chunk of the full read (Excel on the web caps a response at 5 MB). */
  chunkCells?: number;
}

function sheetOps(context: Excel.RequestContext, opts: ExcelHostOptions): SheetOps {
  // The edit path loads our formats (found by tag) with its row read, so marking needs no extra sync.
  let lookup: FormatLookup | undefined;
  return {
    probe: () => probeWorkbook(context),
    readLedgerSheets: (present) => readLedgerSheets(context, present, opts.chunkCells ?? DEFAULT_CHUNK_CELLS),
    async readChanged(blocks, width, unit) {
      const reads = queueRosterRows(context, blocks, width);
      const unitRange = unit ? queueUnitSheet(context) : null;
      lookup = queueOwnFormats(context, [...(blocks.length ? [SHEET_ROSTER] : []), ...(unit ? [SHEET_UNIT] : [])]);
      await context.sync();
      return { unit: unitRange ? unitRange.values : null, blocks: reads.map((r) => ({ firstRow: r.firstRow, values: r.range.values })) };
    },
    findOwnMarks: (names) => findOwnMarks(context, names),
    applyMarks: (remove, add) => applyMarks(context, remove, add, lookup),
    async watch(names, onChange, onActivated) {
      await watchSheets(context, names, onChange, onActivated);
    },
    select: (sheet, cell) => selectCell(context, sheet, cell),
  };
}

/** The Excel host; `run` defaults to Excel.run (tests pass the double's). */
export function excelHost(run: ExcelRunner = runExcel, opts: ExcelHostOptions = {}): SpreadsheetHost {
  return {
    kind: 'excel',
    run: (fn) => run((context) => fn(sheetOps(context, opts))),
    async insertTemplate(t) {
      await run((context) => insertTemplate(context, t.base64, t.versionRef));
    },
    describeError: (e) => (e instanceof SheetInsertUnavailable ? e.message : describeOfficeError(e)),
    liveSupported: () => excelApiSupported(EXCEL_API.live),
    desk: {
      insertAggregate: (xlsx, units) => run((context) => pullAggregate(context, toBase64(xlsx), units)),
      readOnStaffIds: () => run(readOnStaffIds),
      // Excel on the web caps a request at 5 MB and refuses charts and comments; older Excel lacks
      // insertWorksheetsFromBase64 (desk.ts turns each into SheetInsertUnavailable).
      shouldDownloadInstead: (e) =>
        e instanceof SheetInsertUnavailable ||
        officeErrorCode(e) === OfficeCodes.requestTooLarge ||
        officeErrorCode(e) === OfficeCodes.apiNotFound,
      describeError: (e) => (e instanceof OnStaffColumnMissing ? e.message : describeOfficeError(e)),
    },
  };
}
