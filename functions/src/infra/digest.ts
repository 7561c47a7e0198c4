// SHA-256 and SM3 of a ledger's canonical form (shared/ledger/canonical.ts), with node:crypto.
import { createHash, getHashes } from 'node:crypto';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { canonicalLedgerPieces } from '../../../shared/ledger/canonical';
import type { Ledger } from '../../../shared/ledger/schema';

const HAS_SM3 = getHashes().includes('sm3');

type Digests = { sha256: string; sm3: string | null };

function hashers() {
  const sha = createHash('sha256');
  const sm3 = HAS_SM3 ? createHash('sm3') : null;
  return {
    // Each piece encoded once for both hashes; pieces end between rows, so this is the whole text's UTF-8.
    add(piece: string) {
      const bytes = Buffer.from(piece, 'utf8');
      sha.update(bytes);
      sm3?.update(bytes);
    },
    done: (): Digests => ({ sha256: sha.digest('hex'), sm3: sm3 ? sm3.digest('hex') : null }),
  };
}

export function ledgerDigests(ledger: Ledger): Digests {
  const h = hashers();
  for (const piece of canonicalLedgerPieces(ledger)) h.add(piece);
  return h.done();
}

/**
 * The same digests, giving the event loop a turn between pieces of the ledger: run beside storage I/O
 * (e.g. while the rows are being written) so that the request and its response keep moving meanwhile.
 */
export async function ledgerDigestsInTurns(ledger: Ledger): Promise<Digests> {
  const h = hashers();
  for (const piece of canonicalLedgerPieces(ledger)) {
    h.add(piece);
    await nextTurn();
  }
  return h.done();
}
