// Inflating a large sheet part, the xlsx reader's first cost: the roster of a 100,000-row ledger (73 MB of
// XML from 13 MB), in Chromium (a module worker, as the 网页版 reads) and in Node, by each method at hand:
// fflate into one buffer of the declared size (the reader's default up to WHOLE_ENTRY_LIMIT), fflate's
// streaming Inflate (the reader's path past it), Chromium's native DecompressionStream('deflate-raw'),
// and node:zlib (the CLI's and the functions'). Reports wall time and CPU time (Chromium: the worker
// thread, from /proc) of each, median of 5, interleaved so the neighbours' load falls on all alike.
//   npx tsx bench/inflate.ts        (BENCH_INFLATE_ROWS overrides the 100,000)
import { build } from 'esbuild';
import { Inflate, inflateSync } from 'fflate';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { writeLedgerFile } from '../fixtures/sampleWorkbooks';
import { launchChromium } from '../tests/e2e/harness';
import { readZipDirectory } from '../shared/xlsx/zip';
import { SHEET_ROSTER } from '../shared/template/definition';
import { readWorkbook } from '../shared/xlsx/read';
import { chromiumCpu, cpuSince } from './lib/chromiumCpu';

const ROWS = Number(process.env.BENCH_INFLATE_ROWS ?? 100_000);
const REPS = 5;
const here = dirname(fileURLToPath(import.meta.url));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const dir = mkdtempSync(join(tmpdir(), 'taizhang-bench-inflate-'));
try {
  const file = join(dir, 'ledger.xlsx');
  await writeLedgerFile(file, ROWS);
  const bytes = new Uint8Array(readFileSync(file));
  // The roster part's raw DEFLATE data, found as the reader finds it.
  const names = readWorkbook(bytes, { sheets: [] }).sheetNames;
  const entry = [...readZipDirectory(bytes).values()].find((e) => e.name === `xl/worksheets/sheet${names.indexOf(SHEET_ROSTER) + 1}.xml`)!;
  const h = entry.localOffset;
  const start = h + 30 + (bytes[h + 26] | (bytes[h + 27] << 8)) + (bytes[h + 28] | (bytes[h + 29] << 8));
  const data = bytes.slice(start, start + entry.compressedSize);
  const size = entry.size;
  console.log(
    `${entry.name} of a ${ROWS}-row ledger: ${(size / 1e6).toFixed(1)} MB from ${(data.length / 1e6).toFixed(1)} MB; load average ${load()}`,
  );

  // Node.
  const node: Record<string, () => number> = {
    'node:zlib': () => inflateRawSync(data, { chunkSize: size + 1, maxOutputLength: size }).length,
    'fflate whole': () => inflateSync(data, { out: new Uint8Array(size) }).length,
    'fflate streamed': () => {
      let at = 0;
      const inf = new Inflate((chunk) => (at += chunk.length));
      for (let p = 0; p < data.length; p += 1 << 16)
        inf.push(data.subarray(p, Math.min(data.length, p + (1 << 16))), p + (1 << 16) >= data.length);
      return at;
    },
  };
  const nodeRuns = new Map<string, { wall: number[]; cpu: number[] }>(Object.keys(node).map((k) => [k, { wall: [], cpu: [] }]));
  for (const fn of Object.values(node)) fn(); // warm-up
  for (let r = 0; r < REPS; r++)
    for (const [name, fn] of Object.entries(node)) {
      const c = process.cpuUsage();
      const t = performance.now();
      if (fn() !== size) throw new Error(`${name}: wrong size`);
      const d = process.cpuUsage(c);
      nodeRuns.get(name)!.wall.push(performance.now() - t);
      nodeRuns.get(name)!.cpu.push((d.user + d.system) / 1000);
    }

  // Chromium: a module worker holding the data.
  const js = (
    await build({
      entryPoints: [join(here, 'lib/inflateWorker.ts')],
      bundle: true,
      format: 'esm',
      write: false,
      minify: true,
      target: 'es2022',
    })
  ).outputFiles[0].text;
  const server = createServer((req, res) => {
    if (req.url === '/w.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else if (req.url === '/data.bin') res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(data);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>inflate</title>');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const browser = await launchChromium();
  const webRuns = new Map<string, { wall: number[]; cpu: number[] }>();
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    // No named functions in page code: tsx's keepNames would wrap them in a helper the page lacks.
    await page.evaluate(async (n) => {
      const buf = await (await fetch('/data.bin')).arrayBuffer();
      const w = new Worker('/w.js', { type: 'module' });
      (window as unknown as { call: (m: unknown, t?: Transferable[]) => Promise<unknown> }).call = (m, t = []) =>
        new Promise<unknown>((ok, ko) => {
          w.onmessage = (e) => ok(e.data);
          w.onerror = (e) => ko(new Error(e.message));
          w.postMessage(m, t);
        });
      await (window as unknown as { call: (m: unknown, t?: Transferable[]) => Promise<unknown> }).call({ data: buf, size: n }, [buf]);
    }, size);
    const methods = ['fflate whole', 'fflate streamed', 'DecompressionStream'];
    for (const m of methods) {
      webRuns.set(m, { wall: [], cpu: [] });
      await page.evaluate((name) => (window as unknown as { call: (m: unknown) => Promise<unknown> }).call(name), m); // warm-up
    }
    for (let r = 0; r < REPS; r++)
      for (const m of methods) {
        const before = chromiumCpu();
        const res = (await page.evaluate((name) => (window as unknown as { call: (m: unknown) => Promise<unknown> }).call(name), m)) as {
          ms: number;
          ok: boolean;
        };
        if (!res.ok) throw new Error(`${m}: wrong size in Chromium`);
        webRuns.get(m)!.wall.push(res.ms);
        webRuns.get(m)!.cpu.push(cpuSince(before).workerMs);
      }
  } finally {
    await browser.close();
    server.close();
  }

  const base = median(nodeRuns.get('node:zlib')!.cpu);
  const line = (where: string, name: string, x: { wall: number[]; cpu: number[] }) =>
    console.log(
      `    ${`${where} ${name}`.padEnd(32)} ${median(x.wall).toFixed(0).padStart(6)} ms wall ${median(x.cpu).toFixed(0).padStart(6)} ms CPU  = ${(median(x.cpu) / base).toFixed(2)}× node:zlib's CPU`,
    );
  console.log(`medians of ${REPS} (Chromium CPU: the worker thread, 10 ms ticks):`);
  for (const [k, v] of nodeRuns) line('Node', k, v);
  for (const [k, v] of webRuns) line('Chromium', k, v);
  console.log(`load average ${load()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
