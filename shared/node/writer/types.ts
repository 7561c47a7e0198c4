// The streaming writer's vocabulary: columns, sheets, cell values, options.
export type ColumnKind = 'text' | 'integer' | 'number' | 'date' | 'datetime';

export interface ColumnSpec {
  header: string;
  kind: ColumnKind;
  /** Width in characters; a default by kind when absent. */
  width?: number;
}

export interface SheetSpec {
  name: string;
  columns: readonly ColumnSpec[];
  /** Header rows frozen at the top (default 1). */
  freezeRows?: number;
  /** Autofilter over the header row and all data rows (default true). */
  autoFilter?: boolean;
}

/**
 * Cell values: text, number, null (empty). For 'date' columns 'YYYY-MM-DD' strings (or Date objects,
 * taken as UTC dates); for 'datetime' columns ISO timestamps or Date objects, shown in China time
 * (UTC+8). A value a date column cannot read is written as text, never dropped.
 */
export type CellValue = string | number | boolean | Date | null | undefined;

export type RowStyle = 'plain' | 'bold';

export interface XlsxWriterOptions {
  /** Deflate level 1-9 (default 3: as fast as 1 on this XML and ~25% smaller; 6 is ~40% slower for ~8% less). */
  level?: number;
  /** Bytes of sheet XML gathered before a chunk is compressed (default 256 KiB). */
  chunkSize?: number;
}
