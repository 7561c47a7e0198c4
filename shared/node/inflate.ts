// Node-only helpers for the xlsx reader (never import this from browser code): node:zlib inflates about
// twice as fast as fflate and needs no JIT warm-up, which is most of a one-shot CLI run.
import { inflateRawSync } from 'node:zlib';
import type { InflateRaw } from '../xlsx/zip';

export const nodeInflateRaw: InflateRaw = (data, size) => {
  // One output chunk of the known size: no concatenation copy.
  // maxOutputLength: a part that inflates beyond its declared size is damaged (or a zip bomb).
  const out = inflateRawSync(data, { chunkSize: Math.max(64 * 1024, size + 1), maxOutputLength: Math.max(size, 1) });
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
};
