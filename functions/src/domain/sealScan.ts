// What a seal scan upload really is, by its first bytes. Pure.
import type { SEAL_CONTENT_TYPES } from '../../../shared/api/contract';

/** The media type the bytes really are, by magic number. */
export function sniffSealType(bytes: Uint8Array): (typeof SEAL_CONTENT_TYPES)[number] | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  return null;
}
