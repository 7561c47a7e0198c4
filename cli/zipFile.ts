// A zip file read in place, one entry at a time, for `verify-archive`: the central directory from the
// file's tail, then each entry's bytes streamed from disk and inflated in pieces, so memory stays bounded
// whatever the archive's size. Every number in the file is distrusted: an entry inflating past its
// declared size or past MAX_ENTRY_BYTES is refused as it inflates (a zip bomb costs one chunk).
import { open, type FileHandle } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { readCentralRecord, readEndRecord, readZip64End, u16, u32 } from '../shared/xlsx/zipRecords';

export interface ZipFileEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Not a zip, or one whose directory cannot be walked (truncated, damaged). */
export class NotAZip extends Error {}
/** One entry that cannot be read: damaged, truncated, or inflating past a limit (`bomb`). */
export class EntryUnreadable extends Error {
  constructor(
    message: string,
    readonly bomb = false,
  ) {
    super(message);
  }
}

/** An evidence archive's largest honest file is a 10 MB scan or a workbook of ~10 MB; 1 GiB is far past any. */
export const MAX_ENTRY_BYTES = 1024 * 1024 * 1024;
/** 500 units hold ~2,000 entries; a county of 20,000 versions ~80,000. */
export const MAX_ENTRIES = 500_000;
const MAX_DIRECTORY_BYTES = 128 * 1024 * 1024;
const CHUNK = 64 * 1024;
const INFLATE_INPUT = 16 * 1024;

export class ZipFile {
  private constructor(
    private readonly fh: FileHandle,
    readonly size: number,
    readonly entries: Map<string, ZipFileEntry>,
  ) {}

  static async open(path: string): Promise<ZipFile> {
    const fh = await open(path, 'r');
    try {
      const size = (await fh.stat()).size;
      return new ZipFile(fh, size, await readDirectory(fh, size));
    } catch (e) {
      await fh.close();
      throw e;
    }
  }

  close(): Promise<void> {
    return this.fh.close();
  }

  private async read(offset: number, length: number): Promise<Uint8Array> {
    const buf = new Uint8Array(length);
    const { bytesRead } = await this.fh.read(buf, 0, length, offset);
    if (bytesRead !== length) throw new EntryUnreadable('文件被截断');
    return buf;
  }

  /** The entry's stored bytes, in pieces of at most CHUNK. */
  private async *raw(e: ZipFileEntry): AsyncGenerator<Uint8Array> {
    if (e.localOffset + 30 > this.size) throw new EntryUnreadable('文件被截断');
    const h = await this.read(e.localOffset, 30);
    if (u32(h, 0) !== 0x04034b50) throw new EntryUnreadable('本地文件头损坏');
    const start = e.localOffset + 30 + u16(h, 26) + u16(h, 28);
    if (start + e.compressedSize > this.size) throw new EntryUnreadable('文件被截断');
    for (let p = 0; p < e.compressedSize; p += CHUNK) yield await this.read(start + p, Math.min(CHUNK, e.compressedSize - p));
  }

  /** The entry's content in pieces; stops at `limit` (and at its declared size) while inflating. */
  async *chunks(e: ZipFileEntry, limit = MAX_ENTRY_BYTES): AsyncGenerator<Uint8Array> {
    if (e.size > limit) throw new EntryUnreadable(`声明解压后 ${e.size} 字节，超过上限 ${limit} 字节`, true);
    if (e.method === 0) {
      if (e.compressedSize !== e.size) throw new EntryUnreadable('大小记录不一致');
      yield* this.raw(e);
      return;
    }
    if (e.method !== 8) throw new EntryUnreadable(`不支持的压缩方式 ${e.method}`);
    const inflate = createInflateRaw();
    const feed = (async () => {
      try {
        for await (const c of this.raw(e))
          // Small writes: zlib inflates a whole write before it looks at backpressure, and 16 KiB of
          // deflate can become at most ~16 MB.
          for (let q = 0; q < c.length; q += INFLATE_INPUT) {
            if (inflate.destroyed) return;
            if (!inflate.write(c.subarray(q, q + INFLATE_INPUT)))
              await new Promise((r) => {
                inflate.once('drain', r);
                inflate.once('close', r);
              });
          }
        if (!inflate.destroyed) inflate.end();
      } catch (err) {
        inflate.destroy(err as Error);
      }
    })();
    let total = 0;
    try {
      for await (const out of inflate as AsyncIterable<Buffer>) {
        total += out.length;
        if (total > e.size) throw new EntryUnreadable(`解压后超过声明的 ${e.size} 字节（疑似压缩炸弹）`, true);
        yield out;
      }
    } catch (err) {
      if (err instanceof EntryUnreadable) throw err;
      throw new EntryUnreadable(`解压失败（${(err as Error).message}）`);
    } finally {
      inflate.destroy();
      await feed;
    }
    if (total !== e.size) throw new EntryUnreadable('解压后大小与记录不一致');
  }

  /** A whole (small) entry in one buffer. */
  async bytes(e: ZipFileEntry, limit: number): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    for await (const c of this.chunks(e, limit)) parts.push(c);
    return Buffer.concat(parts);
  }
}

async function readDirectory(fh: FileHandle, size: number): Promise<Map<string, ZipFileEntry>> {
  // The tail that holds the end of central directory (22 bytes + a comment of up to 65,535) and the Zip64 locator.
  const tailLen = Math.min(size, 22 + 65535 + 20);
  const tail = new Uint8Array(tailLen);
  await fh.read(tail, 0, tailLen, size - tailLen);
  const end = readEndRecord(tail);
  if (!end) throw new NotAZip('no end of central directory');
  let { count, cdSize, cdOffset } = end;
  if (end.zip64) {
    const z = end.zip64Record;
    if (z === null) throw new NotAZip('bad zip64 locator');
    if (z + 56 > size) throw new NotAZip('bad zip64 record');
    const rec = new Uint8Array(56);
    await fh.read(rec, 0, 56, z);
    const z64 = readZip64End(rec, 0);
    if (!z64) throw new NotAZip('bad zip64 record');
    ({ count, cdSize, cdOffset } = z64);
  }
  if (count > MAX_ENTRIES) throw new NotAZip(`${count} entries`);
  if (cdSize > MAX_DIRECTORY_BYTES || cdOffset + cdSize > size) throw new NotAZip('central directory out of the file');
  const cd = new Uint8Array(cdSize);
  await fh.read(cd, 0, cdSize, cdOffset);
  const entries = new Map<string, ZipFileEntry>();
  let p = 0;
  for (let n = 0; n < count; n++) {
    const r = readCentralRecord(cd, p);
    if (!r) throw new NotAZip('bad central directory');
    entries.set(r.name, { name: r.name, method: r.method, compressedSize: r.compressedSize, size: r.size, localOffset: r.localOffset });
    p = r.next;
  }
  return entries;
}
