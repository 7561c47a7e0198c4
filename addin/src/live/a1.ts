// A1 addresses: parse, format and compress cell lists into few areas. Pure, no Office.
import { columnIndex, columnLetter } from '../../../shared/a1';

export interface Rect {
  /** 0-based, inclusive. */
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

const CELL = /^\$?([A-Za-z]{1,3})\$?(\d+)$/;
const COL = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;
const MAX_ROW = 1048575;
const MAX_COL = 16383;

/** Strip a sheet prefix: `'编外人员台账'!A1:B2` → `A1:B2`. */
export function stripSheet(address: string): string {
  const i = address.lastIndexOf('!');
  return i >= 0 ? address.slice(i + 1) : address;
}

/** One area (`D5`, `A5:W204`, `5:7`, `A:C`) → rectangle; null when unreadable. */
export function parseArea(address: string): Rect | null {
  const [a, b = a] = stripSheet(address).trim().split(':');
  const cellA = CELL.exec(a),
    cellB = CELL.exec(b);
  if (cellA && cellB) {
    const r0 = Number(cellA[2]) - 1,
      r1 = Number(cellB[2]) - 1;
    const c0 = columnIndex(cellA[1]),
      c1 = columnIndex(cellB[1]);
    return { r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: Math.min(c0, c1), c1: Math.max(c0, c1) };
  }
  const rowA = ROW.exec(a),
    rowB = ROW.exec(b);
  if (rowA && rowB) {
    const r0 = Number(rowA[1]) - 1,
      r1 = Number(rowB[1]) - 1;
    return { r0: Math.min(r0, r1), r1: Math.max(r0, r1), c0: 0, c1: MAX_COL };
  }
  const colA = COL.exec(a),
    colB = COL.exec(b);
  if (colA && colB) {
    const c0 = columnIndex(colA[1]),
      c1 = columnIndex(colB[1]);
    return { r0: 0, r1: MAX_ROW, c0: Math.min(c0, c1), c1: Math.max(c0, c1) };
  }
  return null;
}

/** A comma-separated list of areas (as onChanged or RangeAreas give them). */
export function parseAreas(address: string): Rect[] {
  return stripSheet(address)
    .split(/[,;]/)
    .map((s) => parseArea(s))
    .filter((r): r is Rect => r !== null);
}

export function formatRect(r: Rect): string {
  const a = `${columnLetter(r.c0)}${r.r0 + 1}`;
  return r.r0 === r.r1 && r.c0 === r.c1 ? a : `${a}:${columnLetter(r.c1)}${r.r1 + 1}`;
}

/** 'D5' → { row: 4, col: 3 } (0-based). */
export function parseCell(a1: string): { row: number; col: number } | null {
  const m = CELL.exec(stripSheet(a1).trim());
  return m ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : null;
}

/**
 * Cells (0-based row/col pairs) → areas: vertical runs per column, then equal neighbouring runs merged
 * into rectangles. A column of 500 bad IDs becomes one area `D5:D504`.
 */
export function compressCells(cells: Iterable<{ row: number; col: number }>): Rect[] {
  const byCol = new Map<number, number[]>();
  for (const { row, col } of cells) {
    let rows = byCol.get(col);
    if (!rows) byCol.set(col, (rows = []));
    rows.push(row);
  }
  const runs: Rect[] = [];
  for (const col of [...byCol.keys()].sort((a, b) => a - b)) {
    const rows = byCol.get(col)!.sort((a, b) => a - b);
    let start = rows[0],
      prev = rows[0];
    for (let i = 1; i <= rows.length; i++) {
      const r = rows[i];
      if (r === prev) continue; // duplicate
      if (r !== prev + 1) {
        runs.push({ r0: start, r1: prev, c0: col, c1: col });
        start = r;
      }
      prev = r;
    }
  }
  // Merge a run into the run of the previous column when their rows are identical.
  const merged: Rect[] = [];
  const open = new Map<string, Rect>();
  for (const run of runs) {
    const key = `${run.r0}:${run.r1}`;
    const prev = open.get(key);
    if (prev && prev.c1 === run.c0 - 1) prev.c1 = run.c1;
    else {
      const copy = { ...run };
      merged.push(copy);
      open.set(key, copy);
    }
  }
  return merged;
}

/**
 * Areas → address strings of at most `maxChars` each (Excel limits the length of a RangeAreas address),
 * in a stable order so that a small change alters few chunks.
 */
export function chunkAddresses(rects: Rect[], maxChars = 2000): string[] {
  const out: string[] = [];
  let cur = '';
  for (const r of rects) {
    const a = formatRect(r);
    if (cur && cur.length + 1 + a.length > maxChars) {
      out.push(cur);
      cur = a;
    } else cur = cur ? `${cur},${a}` : a;
  }
  if (cur) out.push(cur);
  return out;
}
