// Benchmark: hostile workbooks against the built `taizhang validate`, each measured as a whole process
// (wall clock incl. start-up, peak RSS). Targets (issue 9.3): a 1 GB zip bomb refused in < 1 s at
// < 200 MB peak RSS. Baselines in the same run: `node -e 0` (start-up alone, best of 3) and a plain Node
// process that only inflates the bomb's roster with node:zlib (streaming, output discarded) — the least
// that reading it without limits would cost (fflate takes several times longer).
//   npx tsx bench/bomb.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCli } from '../cli/build.mjs';
import { readLedgerFromXlsx } from '../shared/ledger/fromXlsx';
import { nodeInflateRaw } from '../shared/node/inflate';
import { bombSet, lyingZipBomb, zipBomb } from '../tests/xlsx/bombs';
import { runProcess } from './lib/process';

const root = join(fileURLToPath(import.meta.url), '../..');

// Inflates xl/worksheets/sheet2.xml of the file with node:zlib, streaming, and prints the byte count.
const INFLATE_ONLY = `
import { readFileSync } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
const b = new Uint8Array(readFileSync(process.argv[2]));
const dv = new DataView(b.buffer, b.byteOffset);
let eocd = b.length - 22;
while (dv.getUint32(eocd, true) !== 0x06054b50) eocd--;
let p = dv.getUint32(eocd + 16, true);
for (;;) {
  const nameLen = dv.getUint16(p + 28, true);
  const name = new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen));
  if (name === 'xl/worksheets/sheet2.xml') {
    const local = dv.getUint32(p + 42, true);
    const start = local + 30 + dv.getUint16(local + 26, true) + dv.getUint16(local + 28, true);
    const data = b.subarray(start, start + dv.getUint32(p + 20, true));
    let total = 0;
    const inf = createInflateRaw();
    inf.on('data', (chunk) => { total += chunk.length; });
    inf.on('end', () => console.log(total));
    inf.end(data);
    break;
  }
  p += 46 + nameLen + dv.getUint16(p + 30, true) + dv.getUint16(p + 32, true);
}
`;

async function main() {
  await buildCli();
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-bomb-'));
  try {
    const bomb = join(dir, 'bomb.xlsx');
    const bombBytes = zipBomb(1024);
    writeFileSync(bomb, bombBytes);
    const inProcess = (inflateRaw?: typeof nodeInflateRaw) => {
      const t0 = performance.now();
      try {
        readLedgerFromXlsx(bombBytes, { inflateRaw });
      } catch {
        // refused, as expected (the CLI runs below show the code)
      }
      return performance.now() - t0;
    };
    console.log(
      `in process, the reader refuses the 1 GB bomb in ${inProcess(nodeInflateRaw).toFixed(1)} ms (node:zlib), ${inProcess().toFixed(1)} ms (fflate, as in the browser)`,
    );
    const inflater = join(root, 'bench', '.inflate-only.mjs');
    writeFileSync(inflater, INFLATE_ONLY);
    const bin = join(root, 'bin/taizhang.mjs');
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const rss = (mb: number | null) => (mb === null ? 'n/a' : `${mb} MB`);

    const bare = [0, 1, 2].map(() => runProcess(['-e', '0'])).sort((a, b) => a.wallMs - b.wallMs)[0];
    let inflateOnly;
    try {
      inflateOnly = runProcess([inflater, bomb], { cwd: root });
    } finally {
      rmSync(inflater, { force: true });
    }
    console.log(`node -e 0 (start-up only)              : ${f(bare.wallMs)} (CPU ${bare.cpuMs} ms)  peak RSS ${rss(bare.maxRssMb)}`);
    console.log(
      `node:zlib inflate of the bomb, no limits: ${f(inflateOnly.wallMs)} (CPU ${inflateOnly.cpuMs} ms)  peak RSS ${rss(inflateOnly.maxRssMb)}  (${(Number(inflateOnly.stdout.trim()) / 1e9).toFixed(2)} GB)`,
    );

    const cases: [string, Uint8Array][] = [
      ...bombSet().map((b) => [b.name, b.bytes] as [string, Uint8Array]),
      ['zip bomb lying about its size', lyingZipBomb(1024)],
    ];
    let worst = { wallMs: 0, maxRssMb: 0 };
    for (const [name, bytes] of cases) {
      const file = join(dir, 'case.xlsx');
      writeFileSync(file, bytes);
      const r = runProcess([bin, 'validate', file, '--json']);
      let code = '?';
      try {
        code = JSON.parse(r.stdout).error?.code ?? 'none';
      } catch {
        code = 'unparsable output';
      }
      console.log(
        `taizhang validate: ${name.padEnd(30)}: ${f(r.wallMs)} (CPU ${r.cpuMs} ms)  peak RSS ${rss(r.maxRssMb)}  exit ${r.status} ${code}  (${(bytes.length / 1e6).toFixed(2)} MB file)`,
      );
      worst = { wallMs: Math.max(worst.wallMs, r.wallMs), maxRssMb: Math.max(worst.maxRssMb, r.maxRssMb ?? 0) };
    }
    const main = runProcess([bin, 'validate', bomb, '--json']);
    console.log(
      `1 GB zip bomb refused in ${f(main.wallMs)}, CPU ${main.cpuMs} ms (${(main.wallMs / inflateOnly.wallMs).toFixed(3)} × the inflate alone; start-up ${f(bare.wallMs)}, CPU ${bare.cpuMs} ms) at ${rss(main.maxRssMb)}; ` +
        `worst of all bombs ${f(worst.wallMs)} at ${worst.maxRssMb} MB`,
    );
    console.log(
      `targets: refused < 1 s: ${main.wallMs < 1000 ? 'OK' : 'MISS'}; peak RSS < 200 MB: ${main.maxRssMb !== null && main.maxRssMb < 200 ? 'OK' : 'MISS'}; ` +
        `every bomb exit 2 < 1 s and < 200 MB: ${worst.wallMs < 1000 && worst.maxRssMb < 200 ? 'OK' : 'MISS'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
