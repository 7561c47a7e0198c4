// Aggregated workbook benchmark: 500 units × 200 persons (100,000 roster rows) seeded into a fresh
// Azurite through the repositories, then aggregated
//   - with our streaming writer (shared/node/xlsxWriter.ts), and
//   - with ExcelJS's in-memory Workbook API, the same rows through the same sheet builders,
// each in its own child process (clean heap and RSS). Each child first reads every ledger from storage
// (timed as "read"), then builds the workbook (timed as "write"). A third child runs the real route
// function (streaming: reads and writes interleaved, built on the work pool's thread) for its wall time,
// peak RSS and the longest stall of its event loop; a fourth builds the same stream on the event loop, as
// the route did before the pool (the stall baseline).
// Targets: fast write < 5 s, route peak RSS < 300 MB, ExcelJS/fast write time ≥ 5×.
//   npx tsx bench/aggregate.ts [--units 500] [--persons 200]
import { childResult } from './lib/process';
import { monitorEventLoopDelay, performance as nodePerformance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type ExcelJSType from 'exceljs';
import { startAzurite } from '../functions/host/azurite';
import { parseSettings } from '../functions/src/settings';
import { createServices, type Services } from '../functions/src/services';
import { aggregateInput, aggregateWorkbook } from '../functions/src/app/workbooks';
import { writeAggregate, type UnitLedger } from '../functions/src/documents/aggregate/write';
import { XlsxStreamWriter, collectXlsxAsync, dateSerial, dateTimeSerial, type CellValue, type SheetSpec } from '../shared/node/xlsxWriter';
import type { SheetSink, WorkbookSink } from '../functions/src/documents/sink';
// ExcelJS, the engine and the sample ledgers are imported only by the children that use them, so the route
// child's RSS is not inflated by modules the route never loads.
import type { Member, UnitDef } from '../shared/api/contract';
import { commitSeedVersion } from './lib/seed';
import { excelSerialToDate } from '../shared/dates';
import { ownPeakRssKb } from './lib/peakRss';
import { deployedProcessEnv } from './lib/deployedEnv';

const SELF = fileURLToPath(import.meta.url);
const ROOT = join(dirname(SELF), '..');
const CAMPAIGN = 'bench';
const OFFICE = 'office-admin';
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

function services(conn: string): Services {
  return createServices(
    parseSettings({
      STORAGE_CONNECTION_STRING: conn,
      AUTH_MODE: 'dev',
      DEV_SIGNING_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
      OFFICE_ADMINS: OFFICE,
      // Seeding 500 units 8 at a time on a busy machine can take longer than the default bound.
      STORAGE_TIMEOUT_MS: '30000',
    }),
  );
}

const mb = (kb: number) => (kb / 1024).toFixed(0);

// ---------------------------------------------------------------- ExcelJS sink (the baseline)

const FMT: Record<string, string | undefined> = { integer: '0', number: '#,##0.00', date: 'yyyy-mm-dd', datetime: 'yyyy-mm-dd hh:mm' };

class ExcelJsSink implements WorkbookSink {
  readonly wb: ExcelJSType.Workbook;
  constructor(ExcelJS: typeof ExcelJSType) {
    this.wb = new ExcelJS.Workbook();
  }
  addSheet(spec: SheetSpec): SheetSink {
    const ws = this.wb.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width ?? 12, style: FMT[c.kind] ? { numFmt: FMT[c.kind] } : {} }));
    ws.getRow(1).font = { bold: true };
    let rows = 1;
    const kinds = spec.columns.map((c) => c.kind);
    return {
      row(values: readonly CellValue[], style) {
        // The same conversions as our writer: dates to Excel dates (China time for instants).
        const v = values.map((x, i) => {
          if (typeof x !== 'string') return x ?? null;
          const k = kinds[i];
          const serial = k === 'date' ? dateSerial(x) : k === 'datetime' ? dateTimeSerial(x) : null;
          return serial === null ? x : excelSerialToDate(serial);
        });
        const r = ws.addRow(v);
        if (style === 'bold') r.font = { bold: true };
        rows++;
      },
      end() {
        ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows, column: spec.columns.length } };
      },
    };
  }
}

// ---------------------------------------------------------------- children

async function child(mode: string, conn: string): Promise<void> {
  const s = services(conn);
  const call = { s, userId: OFFICE, now: new Date() };
  const t0 = performance.now();
  if (mode === 'seed') {
    // For profiling against a running Azurite: `--child seed --conn …`, then `--child route --conn …`.
    await seed(s, arg('units', 500), arg('persons', 200));
    return;
  }
  if (mode === 'route' || mode === 'inline') {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const elu0 = nodePerformance.eventLoopUtilization();
    const r = mode === 'route' ? await aggregateWorkbook(call, CAMPAIGN) : await inlineAggregate(call);
    const wall = performance.now() - t0;
    loop.disable();
    const elu = nodePerformance.eventLoopUtilization(elu0);
    await s.work.close();
    out({
      mode,
      wallMs: wall,
      maxStallMs: loop.max / 1e6,
      loopBusyMs: elu.active,
      readMs: r.stats.readMs,
      writeMs: r.stats.writeMs,
      bytes: r.bytes.length,
      persons: r.stats.persons,
      findings: r.stats.findings,
      crossUnit: r.stats.crossUnit,
    });
    return;
  }
  const { input } = await aggregateInput(call, CAMPAIGN);
  const all: UnitLedger[] = [];
  for await (const l of input.ledgers) all.push(l);
  const readMs = performance.now() - t0;
  const t1 = performance.now();
  let bytes = 0;
  if (mode === 'fast') {
    const w = new XlsxStreamWriter((c) => (bytes += c.length));
    await writeAggregate({ ...input, ledgers: all }, w);
    w.finish();
  } else {
    const sink = new ExcelJsSink((await import('exceljs')).default);
    await writeAggregate({ ...input, ledgers: all }, sink);
    const buf = await sink.wb.xlsx.writeBuffer();
    bytes = buf.byteLength;
  }
  const writeMs = performance.now() - t1;
  out({ mode, readMs, writeMs, bytes, persons: all.reduce((n, l) => n + (l.ledger.roster?.rows.length ?? 0), 0) });
}

/** The route's streaming build on this thread (no pool): the event-loop baseline. */
async function inlineAggregate(call: { s: Services; userId: string; now: Date }) {
  const { input } = await aggregateInput(call, CAMPAIGN);
  const { bytes, value: stats } = await collectXlsxAsync((w) => writeAggregate(input, w));
  return { bytes, stats };
}

function out(o: Record<string, unknown>) {
  o.peakRssKb = ownPeakRssKb();
  process.stdout.write(`RESULT ${JSON.stringify(o)}\n`);
}

function runChild(mode: string, conn: string): Record<string, number> {
  // Only the ExcelJS baseline needs a bigger heap; the others run with Node's defaults.
  const flags = mode === 'exceljs' ? ['--max-old-space-size=8192'] : [];
  // The route as deployed: the Function App's process settings (infra/main.bicep).
  const env = mode === 'route' || mode === 'inline' ? { ...process.env, ...deployedProcessEnv(ROOT) } : process.env;
  return childResult([...flags, '--import', 'tsx', SELF, '--child', mode, '--conn', conn], env);
}

// ---------------------------------------------------------------- seeding

async function seed(s: Services, nUnits: number, perUnit: number): Promise<{ persons: number; dupes: number }> {
  const { checkLedger } = await import('../shared/rules/engine');
  const { makeLedger, validRosterRow } = await import('../fixtures/sampleLedgers');
  const { ledgerDigests } = await import('../functions/src/infra/digest');
  const now = new Date('2025-07-15T02:00:00Z');
  const audit = { userId: OFFICE, role: 'office' as const, unitId: null, version: null, digest: null, details: {} };
  await s.storage.ready();
  await s.campaigns.putCampaign(
    {
      campaignId: CAMPAIGN,
      title: '示范县编外人员清理（基准）',
      templateVersion: '1',
      milestones: [{ id: 'm1', title: '报送台账', due: '2025-07-10' }],
      supervisorReview: true,
    },
    { ...audit, action: 'campaign.put' },
    now,
  );
  const depts = Math.max(1, Math.round(nUnits / 25));
  const units: UnitDef[] = [];
  const members: Member[] = [];
  for (let d = 0; d < depts; d++)
    units.push({ unitId: `d${String(d).padStart(3, '0')}`, name: `示范县第${d + 1}主管部门`, parentId: null });
  for (let u = units.length; u < nUnits; u++)
    units.push({
      unitId: `u${String(u).padStart(4, '0')}`,
      name: `示范县第${u + 1}单位`,
      parentId: `d${String(u % depts).padStart(3, '0')}`,
    });
  for (const u of units) {
    members.push({ userId: `${u.unitId}-liaison`, name: `联络员${u.unitId}`, role: 'liaison', unitId: u.unitId });
    members.push({ userId: `${u.unitId}-head`, name: `负责人${u.unitId}`, role: 'head', unitId: u.unitId });
  }
  await s.campaigns.putUnits(CAMPAIGN, units, members, { ...audit, action: 'units.put' }, now);

  let dupes = 0;
  const queue = units.map((u, i) => ({ u, i }));
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const { u, i } = job;
      const ledger = makeLedger(perUnit, { unitName: u.name });
      ledger.roster!.rows.forEach((r, k) => (r.values = validRosterRow(i * perUnit + k)));
      if (i % 50 === 1) {
        ledger.roster!.rows[0].values = validRosterRow((i - 1) * perUnit); // a person on two units' ledgers
        dupes++;
      }
      const check = checkLedger(ledger);
      if (check.summary.errors > 0)
        throw new Error(`seed ledger ${u.unitId} has errors: ${check.issues.find((x) => x.severity === 'error')?.code}`);
      const submissionId = await s.rows.write(CAMPAIGN, u.unitId, ledger, check.issues);
      const { sha256 } = ledgerDigests(ledger);
      const at = new Date(now.getTime() - (i % 20) * 86_400_000).toISOString();
      const signed = i % 5 !== 0;
      const sealed = i % 5 > 1;
      await commitSeedVersion(
        s,
        CAMPAIGN,
        {
          unitId: u.unitId,
          submissionId,
          digest: sha256,
          summary: check.summary,
          receiptNo: `TZ-BENCH-${u.unitId}-V1`,
          at,
          signed,
          seal: sealed ? { sha256: '0'.repeat(64), contentType: 'application/pdf', bytes: 1024 } : null,
        },
        now,
      );
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  // An on-staff roster of 5,000 IDs, 100 of which are on ledgers.
  const onStaff: string[] = [];
  for (let k = 0; k < 100; k++) onStaff.push(validRosterRow(k * 997).idNumber as string);
  for (let k = 0; onStaff.length < 5000; k++) onStaff.push(validRosterRow(nUnits * perUnit + 1000 + k).idNumber as string);
  await s.onStaff.replace(CAMPAIGN, onStaff, { ...audit, action: 'onstaff.put' }, now);
  return { persons: nUnits * perUnit, dupes };
}

// ---------------------------------------------------------------- main

async function main() {
  const ci = process.argv.indexOf('--child');
  if (ci >= 0) {
    await child(process.argv[ci + 1], process.argv[process.argv.indexOf('--conn') + 1]);
    process.exit(0);
  }
  const nUnits = arg('units', 500);
  const perUnit = arg('persons', 200);
  const dir = mkdtempSync(join(tmpdir(), 'tz-bench-aggregate-'));
  const azurite = await startAzurite({ location: dir });
  try {
    const s = services(azurite.connectionString);
    const t0 = performance.now();
    const seeded = await seed(s, nUnits, perUnit);
    console.log(
      `seeded ${nUnits} units × ${perUnit} persons (${seeded.persons} rows) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const fast = runChild('fast', azurite.connectionString);
    console.log(
      `fast writer : read ${fast.readMs.toFixed(0)} ms, write ${fast.writeMs.toFixed(0)} ms, ${(fast.bytes / 1e6).toFixed(1)} MB, peak RSS ${mb(fast.peakRssKb)} MB (all ledgers held in memory)`,
    );
    const route = runChild('route', azurite.connectionString);
    console.log(
      `route (pool)  : wall ${route.wallMs.toFixed(0)} ms (waiting on storage ${route.readMs.toFixed(0)} ms, building ${route.writeMs.toFixed(0)} ms), ${(route.bytes / 1e6).toFixed(1)} MB, ` +
        `peak RSS ${mb(route.peakRssKb)} MB, event loop busy ${route.loopBusyMs.toFixed(0)} ms (longest stall ${route.maxStallMs.toFixed(0)} ms); ${route.persons} persons, ${route.findings} findings, ${route.crossUnit} cross-unit rows`,
    );
    const inline = runChild('inline', azurite.connectionString);
    console.log(
      `same stream on the event loop (before the pool): wall ${inline.wallMs.toFixed(0)} ms, peak RSS ${mb(inline.peakRssKb)} MB, ` +
        `event loop busy ${inline.loopBusyMs.toFixed(0)} ms (longest stall ${inline.maxStallMs.toFixed(0)} ms) → busy ratio pool / inline ${(route.loopBusyMs / inline.loopBusyMs).toFixed(2)}`,
    );
    if (process.argv.includes('--no-exceljs')) return;
    const excel = runChild('exceljs', azurite.connectionString);
    console.log(
      `ExcelJS      : read ${excel.readMs.toFixed(0)} ms, write ${excel.writeMs.toFixed(0)} ms, ${(excel.bytes / 1e6).toFixed(1)} MB, peak RSS ${mb(excel.peakRssKb)} MB`,
    );
    const ratio = excel.writeMs / fast.writeMs;
    console.log(`ratio write time ExcelJS / fast: ${ratio.toFixed(1)}×   (target ≥ 5×)`);
    console.log(`ratio peak RSS  ExcelJS / route: ${(excel.peakRssKb / route.peakRssKb).toFixed(1)}×`);
    console.log(
      `targets: fast write ${fast.writeMs < 5000 ? 'OK' : 'MISSED'} (< 5 s), route peak RSS ${route.peakRssKb / 1024 < 300 ? 'OK' : 'MISSED'} (< 300 MB), ratio ${ratio >= 5 ? 'OK' : 'MISSED'}`,
    );
  } finally {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
