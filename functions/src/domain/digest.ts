// SHA-256 and SM3 of a ledger's canonical form (shared/ledger/canonical.ts), with node:crypto.
import { createHash, getHashes } from 'node:crypto';
import { canonicalLedger } from '../../../shared/ledger/canonical';
import type { Ledger } from '../../../shared/ledger/schema';

const HAS_SM3 = getHashes().includes('sm3');

export function ledgerDigests(ledger: Ledger): { sha256: string; sm3: string | null } {
  const text = canonicalLedger(ledger);
  return {
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
    sm3: HAS_SM3 ? createHash('sm3').update(text, 'utf8').digest('hex') : null,
  };
}
