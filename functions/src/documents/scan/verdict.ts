// What a seal scan's QR codes say about the version being sealed, and the scan's error: light, so the
// request thread can judge what the worker found without loading the decoders (scanCheck.ts).
import { receiptParts, type QrClaim } from '../qr';

export type ScanType = 'application/pdf' | 'image/png' | 'image/jpeg';

export type ScanVerdict =
  | { qr: 'matched' }
  | { qr: 'not_found' }
  /** The scan carries the QR code of another version or unit. */
  | { qr: 'mismatch'; claim: QrClaim; unitId: string; version: number };

/** The scan is not a decodable file of its type; `reason` is a Chinese sentence for people. */
export class ScanUnreadable extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

/** Matched when any QR code on the scan is this version's; else a mismatch names the first other one. */
export function judgeClaims(claims: QrClaim[], expected: QrClaim): ScanVerdict {
  if (claims.some((c) => c.receiptNo === expected.receiptNo && c.digest === expected.digest)) return { qr: 'matched' };
  const other = claims[0];
  if (!other) return { qr: 'not_found' };
  const parts = receiptParts(other.receiptNo)!;
  return { qr: 'mismatch', claim: other, unitId: parts.unitId, version: parts.version };
}
