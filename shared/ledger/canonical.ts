// The canonical form of a ledger: the exact bytes its digest (SHA-256, and SM3 where available) is
// computed over, so the add-in, the functions and anyone holding the ledger JSON get the same digest.
//
// Canonical form `taizhang-ledger/1` is the UTF-8 encoding of this JSON text, with no whitespace:
//
//   {"format":"taizhang-ledger/1","roster":ROSTER,"templateVersion":TV,"unit":UNIT}
//
// - TV: the template version string, or null.
// - UNIT: the unit sheet's values as an object, or null when the sheet is absent.
// - ROSTER: null when the roster sheet is absent, else an array of {"row":N,"values":VALUES} sorted by
//   ascending worksheet row number N (empty when the sheet has no header row: nothing was reported).
// - VALUES / UNIT: cell values keyed by field key (definition.ts), keys with null values omitted.
// - Object keys are sorted by UTF-16 code unit order (as Array.prototype.sort does); strings are JSON
//   strings as JSON.stringify writes them (no extra escaping, no Unicode normalisation); numbers are
//   written as JSON.stringify writes them (shortest round-trip form; -0 is written 0).
// - Layout facts (the roster's header row and column positions, the unit sheet's label rows) are not
//   part of the canonical form: moving a column does not change what was reported.
import type { Ledger, LedgerRow } from './schema';

export const CANONICAL_FORMAT = 'taizhang-ledger/1';

function canonicalJson(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error('non-finite number in ledger');
    return Object.is(v, -0) ? '0' : JSON.stringify(v);
  }
  if (typeof v === 'string' || typeof v === 'boolean') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const obj = v as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== null && obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
  }
  throw new Error(`unsupported value in ledger: ${typeof v}`);
}

// ---- fast path for the common shapes (cell-valued objects, rows in order); same bytes as canonicalJson.

/** '"key":' per key seen (keys are field keys: a small, fixed set). */
const KEY_PREFIX = new Map<string, string>();
function keyPrefix(k: string): string {
  let p = KEY_PREFIX.get(k);
  if (p === undefined) {
    p = JSON.stringify(k) + ':';
    if (KEY_PREFIX.size < 1000) KEY_PREFIX.set(k, p);
  }
  return p;
}

// Rows nearly always share one key order: remember the last order and its sorted copy.
let lastKeys: string[] = [];
let lastSorted: string[] = [];
function sortedKeys(keys: string[]): string[] {
  const n = keys.length;
  if (n === lastKeys.length) {
    let same = true;
    for (let i = 0; i < n; i++)
      if (keys[i] !== lastKeys[i]) {
        same = false;
        break;
      }
    if (same) return lastSorted;
  }
  lastKeys = keys;
  lastSorted = keys.slice().sort();
  return lastSorted;
}

/** True when JSON.stringify(s) is just s in quotes: no quote, backslash, control character or surrogate. */
function plainJsonString(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return false;
  }
  return true;
}

/** canonicalJson of an object whose values are cells (string, finite number, null); other values recurse. */
function canonicalCells(obj: Record<string, unknown>): string {
  const keys = sortedKeys(Object.keys(obj));
  let out = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = obj[k];
    if (v === null || v === undefined) continue;
    let t: string;
    if (typeof v === 'string') t = plainJsonString(v) ? '"' + v + '"' : JSON.stringify(v);
    else if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw new Error('non-finite number in ledger');
      t = '' + v; // as JSON.stringify writes it; -0 → '0'
    } else t = canonicalJson(v);
    out += first ? keyPrefix(k) + t : ',' + keyPrefix(k) + t;
    first = false;
  }
  return out + '}';
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The roster's canonical text in consecutive pieces of about `rowsPerPiece` rows. */
function* canonicalRosterPieces(rows: LedgerRow[], rowsPerPiece: number): Generator<string> {
  let inOrder = true;
  for (let i = 0; i < rows.length; i++) {
    const n = rows[i].row;
    if (!Number.isFinite(n)) {
      yield canonicalJson([...rows].sort((a, b) => a.row - b.row).map((r) => ({ row: r.row, values: r.values })));
      return;
    }
    if (i > 0 && rows[i - 1].row > n) inOrder = false;
  }
  // Row numbers are finite here, so "no neighbours out of order" means the stable sort would change nothing.
  const sorted = inOrder ? rows : [...rows].sort((a, b) => a.row - b.row);
  if (sorted.length === 0) {
    yield '[]';
    return;
  }
  // join() yields flat strings: hashing a deep rope of += pieces would flatten it at a cost.
  for (let start = 0; start < sorted.length; start += rowsPerPiece) {
    const end = Math.min(sorted.length, start + rowsPerPiece);
    const items = new Array<string>(end - start);
    for (let i = start; i < end; i++) {
      const r = sorted[i];
      items[i - start] = isPlainObject(r.values)
        ? '{"row":' + r.row + ',"values":' + canonicalCells(r.values) + '}'
        : canonicalJson({ row: r.row, values: r.values });
    }
    yield (start === 0 ? '[' : ',') + items.join(',') + (end === sorted.length ? ']' : '');
  }
}

/**
 * The canonical text in consecutive pieces (their concatenation is canonicalLedger), so that a caller can
 * hash a large ledger piece by piece and let other work run in between.
 */
export function* canonicalLedgerPieces(ledger: Ledger, rowsPerPiece = 250): Generator<string> {
  // Top-level nulls are kept (they say "sheet absent"); canonicalJson drops null-valued keys, so write them explicitly.
  yield `{"format":${JSON.stringify(CANONICAL_FORMAT)},"roster":`;
  if (ledger.roster) yield* canonicalRosterPieces(ledger.roster.rows, Math.max(1, rowsPerPiece));
  else yield 'null';
  const unit =
    ledger.unit === null
      ? 'null'
      : isPlainObject(ledger.unit.values)
        ? canonicalCells(ledger.unit.values)
        : canonicalJson(ledger.unit.values);
  yield `,"templateVersion":${ledger.templateVersion === null ? 'null' : JSON.stringify(ledger.templateVersion)},"unit":${unit}}`;
}

/** The canonical text of a ledger (see the header comment). */
export function canonicalLedger(ledger: Ledger): string {
  return [...canonicalLedgerPieces(ledger, Infinity)].join('');
}

/** The reference implementation of canonicalLedger (kept for tests: the fast path must agree byte for byte). */
export function canonicalLedgerReference(ledger: Ledger): string {
  const roster = ledger.roster
    ? [...ledger.roster.rows].sort((a, b) => a.row - b.row).map((r) => ({ row: r.row, values: r.values }))
    : null;
  const parts = [
    `"format":${JSON.stringify(CANONICAL_FORMAT)}`,
    `"roster":${roster === null ? 'null' : canonicalJson(roster)}`,
    `"templateVersion":${ledger.templateVersion === null ? 'null' : JSON.stringify(ledger.templateVersion)}`,
    `"unit":${ledger.unit === null ? 'null' : canonicalJson(ledger.unit.values)}`,
  ];
  return `{${parts.join(',')}}`;
}

/**
 * SHA-256 (lower-case hex) of the canonical form, with Web Crypto so it runs in the add-in and in Node
 * alike. The functions compute the same digest (and SM3) with node:crypto in functions/src/infra/digest.ts.
 */
export async function ledgerDigest(ledger: Ledger): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalLedger(ledger));
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}
