// Equality of parsed ledger pieces, for reconciling a fresh read with what the checker has.
import type { LedgerRow, UnitSheet } from '../../../shared/ledger/schema';

/** Plain-JSON values compared structurally (parsed rows and unit facts are plain JSON). */
function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const sameRow = (a: LedgerRow | null, b: LedgerRow | null): boolean => same(a, b);
export const sameUnit = (a: UnitSheet | null, b: UnitSheet | null): boolean => same(a, b);
