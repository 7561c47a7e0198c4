// Review notes (审核意见) pinned to a place in a ledger version: resolving a note to the person on that
// row when it is written, and placing it on another version of the ledger (the liaison's live workbook,
// or the next submission) by the person's ID number, as the version diff matches persons. Pure.
import { columnLetter } from '../a1';
import { idKey } from '../id/idcard';
import { ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT, UNIT_FIELDS } from '../template/definition';
import type { Cell, Ledger, LedgerRow } from './schema';

export interface NotePlace {
  sheet: string;
  row: number;
  column: string | null;
  text: string;
}

export interface ResolvedNote extends NotePlace {
  version: number;
  idNumber: string | null;
  name: string | null;
  values: Record<string, Cell> | null;
}

const ROSTER_KEY_BY_HEADER = new Map<string, string>(ROSTER_FIELDS.map((f) => [f.header, f.key]));
const UNIT_KEY_BY_HEADER = new Map<string, string>(UNIT_FIELDS.map((f) => [f.header, f.key]));
/** Unit facts sit in column B beside their labels (the template's 单位基本情况 layout). */
const UNIT_VALUE_COLUMN = 1;

const text = (c: Cell | undefined): string | null => (c === null || c === undefined ? null : String(c));

/** A note as written on `version`: the person on that roster row (or null), with the row's values. 'row' = the row does not exist. */
export function resolveNote(note: NotePlace, ledger: Ledger, version: number): ResolvedNote | 'row' | 'column' {
  if (note.sheet === SHEET_ROSTER) {
    if (note.column !== null && !ROSTER_KEY_BY_HEADER.has(note.column)) return 'column';
    const r = ledger.roster?.rows.find((x) => x.row === note.row);
    if (!r) return 'row';
    return {
      ...note,
      version,
      idNumber: idKey(r.values.idNumber) ?? text(r.values.idNumber),
      name: text(r.values.name),
      values: { ...r.values },
    };
  }
  if (note.column !== null && !UNIT_KEY_BY_HEADER.has(note.column)) return 'column';
  const rows = ledger.unit?.rows ?? {};
  if (!Object.values(rows).includes(note.row)) return 'row';
  return { ...note, version, idNumber: null, name: null, values: ledger.unit ? { ...ledger.unit.values } : null };
}

export type NoteState = 'unchanged' | 'changed' | 'removed';

export interface PlacedNote {
  note: ResolvedNote;
  /** Where the note sits now: sheet row and A1 cell (the row's ID cell for a whole-row note); null when the person is gone. */
  row: number | null;
  cell: string | null;
  state: NoteState;
}

const same = (a: Cell | undefined, b: Cell | undefined) => (a ?? null) === (b ?? null);

function rowChanged(before: Record<string, Cell>, after: Record<string, Cell>, key: string | null): boolean {
  if (key) return !same(before[key], after[key]);
  for (const f of ROSTER_FIELDS) if (f.key !== 'seq' && !same(before[f.key], after[f.key])) return true;
  return false;
}

/** Places notes on `ledger` (another version or the live workbook), matching roster rows by ID number. */
export function placeNotes(notes: readonly ResolvedNote[], ledger: Ledger): PlacedNote[] {
  const byId = new Map<string, LedgerRow>();
  for (const r of ledger.roster?.rows ?? []) {
    const k = idKey(r.values.idNumber);
    if (k !== null && !byId.has(k)) byId.set(k, r);
  }
  const columns = ledger.roster?.columns ?? {};
  return notes.map((note) => {
    if (note.sheet === SHEET_UNIT) {
      const key = note.column ? (UNIT_KEY_BY_HEADER.get(note.column) ?? null) : null;
      const row = key ? (ledger.unit?.rows[key as keyof typeof ledger.unit.rows] ?? note.row) : note.row;
      const changed = key ? !same(note.values?.[key], ledger.unit?.values[key as keyof typeof ledger.unit.values]) : false;
      return { note, row, cell: `${columnLetter(key ? UNIT_VALUE_COLUMN : 0)}${row}`, state: changed ? 'changed' : 'unchanged' };
    }
    const r = note.idNumber ? byId.get(note.idNumber) : ledger.roster?.rows.find((x) => x.row === note.row);
    if (!r) return { note, row: null, cell: null, state: 'removed' };
    const key = note.column ? (ROSTER_KEY_BY_HEADER.get(note.column) ?? null) : null;
    const col =
      (columns as Record<string, number | undefined>)[key ?? 'idNumber'] ?? (columns as Record<string, number | undefined>).name ?? 0;
    return {
      note,
      row: r.row,
      cell: `${columnLetter(col)}${r.row}`,
      state: note.values && rowChanged(note.values, r.values, key) ? 'changed' : 'unchanged',
    };
  });
}

export const NOTE_STATE_LABEL: Record<NoteState, string> = { unchanged: '未修改', changed: '已修改', removed: '该人员已删除' };
