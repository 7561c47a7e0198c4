// Zip members whose bytes are ready before they are added (fflate's Zip container, Node's native zlib
// for the CRC-32 and the deflate): fflate's own ZipPassThrough/ZipDeflate do both in JavaScript, which
// for an archive of 500 scans and workbooks is seconds of CPU. A member can be prepared anywhere (on a
// worker thread, once for a template's fixed parts) and added to a Zip later.
import { Zip, ZipPassThrough } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';

/** A member's bytes as they go into the zip, with what its headers need. */
export interface ZipMember {
  /** 0 stored, 8 deflated. */
  method: 0 | 8;
  /** Uncompressed size and CRC-32. */
  size: number;
  crc: number;
  /** The bytes as written, in one piece or in the chunks they arrived in. */
  data: Uint8Array | readonly Uint8Array[];
}

/** Stored as is: for content that is already compressed (xlsx, pdf, jpeg, png). */
export function storedMember(bytes: Uint8Array | readonly Uint8Array[]): ZipMember {
  const chunks = bytes instanceof Uint8Array ? [bytes] : bytes;
  let crc = 0;
  let size = 0;
  for (const c of chunks) {
    crc = crc32(c, crc);
    size += c.length;
  }
  return { method: 0, size, crc: crc >>> 0, data: bytes };
}

export function deflatedMember(bytes: Uint8Array, level = 6): ZipMember {
  const out = deflateRawSync(bytes, { level });
  return { method: 8, size: bytes.length, crc: crc32(bytes) >>> 0, data: new Uint8Array(out.buffer, out.byteOffset, out.byteLength) };
}

// The member is passed to emit, never kept on the entry: fflate's Zip copies an entry's own properties
// into its central-directory record, which lives until the zip ends.
class ReadyEntry extends ZipPassThrough {
  constructor(name: string, method: 0 | 8, mtime: Date) {
    super(name);
    this.compression = method;
    this.mtime = mtime;
  }
  /** Hands the prepared bytes to the zip; size and CRC are the member's, not recomputed. */
  emit(member: ZipMember): void {
    this.size = member.size;
    this.crc = member.crc;
    const d = member.data;
    if (d instanceof Uint8Array) this.ondata(null, d as Uint8Array<ArrayBuffer>, true);
    else if (d.length === 0) this.ondata(null, new Uint8Array(0), true);
    else d.forEach((c, i) => this.ondata(null, c as Uint8Array<ArrayBuffer>, i === d.length - 1));
  }
}

/** Adds a prepared member to a streaming fflate Zip (its output goes to the Zip's callback). */
export function addMember(zip: Zip, name: string, member: ZipMember, mtime: Date): void {
  const e = new ReadyEntry(name, member.method, mtime);
  zip.add(e);
  e.emit(member);
}

/** A whole small zip in memory (a workbook), members in the given order. */
export function zipInMemory(members: readonly (readonly [string, ZipMember])[], mtime: Date): Uint8Array {
  const chunks: Uint8Array[] = [];
  let failed: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failed = err;
    else chunks.push(chunk);
  });
  for (const [name, m] of members) addMember(zip, name, m, mtime);
  zip.end();
  if (failed) throw failed;
  return Buffer.concat(chunks);
}
