// Minimal ZIP central-directory reader: we need random access to a few parts (workbook, rels, styles,
// shared strings) before streaming the sheets, and the parts' order inside the zip varies by writer.
// Decompression itself is fflate's (or node:zlib's, passed in): whole parts, streamed when huge. Every
// entry is checked against the limits before it is inflated and counted while it is (see ./limits.ts).
import { Inflate, inflateSync } from 'fflate';
import { LimitExceededError, MAX_ZIP_ENTRIES, type ReadBudget } from './limits';
import { readCentralRecord, readEndRecord, readZip64End, u16, u32 } from './zipRecords';

export interface ZipEntry {
  /** Name as stored (slashes normalised). */
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Thrown for a zip that cannot be walked; the workbook reader maps it to CORRUPT_WORKBOOK. */
export class ZipFormatError extends Error {}

/** Reads the central directory. Keys are lower-cased part names (OPC names are case-insensitive). */
export function readZipDirectory(b: Uint8Array): Map<string, ZipEntry> {
  const end = readEndRecord(b);
  if (!end) throw new ZipFormatError('no end of central directory');
  let { count, cdOffset } = end;
  // Zip64 values only where a locator names the record (else the 32-bit fields as they stand).
  if (end.zip64 && end.zip64Record !== null) {
    const z64 = readZip64End(b, end.zip64Record);
    if (!z64) throw new ZipFormatError('bad zip64 record');
    ({ count, cdOffset } = z64);
  }
  if (count > MAX_ZIP_ENTRIES) throw new LimitExceededError(`${count} zip entries (limit ${MAX_ZIP_ENTRIES})`);
  const entries = new Map<string, ZipEntry>();
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    const r = readCentralRecord(b, p);
    if (!r) throw new ZipFormatError('bad central directory');
    const name = r.name.replace(/\\/g, '/').replace(/^\//, '');
    entries.set(name.toLowerCase(), { name, method: r.method, compressedSize: r.compressedSize, size: r.size, localOffset: r.localOffset });
    p = r.next;
  }
  return entries;
}

function compressedData(b: Uint8Array, e: ZipEntry): Uint8Array {
  const h = e.localOffset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) throw new ZipFormatError('bad local header');
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw new ZipFormatError('truncated entry');
  return b.subarray(start, end);
}

/** Raw-DEFLATE decoder of a whole entry, e.g. node:zlib's inflateRawSync (faster than fflate in Node). */
export type InflateRaw = (data: Uint8Array, size: number) => Uint8Array;

/**
 * Inflation started on another thread (Node: ../node/backgroundInflate.ts): `drain` hands the output on in
 * order as it becomes ready, blocking in between, so scanning overlaps inflating. Sizes are checked by
 * the caller before the job starts and again by `drain` as the output arrives.
 */
export interface InflateJob {
  drain(onChunk: (chunk: Uint8Array, final: boolean) => void): void;
  /** Stops the thread (after an error elsewhere, or when the job is not drained). */
  cancel(): void;
}
/** Starts a job, or returns null where inflating inline is as good (a small part). */
export type InflateInBackground = (compressed: Uint8Array, size: number) => InflateJob | null;

/** Starts inflating a deflated entry in the background, or returns null (see InflateInBackground). */
export function startBackgroundInflate(
  b: Uint8Array,
  e: ZipEntry,
  budget: ReadBudget,
  start: InflateInBackground,
  wholeLimit = WHOLE_ENTRY_LIMIT,
): InflateJob | null {
  // Past the whole-entry limit a part streams in bounded memory; the background job holds it whole.
  if (e.method !== 8 || e.size > wholeLimit) return null;
  const data = compressedData(b, e);
  budget.checkPart(e.name, e.size, data.length);
  return start(data, e.size);
}

/** Whole entry in one buffer: for the small parts. */
export function readEntry(b: Uint8Array, e: ZipEntry, budget: ReadBudget, inflateRaw?: InflateRaw): Uint8Array {
  const data = compressedData(b, e);
  budget.checkPart(e.name, e.size, data.length);
  let out: Uint8Array;
  if (e.method === 0) out = data;
  else if (e.method === 8) {
    try {
      // Both stop at the declared size (checked above), so a part that lies about it costs no more.
      out = inflateRaw ? inflateRaw(data, e.size) : inflateSync(data, { out: new Uint8Array(e.size) });
    } catch (err) {
      throw new ZipFormatError(`inflate failed: ${(err as Error).message}`);
    }
  } else throw new ZipFormatError(`unsupported compression method ${e.method}`);
  if (out.length !== e.size) throw new ZipFormatError('size mismatch');
  budget.addInflated(out.length);
  return out;
}

/**
 * Compressed bytes per push to fflate's Inflate, which hands back all the output of a push at once:
 * 64 KiB can inflate to at most ~66 MB (deflate's ~1,032:1), which bounds memory before we can count.
 */
const STREAM_INPUT_CHUNK = 1 << 16;
/**
 * Parts up to this declared size inflate into one buffer of that size; larger ones stream (bounded
 * memory, and no giant allocation). Whole is much cheaper: fflate's streaming mode grows and copies its
 * output buffer on every push, which in Chromium cost more than the inflating itself (bench/inflate.ts).
 */
export const WHOLE_ENTRY_LIMIT = 256 * 1024 * 1024;

/** Streams an entry's decompressed bytes to `onChunk`, so a large sheet never sits whole in memory. */
export function streamEntry(
  b: Uint8Array,
  e: ZipEntry,
  budget: ReadBudget,
  onChunk: (chunk: Uint8Array, final: boolean) => void,
  inflateRaw?: InflateRaw,
  wholeLimit = WHOLE_ENTRY_LIMIT,
): void {
  if (e.size <= wholeLimit) {
    onChunk(readEntry(b, e, budget, inflateRaw), true);
    return;
  }
  const data = compressedData(b, e);
  budget.checkPart(e.name, e.size, data.length);
  if (e.method === 0) {
    if (data.length !== e.size) throw new ZipFormatError('size mismatch');
    budget.addInflated(data.length);
    onChunk(data, true);
    return;
  }
  if (e.method !== 8) throw new ZipFormatError(`unsupported compression method ${e.method}`);
  let total = 0;
  let ended = false;
  const inf = new Inflate((chunk, final) => {
    total += chunk.length;
    // A part inflating past its declared size is damaged or hostile: stop at once.
    if (total > e.size) throw new ZipFormatError('inflates past its declared size');
    budget.addInflated(chunk.length);
    if (final) {
      ended = true;
      if (total !== e.size) throw new ZipFormatError('size mismatch');
    }
    onChunk(chunk, final);
  });
  try {
    for (let p = 0; p < data.length; p += STREAM_INPUT_CHUNK) {
      const end = Math.min(data.length, p + STREAM_INPUT_CHUNK);
      inf.push(data.subarray(p, end), end === data.length);
    }
    if (data.length === 0) inf.push(data, true);
  } catch (err) {
    if (err instanceof ZipFormatError) throw err;
    // Errors from the sheet scanner propagate unchanged; only fflate's own become ZipFormatError.
    if (err instanceof Error && typeof (err as { code?: unknown }).code === 'number') {
      throw new ZipFormatError(`inflate failed: ${err.message}`);
    }
    throw err;
  }
  if (!ended) throw new ZipFormatError('truncated deflate stream');
}
