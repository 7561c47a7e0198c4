// A Ledger straight from .xlsx bytes: the roster streams from the xlsx reader into the row parser, so a
// large roster's raw cells never accumulate.
import { HEADER_SEARCH_ROWS, SHEET_ROSTER, SHEET_UNIT } from '../template/definition';
import { peekSheetNames, readWorkbook, type ReadWorkbookOptions, type RowSink } from '../xlsx/read';
import type { Ledger, LedgerRow, RosterSheet } from './schema';
import { findHeaderRow, mapColumns, noHeaderRoster, parseRosterRow, parseUnitSheet, type RosterColumns } from './parse';

/**
 * Reads the two ledger sheets and the version stamp into a Ledger: the same result as
 * `parseLedger({ sheets, templateVersion })` over readWorkbook's arrays (a test holds the two equal),
 * but the roster is parsed row by row as it is scanned, so its raw cells never accumulate.
 */
export function readLedgerFromXlsx(
  bytes: Uint8Array,
  opts: Pick<ReadWorkbookOptions, 'inflateRaw' | 'inflateInBackground' | 'wholeEntryLimit'> = {},
): Ledger {
  const names = peekSheetNames(bytes);
  // Tolerate stray spaces around a sheet name (a common hand edit), as parseLedger does.
  const find = (canonical: string) => names.find((n) => n === canonical) ?? names.find((n) => n.trim() === canonical);
  const unitName = find(SHEET_UNIT);
  const rosterName = find(SHEET_ROSTER);
  const roster = rosterName !== undefined ? new RosterCollector() : null;
  const wb = readWorkbook(bytes, {
    sheets: unitName !== undefined ? [unitName] : [],
    rowSinks: roster && rosterName !== undefined ? { [rosterName]: roster.sink } : {},
    inflateRaw: opts.inflateRaw,
    inflateInBackground: opts.inflateInBackground,
    wholeEntryLimit: opts.wholeEntryLimit,
  });
  return {
    templateVersion: wb.templateVersion,
    unit: unitName !== undefined ? parseUnitSheet(wb.sheets[unitName] ?? []) : null,
    roster: roster ? roster.result() : null,
  };
}

/** parseRosterSheet, incrementally: finds the header within the first rows, then parses each row. */
class RosterCollector {
  private readonly early: unknown[][] = [];
  private decided = false;
  private headerIndex = -1;
  private columns: RosterColumns = {};
  private readonly rows: LedgerRow[] = [];
  private sorted = true;
  private lastRow = 0;

  readonly sink: RowSink = (r, values) => {
    if (!this.decided) {
      if (r < HEADER_SEARCH_ROWS) {
        this.early[r] = values.map((v) => (v instanceof Date ? new Date(v.getTime()) : v));
        return;
      }
      this.decide();
    }
    if (this.headerIndex >= 0 && r > this.headerIndex) this.add(r, values);
  };

  private add(r: number, values: unknown[]) {
    const row = parseRosterRow(values, this.columns, r + 1);
    if (!row) return;
    if (row.row < this.lastRow) this.sorted = false;
    this.lastRow = row.row;
    this.rows.push(row);
  }

  private decide() {
    this.decided = true;
    this.headerIndex = findHeaderRow(this.early);
    if (this.headerIndex < 0) return;
    this.columns = mapColumns(this.early[this.headerIndex] ?? []);
    for (let r = this.headerIndex + 1; r < this.early.length; r++) if (this.early[r]) this.add(r, this.early[r]);
  }

  result(): RosterSheet {
    if (!this.decided) this.decide();
    if (this.headerIndex < 0) return noHeaderRoster();
    if (!this.sorted) this.rows.sort((a, b) => a.row - b.row);
    return { headerRow: this.headerIndex + 1, columns: this.columns, rows: this.rows };
  }
}
