// The part of WPS 表格's JS API (the VBA-like ET object model under `window.Application`) the WPS
// host uses, typed from WPS's documentation. Calls are synchronous; collections are 1-based.

export interface EtRange {
  /** One cell: a scalar; several: rows of columns. Empty cells read as undefined (or null). */
  Value2: unknown;
  readonly Row: number;
  readonly Column: number;
  readonly Rows: { readonly Count: number };
  readonly Columns: { readonly Count: number };
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  readonly FormatConditions: EtFormatConditions;
  readonly Worksheet: EtWorksheet;
  Select(): void;
}

export interface EtFormatCondition {
  readonly Type: number;
  readonly Formula1: string;
  readonly Interior: { Color: number };
  readonly Font: { Color: number };
  Delete(): void;
}

export interface EtFormatConditions {
  readonly Count: number;
  Item(index: number): EtFormatCondition;
  /** Type 2 = xlExpression: Formula1 decides. */
  Add(type: number, operator?: unknown, formula1?: string): EtFormatCondition;
}

export interface EtWorksheet {
  Name: string;
  Range(a: string, b?: string): EtRange;
  readonly Cells: EtRange;
  readonly UsedRange: EtRange;
  Activate(): void;
}

export interface EtCollection<T> {
  readonly Count: number;
  Item(key: number | string): T;
}

export interface EtWorkbook {
  readonly Worksheets: EtCollection<EtWorksheet>;
  readonly Names: EtCollection<{ readonly Name: string; readonly RefersToRange: EtRange }>;
}

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null;
  EnableEvents: boolean;
  readonly ApiEvent: {
    AddApiEventListener(event: string, fn: (...args: never[]) => void): void;
    RemoveApiEventListener(event: string, fn: (...args: never[]) => void): void;
  };
}

/** xlExpression: a conditional format whose formula decides. */
export const XL_EXPRESSION = 2;

/** '#RRGGBB' → the BGR number ET stores colours as. */
export function bgrColor(hex: string): number {
  const n = parseInt(hex.replace('#', ''), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

/** Range.Value2 as rows of columns, whatever its shape; empty cells as ''. */
export function grid(value: unknown): unknown[][] {
  const rows = Array.isArray(value) ? (value as unknown[]).map((r) => (Array.isArray(r) ? r : [r])) : [[value]];
  return rows.map((r) => r.map((v) => (v === undefined || v === null ? '' : v)));
}
