// Little-endian fields, the end of central directory and the central-directory record of a zip file, shared by the workbook reader
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

/** The end of central directory: where the directory is and how many records it holds. */
export interface EndRecord {
  count: number;
  cdSize: number;
  cdOffset: number;
  /** A field overflowed: the true values are in the Zip64 end record. */
  zip64: boolean;
  /** Where the Zip64 locator says that record is (an offset in the file); null when there is no locator. */
  zip64Record: number | null;
}

/**
 * The end of central directory of a zip whose last bytes are `b` (the whole file, or at least its last
 * 22 + 65,535 + 20 bytes, so that the Zip64 locator is in them); null when there is none.
 */
export function readEndRecord(b: Uint8Array): EndRecord | null {
  // 22 bytes + a comment of up to 65,535 bytes, at the very end.
  for (let i = b.length - 22, stop = Math.max(0, b.length - 22 - 65535); i >= stop; i--) {
    if (b[i] !== 0x50 || b[i + 1] !== 0x4b || b[i + 2] !== 5 || b[i + 3] !== 6) continue;
    const count = u16(b, i + 10);
    const cdSize = u32(b, i + 12);
    const cdOffset = u32(b, i + 16);
    const loc = i - 20;
    const zip64Record = loc >= 0 && u32(b, loc) === 0x07064b50 ? u64(b, loc + 8) : null;
    return { count, cdSize, cdOffset, zip64: count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff, zip64Record };
  }
  return null;
}

/** The Zip64 end record at `p` of `b`; null when it is not one. */
export function readZip64End(b: Uint8Array, p: number): { count: number; cdSize: number; cdOffset: number } | null {
  if (p + 56 > b.length || u32(b, p) !== 0x06064b50) return null;
  return { count: u64(b, p + 32), cdSize: u64(b, p + 40), cdOffset: u64(b, p + 48) };
}
