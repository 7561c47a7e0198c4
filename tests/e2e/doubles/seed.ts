// What both spreadsheet doubles (Excel's and WPS's) do alike: fill a fresh in-memory workbook from rows
// (dates as Excel serials, as both applications store them) and defined names ('Sheet'!$A$1 refs).
import { dateToExcelSerial } from '../../../shared/dates';

/** The part of a double's workbook model that seeding touches. */
export interface SeedableModel<S> {
  sheets: { name: string }[];
  names: Map<string, { sheet: string; address: string }>;
  activeSheet: string | null;
  addSheet(name: string): S;
  set(s: S, r: number, c: number, v: unknown): void;
}

export function seedWorkbook<S>(model: SeedableModel<S>, sheets: Record<string, unknown[][]>, names: Record<string, string> = {}): void {
  model.sheets.length = 0;
  model.names.clear();
  for (const [name, rows] of Object.entries(sheets)) {
    const s = model.addSheet(name);
    rows.forEach((row, r) => row?.forEach((v, c) => model.set(s, r, c, v instanceof Date ? dateToExcelSerial(v) : v)));
  }
  for (const [name, ref] of Object.entries(names)) {
    const i = ref.lastIndexOf('!');
    model.names.set(name, { sheet: ref.slice(0, i).replace(/^'(.*)'$/, '$1'), address: ref.slice(i + 1).replace(/\$/g, '') });
  }
  model.activeSheet = model.sheets[0]?.name ?? null;
}
