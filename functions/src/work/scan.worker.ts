// Runs on a thread of the work pool (pool.ts): finds the QR codes on an uploaded seal scan (decoding a
// 300-dpi page is ~0.5 s of CPU), so the host's event loop keeps answering other requests. Errors cross
// the thread boundary as data (class identity does not survive structured cloning).
import type { QrClaim } from '../documents/qr';
import { scanClaims as claimsOnScan, ScanUnreadable, type ScanType } from '../documents/scan/scanCheck';

export interface ScanTask {
  bytes: Uint8Array;
  type: ScanType;
}

export type ScanResult = { ok: true; claims: QrClaim[] } | { ok: false; reason: string };

export default async function scanClaims({ bytes, type }: ScanTask): Promise<ScanResult> {
  try {
    return { ok: true, claims: await claimsOnScan(bytes, type) };
  } catch (e) {
    if (e instanceof ScanUnreadable) return { ok: false, reason: e.reason };
    throw e;
  }
}
