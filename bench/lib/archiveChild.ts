// The measured side of bench/paper.ts, run in a process of its own and bundled by esbuild first, as the
// Functions app ships (under tsx the TypeScript loader's own memory would count against the route):
//   node functions/dist/bench/archiveChild.mjs archive|read CONNECTION_STRING FILE
// `archive` streams the evidence archive to FILE with the route's own code; `read` only reads the same
// ledgers and seal scans (the baseline). Prints one line: RESULT {wallMs, cpuMs, bytes, peakRssKb}.
import { createWriteStream } from 'node:fs';
import { CAMPAIGN, OFFICE, services } from './paperStorage';
import { ownPeakRssKb } from './peakRss';

async function run(mode: string, conn: string, file: string) {
  const s = services(conn);
  const t0 = performance.now();
  let bytes = 0;
  if (mode === 'archive') {
    const { openArchive } = await import('../../functions/src/app/archive');
    const a = await openArchive({ s, userId: OFFICE, now: new Date() }, CAMPAIGN, 'https://tz.example.gov.cn/api');
    const out = createWriteStream(file);
    for await (const chunk of a.stream()) {
      bytes += chunk.length;
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(() => r()));
  } else if (mode === 'read') {
    const states = await s.submissions.listStates(CAMPAIGN);
    for (const st of states) {
      const r = (await s.submissions.getVersion(CAMPAIGN, st.unitId, st.latestVersion))!;
      const { ledger } = await s.rows.read(CAMPAIGN, st.unitId, r.submissionId, { validate: false });
      bytes +=
        JSON.stringify(ledger).length +
        (await s.seals.getChunks(s.seals.blobName(CAMPAIGN, st.unitId, 1, r.seal!.sha256, 'image/jpeg'))).reduce((n, c) => n + c.length, 0);
    }
  }
  const ru = process.resourceUsage();
  const cpuMs = (ru.userCPUTime + ru.systemCPUTime) / 1000;
  process.stdout.write(`RESULT ${JSON.stringify({ wallMs: performance.now() - t0, cpuMs, bytes, peakRssKb: ownPeakRssKb() })}\n`);
}

/** BENCH_MEM_TRACE=1: where the memory is when RSS peaks (this thread's heap, buffers, the rest). */
function traceMemory(): () => void {
  let peak = process.memoryUsage();
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    if (m.rss > peak.rss) peak = m;
  }, 100);
  return () => {
    clearInterval(timer);
    const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
    const other = peak.rss - peak.heapTotal - peak.external;
    console.error(
      `at peak RSS ${mb(peak.rss)}: heap ${mb(peak.heapUsed)} used of ${mb(peak.heapTotal)}, external ${mb(peak.external)} ` +
        `(array buffers ${mb(peak.arrayBuffers)}), other threads, code and malloc ${mb(other)}`,
    );
  };
}

const [mode, conn, file] = process.argv.slice(2);
const stopTrace = process.env.BENCH_MEM_TRACE ? traceMemory() : null;
await run(mode, conn, file);
stopTrace?.();
process.exit(0);
