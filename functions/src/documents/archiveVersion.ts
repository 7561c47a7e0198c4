// One version's CPU-heavy files for the evidence archive, storage-free so it can run on a worker
// thread: the ledger as a workbook (its digest recomputed from the workbook's own bytes, as
// verify-archive will) and the sign-off page as PDF, each ready to go into the zip with its SHA-256.
import { createHash } from 'node:crypto';
import type { Ledger } from '../../../shared/ledger/schema';
import { ledgerDigest } from '../../../shared/ledger/canonical';
import { readLedgerFromXlsx } from '../../../shared/ledger/fromXlsx';
import { nodeInflateRaw } from '../../../shared/node/inflate';
import { storedMember, type ZipMember } from './zipEntry';
import { ledgerWorkbook } from './ledgerWorkbook';
import type { SignOffFacts } from './signoffModel';
import { renderSignOffPdf } from './signoffPdf';

export interface ArchiveVersionTask {
  ledger: Ledger;
  facts: SignOffFacts;
  /** The PDF's creation date: fixed, so the same version gives the same bytes. */
  createdAt: Date;
}

export interface ArchiveFileReady {
  member: ZipMember;
  sha256: string;
  bytes: number;
}

export interface ArchiveVersionFiles {
  ledger: ArchiveFileReady;
  signoff: ArchiveFileReady;
  /** SHA-256 of the canonical ledger read back from the workbook above. */
  digest: string;
}

const ready = (bytes: Uint8Array): ArchiveFileReady => ({
  member: storedMember(bytes), // xlsx and pdf are compressed already
  sha256: createHash('sha256').update(bytes).digest('hex'),
  bytes: bytes.length,
});

export async function renderArchiveVersion({ ledger, facts, createdAt }: ArchiveVersionTask): Promise<ArchiveVersionFiles> {
  const xlsx = await ledgerWorkbook(ledger);
  const pdf = await renderSignOffPdf(facts, createdAt);
  const digest = await ledgerDigest(readLedgerFromXlsx(xlsx, { inflateRaw: nodeInflateRaw }));
  return { ledger: ready(xlsx), signoff: ready(new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength)), digest };
}
