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
//   ascending worksheet row number N.
// - VALUES / UNIT: cell values keyed by field key (definition.ts), keys with null values omitted.
// - Object keys are sorted by UTF-16 code unit order (as Array.prototype.sort does); strings are JSON
//   strings as JSON.stringify writes them (no extra escaping, no Unicode normalisation); numbers are
//   written as JSON.stringify writes them (shortest round-trip form; -0 is written 0).
// - Layout facts (the roster's header row and column positions, the unit sheet's label rows) are not
//   part of the canonical form: moving a column does not change what was reported.
import type { Ledger } from './schema';

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

/** The canonical text of a ledger (see the header comment). */
export function canonicalLedger(ledger: Ledger): string {
  const roster = ledger.roster
    ? [...ledger.roster.rows].sort((a, b) => a.row - b.row).map((r) => ({ row: r.row, values: r.values }))
    : null;
  // Top-level nulls are kept (they say "sheet absent"); canonicalJson drops null-valued keys, so write them explicitly.
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
 * alike. The functions compute the same digest (and SM3) with node:crypto in functions/src/digest.ts.
 */
export async function ledgerDigest(ledger: Ledger): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalLedger(ledger));
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}
