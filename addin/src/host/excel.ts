// The Excel host: the host seam (./types.ts) over the office-js helpers in addin/src/excel. One
// SheetOps per Excel.run batch, so a full check keeps its syncs exactly as before the seam.
import { OnStaffColumnMissing, pullAggregate, readOnStaffIds, toBase64 } from '../excel/desk';
import { watchSheets } from '../excel/events';
import { applyMarks, findOwnMarks } from '../excel/marks';
import { insertTemplate, probeWorkbook } from '../excel/probe';
import { DEFAULT_CHUNK_CELLS, queueRosterRows, queueUnitSheet, readLedgerSheets } from '../excel/read';
import { describeOfficeError, officeErrorCode, OfficeCodes, runExcel, type ExcelRunner } from '../excel/run';
import { selectCell } from '../excel/select';
import type { SheetOps, SpreadsheetHost } from './types';

export interface ExcelHostOptions {
  /** Cells per roster chunk of the full read (Excel on the web caps a response at 5 MB). */
  chunkCells?: number;
}

function sheetOps(ctx: Excel.RequestContext, opts: ExcelHostOptions): SheetOps {
  return {
    probe: () => probeWorkbook(ctx),
    readLedgerSheets: (present) => readLedgerSheets(ctx, present, opts.chunkCells ?? DEFAULT_CHUNK_CELLS),
    async readChanged(blocks, width, unit) {
      const reads = queueRosterRows(ctx, blocks, width);
      const unitRange = unit ? queueUnitSheet(ctx) : null;
      await ctx.sync();
      return { unit: unitRange ? unitRange.values : null, blocks: reads.map((r) => ({ firstRow: r.firstRow, values: r.range.values })) };
    },
    findOwnMarks: (names) => findOwnMarks(ctx, names),
    applyMarks: (remove, add) => applyMarks(ctx, remove, add),
    async watch(names, onChange) {
      await watchSheets(ctx, names, onChange);
    },
    select: (sheet, cell) => selectCell(ctx, sheet, cell),
  };
}

/** The Excel host; `run` defaults to Excel.run (tests pass the double's). */
export function excelHost(run: ExcelRunner = runExcel, opts: ExcelHostOptions = {}): SpreadsheetHost {
  return {
    kind: 'excel',
    run: (fn) => run((ctx) => fn(sheetOps(ctx, opts))),
    async insertTemplate(t) {
      await run((ctx) => insertTemplate(ctx, t.base64, t.versionRef));
    },
    describeError: describeOfficeError,
    desk: {
      insertAggregate: (xlsx, units) => run((ctx) => pullAggregate(ctx, toBase64(xlsx), units)),
      readOnStaffIds: () => run(readOnStaffIds),
      // Excel on the web caps a request at 5 MB, and older Excel lacks insertWorksheetsFromBase64.
      shouldDownloadInstead: (e) => officeErrorCode(e) === OfficeCodes.requestTooLarge || officeErrorCode(e) === OfficeCodes.apiNotFound,
      describeError: (e) => (e instanceof OnStaffColumnMissing ? e.message : describeOfficeError(e)),
    },
  };
}
