// Browser side of bench/inflate.ts (bundled by esbuild, run as a module worker in Chromium): inflates one
// raw-DEFLATE part, sent once, by the method asked for, and answers with its own clock's milliseconds.
import { Inflate, inflateSync } from 'fflate';

let data = new Uint8Array(0);
let size = 0;

/** Chromium's native inflate, fed in 64 KiB pieces, read into one buffer of the declared size. */
async function native(): Promise<number> {
  const ds = new DecompressionStream('deflate-raw');
  const writer = ds.writable.getWriter();
  const reader = ds.readable.getReader();
  const out = new Uint8Array(size);
  const feeding = (async () => {
    for (let p = 0; p < data.length; p += 1 << 16) await writer.write(data.subarray(p, Math.min(data.length, p + (1 << 16))));
    await writer.close();
  })();
  let at = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    out.set(value, at);
    at += value.length;
  }
  await feeding;
  return at;
}

/** fflate's streaming Inflate in 64 KiB pushes: the xlsx reader's path for parts past WHOLE_ENTRY_LIMIT. */
function streamed(): number {
  let at = 0;
  const inf = new Inflate((chunk) => (at += chunk.length));
  for (let p = 0; p < data.length; p += 1 << 16)
    inf.push(data.subarray(p, Math.min(data.length, p + (1 << 16))), p + (1 << 16) >= data.length);
  return at;
}

const methods: Record<string, () => number | Promise<number>> = {
  'fflate whole': () => inflateSync(data, { out: new Uint8Array(size) }).length,
  'fflate streamed': streamed,
  DecompressionStream: native,
};

self.onmessage = async (ev: MessageEvent<{ data: ArrayBuffer; size: number } | string>) => {
  const post = (m: unknown) => (self as unknown as Worker).postMessage(m);
  if (typeof ev.data !== 'string') {
    data = new Uint8Array(ev.data.data);
    size = ev.data.size;
    return post('ready');
  }
  const t = performance.now();
  const n = await methods[ev.data]();
  post({ ms: performance.now() - t, ok: n === size });
};
