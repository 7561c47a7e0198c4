// The in-process contender of bench/validate.ts: read, parse and check one .xlsx with the shared reader
// and engine (on Node as the CLI reads: node:zlib, the roster inflated on a worker thread). The benchmark bundles this file with esbuild first, so it runs as the CLI and the functions
// ship, not through tsx's module-by-module transform.
import { readFileSync } from 'node:fs';
import { readLedgerFromXlsx } from '../../shared/ledger/fromXlsx';
import { nodeInflateInBackground } from '../../shared/node/backgroundInflate';
import { nodeInflateRaw } from '../../shared/node/inflate';
import { checkLedger } from '../../shared/rules/engine';

export function validateInProcess(file: string, inflate: 'node' | 'fflate') {
  const t0 = performance.now();
  const bytes = new Uint8Array(readFileSync(file));
  const t1 = performance.now();
  const ledger = readLedgerFromXlsx(
    bytes,
    inflate === 'node' ? { inflateRaw: nodeInflateRaw, inflateInBackground: nodeInflateInBackground } : {},
  );
  const t2 = performance.now();
  const result = checkLedger(ledger);
  const t3 = performance.now();
  return { fileMs: t1 - t0, readParseMs: t2 - t1, checkMs: t3 - t2, totalMs: t3 - t0, summary: result.summary };
}
