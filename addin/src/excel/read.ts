// Reading the ledger sheets: a full read on open (the roster in chunks, Excel on the web caps a
// response at 5 MB) and narrow reads of the rows an edit touched.
import { SHEET_ROSTER, SHEET_UNIT } from '../../../shared/template/definition';
import { OfficeCodes, officeErrorCode } from './run';

/** Cells per chunk: ~60k cells of at most ~40 bytes of JSON each stay well under 5 MB. */
export const DEFAULT_CHUNK_CELLS = 60_000;

import type { SheetsRead } from '../host/types';
export type { SheetsRead } from '../host/types';

/** The unit sheet's label/value columns A:B from row 1 to its last used row (queued, not synced). */
function queueUnitRead(context: Excel.RequestContext): Excel.Range {
  const ws = context.workbook.worksheets.getItem(SHEET_UNIT);
  const box = ws.getRange('A1').getBoundingRect(ws.getUsedRange(true));
  const ab = box.getIntersection(ws.getRange('A:B'));
  ab.load('values');
  return ab;
}

/**
 * Reads both ledger sheets that exist (`present`) as 2-D arrays from A1. One sync for the unit sheet
 * and the roster's extent, then one sync per roster chunk; a chunk Excel finds too large is halved.
 */
export async function readLedgerSheets(
  context: Excel.RequestContext,
  present: { unit: boolean; roster: boolean },
  chunkCells = DEFAULT_CHUNK_CELLS,
): Promise<SheetsRead> {
  const sheets: Record<string, unknown[][]> = {};
  let syncs = 0;
  const unitRange = present.unit ? queueUnitRead(context) : null;
  let used: Excel.Range | null = null;
  if (present.roster) {
    used = context.workbook.worksheets.getItem(SHEET_ROSTER).getUsedRange(true);
    used.load('rowIndex,rowCount,columnIndex,columnCount');
  }
  await context.sync();
  syncs++;
  if (unitRange) sheets[SHEET_UNIT] = unitRange.values;
  let rosterWidth = 0;
  if (used) {
    const rows = used.rowIndex + used.rowCount;
    rosterWidth = used.columnIndex + used.columnCount;
    const out: unknown[][] = [];
    let per = Math.max(1, Math.floor(chunkCells / rosterWidth));
    const ws = context.workbook.worksheets.getItem(SHEET_ROSTER);
    // One sync per chunk is the point of chunking (each response must stay under the size cap).
    for (let start = 0; start < rows;) {
      const n = Math.min(per, rows - start);
      const chunk = ws.getRangeByIndexes(start, 0, n, rosterWidth);
      chunk.load('values');
      try {
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- see above: one chunk per sync
        await context.sync();
        syncs++;
      } catch (e) {
        const code = officeErrorCode(e);
        if ((code === OfficeCodes.responseTooLarge || code === OfficeCodes.activityLimit) && per > 1) {
          per = Math.max(1, Math.floor(per / 2));
          syncs++;
          continue;
        }
        throw e;
      }
      for (const row of chunk.values) out.push(row);
      start += n;
    }
    sheets[SHEET_ROSTER] = out;
  }
  return { sheets, rosterWidth, syncs };
}

/**
 * Queues reads of roster row blocks (columns A.. width); call sync once, then take `.values`.
 * Used by the edit path, which reads all changed blocks and nothing else in one sync.
 */
export function queueRosterRows(
  context: Excel.RequestContext,
  blocks: { firstRow: number; lastRow: number }[],
  width: number,
): { firstRow: number; range: Excel.Range }[] {
  const ws = context.workbook.worksheets.getItem(SHEET_ROSTER);
  return blocks.map((b) => {
    const range = ws.getRangeByIndexes(b.firstRow - 1, 0, b.lastRow - b.firstRow + 1, Math.max(1, width));
    range.load('values');
    return { firstRow: b.firstRow, range };
  });
}

/** Queues the unit sheet read for the edit path. */
export function queueUnitSheet(context: Excel.RequestContext): Excel.Range {
  return queueUnitRead(context);
}
