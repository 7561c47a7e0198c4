// Little-endian fields and the central-directory record of a zip file, shared by the workbook reader
// (zip.ts, the whole file in memory) and `verify-archive` (cli/zipFile.ts, the directory read from disk).

export const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
export const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
export const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;

export interface CentralRecord {
  /** Name as stored, undecoded bytes decoded as UTF-8 (no normalisation). */
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Offset of the next record. */
  next: number;
}

const utf8 = new TextDecoder('utf-8');

/** The central-directory record at `p` of `b`, Zip64 sizes resolved; null when it is not a whole record. */
export function readCentralRecord(b: Uint8Array, p: number): CentralRecord | null {
  if (p + 46 > b.length || u32(b, p) !== 0x02014b50) return null;
  const method = u16(b, p + 10);
  let compressedSize = u32(b, p + 20);
  let size = u32(b, p + 24);
  const nameLen = u16(b, p + 28);
  const extraLen = u16(b, p + 30);
  const commentLen = u16(b, p + 32);
  let localOffset = u32(b, p + 42);
  if (p + 46 + nameLen + extraLen > b.length) return null;
  const name = utf8.decode(b.subarray(p + 46, p + 46 + nameLen));
  if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
    // Zip64 extended information: only the fields that overflowed are present, in this order.
    for (let e = p + 46 + nameLen, end = e + extraLen; e + 4 <= end; e += 4 + u16(b, e + 2)) {
      if (u16(b, e) !== 1) continue;
      let q = e + 4;
      if (size === 0xffffffff) {
        size = u64(b, q);
        q += 8;
      }
      if (compressedSize === 0xffffffff) {
        compressedSize = u64(b, q);
        q += 8;
      }
      if (localOffset === 0xffffffff) localOffset = u64(b, q);
      break;
    }
  }
  return { name, method, compressedSize, size, localOffset, next: p + 46 + nameLen + extraLen + commentLen };
}
