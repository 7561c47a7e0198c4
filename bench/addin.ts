// Add-in live check through the Excel test double (Node, no browser): a 10,000-row ledger checked on
// open (probe + chunked read + parse + check + marks) and single edits (read changed row + re-check +
// re-mark). Prints wall time and syncs; the baseline is the bare parse + check of the same data.
// Times include the double's own work (copying cell values), so they overstate the add-in's share.
import { performance } from 'node:perf_hooks';
import { createExcelDouble, installExcelDouble } from '../tests/e2e/excel-double/index';
import { makeSheets, rowNumberOf, SAMPLE_FILING_DATE } from '../fixtures/sampleLedgers';
import { parseLedger } from '../shared/ledger/parse';
import { checkLedger } from '../shared/rules/engine';
import { SHEET_GUIDE, SHEET_ROSTER, TEMPLATE_VERSION, TEMPLATE_VERSION_NAME } from '../shared/template/definition';
import { LiveSession } from '../addin/src/live/session';
import { runExcel } from '../addin/src/excel/run';
import { excelHost } from '../addin/src/host/excel';

const N = Number(process.env.BENCH_ROWS ?? 10_000);
const EDITS = 20;
const sheets = makeSheets(N);
const d = createExcelDouble();
installExcelDouble(d);
d.seed({ ...sheets, [SHEET_GUIDE]: [['填表说明'], ['模板版本', TEMPLATE_VERSION]] }, { [TEMPLATE_VERSION_NAME]: `'${SHEET_GUIDE}'!$B$2` });

const ms = (t: number) => `${t.toFixed(1)} ms`;

// Baseline: the shared core alone on the same values (after one warm-up run, so JIT does not favour either side).
checkLedger(parseLedger({ sheets, templateVersion: TEMPLATE_VERSION }));
let t0 = performance.now();
const base = checkLedger(parseLedger({ sheets, templateVersion: TEMPLATE_VERSION }));
const baseMs = performance.now() - t0;

const session = new LiveSession(excelHost(runExcel), { asOf: SAMPLE_FILING_DATE }); // as the baseline: the sample's filing date
let s0 = d.inspect.syncs();
t0 = performance.now();
await session.open();
const openMs = performance.now() - t0;
const openSyncs = d.inspect.syncs() - s0;
const summary = session.result()!.summary;

// Edits: a wrong check digit typed into the ID cell of rows spread over the sheet, then fixed again.
const idCol = 'D';
const times: number[] = [];
const syncs: number[] = [];
for (let k = 0; k < EDITS; k++) {
  const i = Math.floor(((k + 0.5) * N) / EDITS);
  const row = rowNumberOf(i);
  const good = String(d.inspect.value(SHEET_ROSTER, `${idCol}${row}`));
  for (const value of [good.slice(0, 17) + (good[17] === '0' ? '1' : '0'), good]) {
    d.model.set(d.model.sheet(SHEET_ROSTER)!, row - 1, 3, value);
    s0 = d.inspect.syncs();
    const t = performance.now();
    session.notify({ sheet: SHEET_ROSTER, address: `${idCol}${row}`, changeType: 'RangeEdited' });
    await session.idle();
    times.push(performance.now() - t);
    syncs.push(d.inspect.syncs() - s0);
  }
}
const afterEdits = session.result()!.summary;
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const p95 = times[Math.floor(times.length * 0.95)];

// A paste of 200 rows (the rows' values re-written in place).
const paste = sheets[SHEET_ROSTER].slice(1000, 1200) as (string | number)[][];
d.user.paste(SHEET_ROSTER, 'A1001', paste);
s0 = d.inspect.syncs();
t0 = performance.now();
session.notify({ sheet: SHEET_ROSTER, address: 'A1001:W1200', changeType: 'RangeEdited' });
await session.idle();
const pasteMs = performance.now() - t0;
const pasteSyncs = d.inspect.syncs() - s0;

console.log(`addin bench — ${N} rows, ${base.issues.length} issues (${base.summary.errors} errors, ${base.summary.findings} findings)`);
console.log(`baseline parse+check (shared core only): ${ms(baseMs)}`);
console.log(
  `full check on open (probe+read+parse+check+mark): ${ms(openMs)}, ${openSyncs} syncs, ratio ${(openMs / baseMs).toFixed(2)}x baseline  [target < 1000 ms]`,
);
console.log(`  marks: ${session.appliedMarks().length} conditional formats; rows ${summary.rows}`);
console.log(
  `edit (one cell, ${times.length} edits): median ${ms(median)}, p95 ${ms(p95)}, max ${ms(times[times.length - 1])}, syncs per edit max ${Math.max(...syncs)}  [target < 20 ms, <= 2 syncs]`,
);
console.log(`paste 200 rows: ${ms(pasteMs)}, ${pasteSyncs} syncs`);
console.log(`consistent after edits: ${JSON.stringify(afterEdits) === JSON.stringify(summary) ? 'yes' : 'NO'}`);
