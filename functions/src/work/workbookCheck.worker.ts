// Runs on a worker thread of the pool (pool.ts): reads a raw .xlsx submission and checks it, the two
// CPU-heavy steps of a submission, so the host's event loop keeps answering other requests.
// Errors cross the thread boundary as data (class identity does not survive structured cloning).
import type { CheckResult, Ledger } from '../../../shared/ledger/schema';
import { readLedgerFromXlsx } from '../../../shared/ledger/fromXlsx';
import { nodeInflateRaw } from '../../../shared/node/inflate';
import { checkLedger } from '../../../shared/rules/engine';
import { WorkbookReadError } from '../../../shared/xlsx/read';

export interface WorkbookCheckTask {
  bytes: Uint8Array;
  /** China day the server received the ledger (the check's as-of). */
  asOf: string;
}

export type WorkbookCheckResult = { ok: true; ledger: Ledger; check: CheckResult } | { ok: false; code: string; message: string | null };

export default function workbookCheck({ bytes, asOf }: WorkbookCheckTask): WorkbookCheckResult {
  let ledger: Ledger;
  try {
    ledger = readLedgerFromXlsx(bytes, { inflateRaw: nodeInflateRaw });
  } catch (e) {
    if (e instanceof WorkbookReadError) return { ok: false, code: e.code, message: e.message };
    return { ok: false, code: 'CORRUPT_WORKBOOK', message: null };
  }
  return { ok: true, ledger, check: checkLedger(ledger, { asOf }) };
}
