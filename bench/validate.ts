// Benchmark: validating a 100,000-row ledger .xlsx with our reader vs merely reading it with ExcelJS's
// streaming reader (the baseline, measured in the same run). Each contender runs in its own child
// process so its peak RSS is its own. Targets: validate < 5 s, ≤ 0.5 × ExcelJS read (in-process times),
// peak RSS < 400 MB; as whole processes (issue 12.7), the built `taizhang validate` ≤ 0.35 × a plain-Node
// process reading the file with ExcelJS, and `taizhang --help` < 150 ms (beside `node -e 0`).
//   npx tsx bench/validate.ts [rows]
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleForBench } from './lib/bundle';
import { buildCli } from '../cli/build.mjs';
import { runProcess, type ProcessRun } from './lib/process';
import { ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT, UNIT_FIELDS } from '../shared/template/definition';
import { validRosterRow, validUnitValues } from '../fixtures/sampleLedgers';
import { ownPeakRssKb } from './lib/peakRss';

const self = fileURLToPath(import.meta.url);
const root = join(self, '../..');

interface ChildReport {
  ms: number;
  maxRssMb: number;
  detail: Record<string, number | string | boolean>;
}

function maxRssMb(): number {
  return Math.round(ownPeakRssKb() / 1024);
}

async function childExceljs(file: string): Promise<ChildReport> {
  const t0 = performance.now();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    worksheets: 'emit',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  let rows = 0;
  let cells = 0;
  for await (const ws of reader) {
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      rows++;
      cells += (row.values as unknown[]).length;
    }
  }
  return { ms: performance.now() - t0, maxRssMb: maxRssMb(), detail: { rows, cells } };
}

/** The run with the median wall time, its CPU time the median of the CPU times. */
function medianRun(runs: ProcessRun[]): ProcessRun & { cpuMs: number | null } {
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const byWall = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)];
  const cpus = runs.map((r) => r.cpuMs).filter((c): c is number => c !== null);
  return { ...byWall, cpuMs: cpus.length === runs.length ? mid(cpus) : null };
}

// Built once by main() (see bench/lib/validateInProcess.ts for why it is bundled).
const IN_PROCESS_BUNDLE = join(root, 'bench/out/validateInProcess.mjs');

async function childOurs(file: string, inflate: 'node' | 'fflate'): Promise<ChildReport> {
  const { validateInProcess } = (await import(pathToFileURL(IN_PROCESS_BUNDLE).href)) as typeof import('./lib/validateInProcess');
  const r = validateInProcess(file, inflate);
  return {
    ms: r.totalMs,
    maxRssMb: maxRssMb(),
    detail: {
      fileMs: Math.round(r.fileMs),
      readParseMs: Math.round(r.readParseMs),
      checkMs: Math.round(r.checkMs),
      rows: r.summary.rows,
      errors: r.summary.errors,
      warnings: r.summary.warnings,
      findings: r.summary.findings,
    },
  };
}

async function writeLedger(file: string, n: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: createWriteStream(file), useSharedStrings: true, useStyles: true });
  const unitWs = wb.addWorksheet(SHEET_UNIT);
  const unit = validUnitValues(n);
  unitWs.addRow([SHEET_UNIT]).commit();
  for (const d of UNIT_FIELDS) {
    const v = unit[d.key];
    const row = unitWs.addRow([d.header, d.type.kind === 'date' && typeof v === 'string' ? new Date(`${v}T00:00:00Z`) : v]);
    if (d.type.kind === 'date') row.getCell(2).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  unitWs.commit();
  const ws = wb.addWorksheet(SHEET_ROSTER);
  ws.addRow([`示范县${SHEET_ROSTER}`]).commit();
  ws.addRow(['填报单位（盖章）：']).commit();
  ws.addRow(ROSTER_FIELDS.map((d) => d.header)).commit();
  const dateCols = ROSTER_FIELDS.flatMap((d, c) => (d.type.kind === 'date' ? [c] : []));
  for (let i = 0; i < n; i++) {
    const v = validRosterRow(i);
    const row = ws.addRow(
      ROSTER_FIELDS.map((d) => {
        const x = v[d.key];
        return d.type.kind === 'date' && typeof x === 'string' ? new Date(`${x}T00:00:00Z`) : x;
      }),
    );
    for (const c of dateCols) row.getCell(c + 1).numFmt = 'yyyy-mm-dd';
    row.commit();
  }
  ws.commit();
  await wb.commit();
}

function runChild(mode: string, file: string): ChildReport & { wallMs: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', self, `--child=${mode}`, file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const wallMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${mode} child failed: ${r.stderr}`);
  const line = r.stdout.trim().split('\n').pop()!;
  return { ...(JSON.parse(line) as ChildReport), wallMs };
}

async function main() {
  const childArg = process.argv.find((a) => a.startsWith('--child='));
  if (childArg) {
    const file = process.argv[process.argv.indexOf(childArg) + 1];
    const mode = childArg.slice('--child='.length);
    const report = mode === 'exceljs' ? await childExceljs(file) : await childOurs(file, mode === 'ours-fflate' ? 'fflate' : 'node');
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  const n = Number(process.argv[2] ?? 100_000);
  await buildCli(); // the CLI is measured as users run it: the build
  await bundleForBench(join(root, 'bench/lib/validateInProcess.ts'), IN_PROCESS_BUNDLE);
  const dir = mkdtempSync(join(tmpdir(), 'taizhang-bench-'));
  const file = join(dir, 'ledger.xlsx');
  try {
    let t = performance.now();
    await writeLedger(file, n);
    console.log(
      `wrote ${n} rows (${(statSync(file).size / 1e6).toFixed(1)} MB) with ExcelJS WorkbookWriter in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    t = performance.now();
    const baseline = runChild('exceljs', file);
    const ours = runChild('ours', file);
    const browser = runChild('ours-fflate', file);
    // As processes: three runs each, alternating, medians (one run of each swung the ratio by ±0.05).
    // The CLI writes its report to a file, as `> report.json` would.
    const report = join(dir, 'report.json');
    const cliRuns: ProcessRun[] = [];
    const exceljsRuns: ProcessRun[] = [];
    for (let k = 0; k < 3; k++) {
      cliRuns.push(runProcess([join(root, 'bin/taizhang.mjs'), 'validate', file, '--json'], { stdoutFile: report }));
      exceljsRuns.push(runProcess([join(root, 'bench/exceljsRead.mjs'), file]));
    }
    const reported = JSON.parse(readFileSync(report, 'utf8')) as { summary: { rows: number } };
    if (reported.summary.rows !== n) throw new Error(`the CLI reported ${reported.summary.rows} rows, not ${n}`);
    const cli = medianRun(cliRuns);
    const exceljsProcess = medianRun(exceljsRuns);
    const best = (args: string[]) => {
      const runs = [0, 1, 2, 3, 4].map(() => runProcess(args));
      return { wallMs: Math.min(...runs.map((r) => r.wallMs)), cpuMs: Math.min(...runs.map((r) => r.cpuMs ?? Infinity)) };
    };
    const nodeBare = best(['-e', '0']);
    const helpRun = best([join(root, 'bin/taizhang.mjs'), '--help']);
    const help = helpRun.wallMs;
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const d = (r: ChildReport) =>
      `(read+parse ${r.detail.readParseMs} ms, check ${r.detail.checkMs} ms; rows ${r.detail.rows}, errors ${r.detail.errors}, ` +
      `warnings ${r.detail.warnings}, findings ${r.detail.findings})`;
    console.log(`ExcelJS streaming read only       : ${f(baseline.ms)}  peak RSS ${baseline.maxRssMb} MB  (${baseline.detail.rows} rows)`);
    console.log(`taizhang validate (node:zlib)     : ${f(ours.ms)}  peak RSS ${ours.maxRssMb} MB  ${d(ours)}`);
    console.log(`taizhang validate (fflate/browser): ${f(browser.ms)}  peak RSS ${browser.maxRssMb} MB  ${d(browser)}`);
    console.log(
      `CLI taizhang validate --json      : ${f(cli.wallMs)} wall incl. start-up (median of 3)${cli.maxRssMb !== null ? `, peak RSS ${cli.maxRssMb} MB` : ''}, exit ${cli.status}`,
    );
    console.log(
      `ExcelJS read as a process (node)  : ${f(exceljsProcess.wallMs)} wall (median of 3)${exceljsProcess.maxRssMb !== null ? `, peak RSS ${exceljsProcess.maxRssMb} MB` : ''}`,
    );
    const processRatio = cli.wallMs / exceljsProcess.wallMs;
    const cpuRatio = cli.cpuMs !== null && exceljsProcess.cpuMs !== null ? cli.cpuMs / exceljsProcess.cpuMs : NaN;
    console.log(
      `ratio CLI validate / ExcelJS read, as processes = ${processRatio.toFixed(3)} wall, ${cpuRatio.toFixed(3)} CPU time (${cli.cpuMs} / ${exceljsProcess.cpuMs} ms) (target ≤ 0.35)`,
    );
    console.log(
      `taizhang --help: ${help.toFixed(0)} ms wall, ${helpRun.cpuMs} ms CPU (best of 5; node -e 0: ${nodeBare.wallMs.toFixed(0)} ms wall, ${nodeBare.cpuMs} ms CPU; target < 150 ms)`,
    );
    const ratio = ours.ms / baseline.ms;
    const ratioBrowser = browser.ms / baseline.ms;
    console.log(`ratio validate / ExcelJS read = ${ratio.toFixed(3)} (node:zlib), ${ratioBrowser.toFixed(3)} (fflate)  (target ≤ 0.5)`);
    console.log(
      `targets: validate < 5 s: ${ours.ms < 5000 ? 'OK' : 'MISS'}; ratio ≤ 0.5: ${ratio <= 0.5 ? 'OK' : 'MISS'}; ` +
        `peak RSS < 400 MB: ${ours.maxRssMb < 400 ? 'OK' : 'MISS'}; process ratio ≤ 0.35: ${processRatio <= 0.35 ? 'OK' : 'MISS'}; ` +
        `--help < 150 ms: ${help < 150 ? 'OK' : 'MISS'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
