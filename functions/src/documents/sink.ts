// The small interface the desk's sheet builders write to: our streaming writer implements it, and so
// does an ExcelJS adapter (bench/aggregate.ts), so both produce the very same rows.
import type { CellValue, RowStyle, SheetSpec } from '../../../shared/node/xlsxWriter';

export interface SheetSink {
  row(values: readonly CellValue[], style?: RowStyle): void;
  end(): void;
}

export interface WorkbookSink {
  addSheet(spec: SheetSpec): SheetSink;
}
