// @bench-bundled — Engine benchmarks (run: npm run bench -- engine), bundled by esbuild as the engine ships.
// (a) checkLedger on 10,000 rows vs frictionless `tableschema` validating the same rows against the
//     equivalent Table Schema (types, required, enums, patterns, minimums) — same process, same run.
// (b) issue 12.1: the split engine (a table of small rules) against the one-file engine before the split,
//     taken from git history and bundled the same way, interleaved in this run. Budget: within 10%.
// (c) LedgerChecker.updateRow on a 10,000-row ledger: µs per edit over 1,000 varied edits.
// (d) issue 9.1: 20,000 rows sharing one ID number (was quadratic, ~53 s) vs 20,000 distinct IDs.
// Targets: (a) < 20 ms and ≥ 10× faster than tableschema; (c) median < 100 µs; (d) < 100 ms.
import { Schema } from 'tableschema';
import { bundleForBench } from './lib/bundle';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENUMS, ROSTER_FIELDS, SHEET_ROSTER, TEMPLATE_VERSION } from '../shared/template/definition';
import { checkLedger, LedgerChecker } from '../shared/rules/engine';
import { parseLedger } from '../shared/ledger/parse';
import type { LedgerRow } from '../shared/ledger/schema';
import { makeLedger, makeSheets, validRosterRow, rowNumberOf } from '../fixtures/sampleLedgers';
import type { Ledger } from '../shared/ledger/schema';

const N = 10_000;
const RUNS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}
function time(fn: () => void, runs = RUNS, warm = 5): number {
  for (let i = 0; i < warm; i++) fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return median(t);
}
const ms = (x: number) => x.toFixed(2).padStart(9) + ' ms';

// The equivalent Table Schema of the roster (what a generic validator can express).
function tableSchemaDescriptor() {
  return {
    fields: ROSTER_FIELDS.map((d) => {
      const t = d.type;
      const constraints: Record<string, unknown> = {};
      if (d.required) constraints.required = true;
      let type = 'string';
      switch (t.kind) {
        case 'text':
          if (t.maxLength) constraints.maxLength = t.maxLength;
          break;
        case 'enum':
          constraints.enum = [...ENUMS[t.values]];
          break;
        case 'date':
          type = 'date';
          break;
        case 'integer':
          type = 'integer';
          constraints.minimum = t.min;
          break;
        case 'number':
          type = 'number';
          constraints.minimum = t.min;
          break;
        case 'idNumber':
          constraints.pattern = '\\d{17}[\\dXx]|\\d{15}';
          break;
        case 'creditCode':
        case 'mobile':
          break;
      }
      return { name: d.key, type, constraints };
    }),
    missingValues: [''],
  };
}

async function benchA() {
  const sheets = makeSheets(N);
  const ledger = makeLedger(N);
  // tableschema gets the same rows as text cells (its native input), header row excluded.
  const rows = sheets[SHEET_ROSTER].slice(3).map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
  const schema = await Schema.load(tableSchemaDescriptor());
  let tsErrors = 0;
  const runTs = () => {
    tsErrors = 0;
    for (const r of rows) {
      try {
        schema.castRow(r);
      } catch {
        tsErrors++;
      }
    }
  };
  let result = checkLedger(ledger);
  const runCheck = () => {
    result = checkLedger(ledger);
  };
  const runParseCheck = () => {
    checkLedger(parseLedger({ sheets, templateVersion: TEMPLATE_VERSION }));
  };
  // Interleaved rounds so that both sides see the same machine load (the CI box has two shared cores).
  for (let i = 0; i < 3; i++) {
    runTs();
    runCheck();
    runParseCheck();
  }
  const ts: number[] = [],
    ck: number[] = [],
    pc: number[] = [];
  const clock = (fn: () => void, into: number[]) => {
    const t0 = performance.now();
    fn();
    into.push(performance.now() - t0);
  };
  for (let i = 0; i < RUNS; i++) {
    clock(runTs, ts);
    for (let j = 0; j < 3; j++) clock(runCheck, ck);
    clock(runParseCheck, pc);
  }
  const tTs = median(ts),
    tCheck = median(ck),
    tParseCheck = median(pc);
  console.log(
    `(a) full check, ${N.toLocaleString()} rows (medians of ${RUNS} interleaved rounds after warm-up; best check ${Math.min(...ck).toFixed(2)} ms)`,
  );
  console.log(
    `    checkLedger                         ${ms(tCheck)}   [${result.summary.errors} errors, ${result.summary.findings} findings]`,
  );
  console.log(`    parseLedger + checkLedger           ${ms(tParseCheck)}`);
  console.log(`    tableschema castRow (baseline)      ${ms(tTs)}   [${tsErrors} rows rejected]`);
  console.log(`    ratio tableschema / checkLedger     ${(tTs / tCheck).toFixed(1).padStart(9)} ×   (target ≥ 10×)`);
  console.log(`    ratio tableschema / parse+check     ${(tTs / tParseCheck).toFixed(1).padStart(9)} ×`);
  console.log(
    `    target checkLedger < 20 ms: ${tCheck < 20 ? 'MET' : 'NOT MET'}; ≥ 10× tableschema: ${tTs / tCheck >= 10 ? 'MET' : 'NOT MET'}`,
  );
}

// The last commit with the one-file engine (shared/rules/engine.ts, 1,000 lines).
const PRE_SPLIT_COMMIT = '4c31378';

/** The pre-split checkLedger, extracted from git and bundled; null when git history is not at hand. */
async function preSplitCheckLedger(dir: string): Promise<((l: Ledger) => { issues: unknown[] }) | null> {
  try {
    const tar = execFileSync('git', ['archive', PRE_SPLIT_COMMIT, 'shared'], { maxBuffer: 64 << 20 });
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
  } catch {
    return null;
  }
  const out = join(dir, 'engine.mjs');
  // Everything bundled in: the temporary folder has no node_modules to import from.
  await bundleForBench(join(dir, 'shared/rules/engine.ts'), out, { keepPackages: false });
  return (await import(pathToFileURL(out).href)).checkLedger;
}

async function benchB() {
  const dir = mkdtempSync(join(tmpdir(), 'engine-pre-split-'));
  try {
    const pre = await preSplitCheckLedger(dir);
    if (!pre) {
      console.log(`(b) split vs pre-split engine: skipped (commit ${PRE_SPLIT_COMMIT} not in this checkout's git history)`);
      return;
    }
    const ledger = makeLedger(N);
    const same = checkLedger(ledger).issues.length === pre(ledger).issues.length;
    for (let i = 0; i < 20; i++) {
      checkLedger(ledger);
      pre(ledger);
    }
    const now: number[] = [],
      before: number[] = [];
    // Many short interleaved rounds: both engines see the same machine load.
    for (let i = 0; i < 60; i++) {
      let t0 = performance.now();
      checkLedger(ledger);
      now.push(performance.now() - t0);
      t0 = performance.now();
      pre(ledger);
      before.push(performance.now() - t0);
    }
    const ratio = median(now) / median(before);
    console.log(
      `(b) split engine vs the one-file engine before the split (${PRE_SPLIT_COMMIT}), ${N.toLocaleString()} rows, 60 interleaved rounds`,
    );
    console.log(`    split (today)                       ${ms(median(now))}   best ${Math.min(...now).toFixed(2)} ms`);
    console.log(
      `    one file (baseline)                 ${ms(median(before))}   best ${Math.min(...before).toFixed(2)} ms   [same issue count: ${same ? 'yes' : 'NO'}]`,
    );
    console.log(
      `    ratio split / one file              ${ratio.toFixed(3).padStart(9)} ×   (budget ≤ 1.10 ×): ${ratio <= 1.1 ? 'MET' : 'NOT MET'}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function benchC() {
  const ledger = makeLedger(N);
  const checker = new LedgerChecker(ledger);
  checker.result();
  // Deterministic pseudo-random edits of varied kinds.
  let seed = 42;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const EDITS = 1000;
  const edits: [number, LedgerRow | null][] = [];
  for (let k = 0; k < EDITS + 200; k++) {
    const i = rnd(N);
    const n = rowNumberOf(i);
    const v = validRosterRow(i);
    switch (k % 6) {
      case 0:
        edits.push([n, { row: n, values: { ...v, monthlySalary: 800 + rnd(40000) } }]);
        break;
      case 1:
        edits.push([n, { row: n, values: { ...v, idNumber: validRosterRow(rnd(N)).idNumber } }]);
        break; // duplicate ID
      case 2:
        edits.push([n, { row: n, values: { ...v, employmentForm: '劳务派遣', dispatchCompany: null } }]);
        break;
      case 3:
        edits.push([n, null]);
        break; // delete
      case 4:
        edits.push([n, { row: n, values: v }]);
        break; // restore / re-add
      default:
        edits.push([n, { row: n, values: { ...v, hireDate: '2023-02-30', gender: '未知' } }]);
    }
  }
  for (let k = 0; k < 200; k++) checker.updateRow(...edits[k]); // warm-up
  const us: number[] = [];
  for (let k = 200; k < edits.length; k++) {
    const t0 = process.hrtime.bigint();
    checker.updateRow(...edits[k]);
    us.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  const tResult = time(() => {
    (checker as unknown as { cached: null }).cached = null;
    checker.result();
  });
  const med = median(us);
  console.log(`(c) incremental: LedgerChecker.updateRow on ${N.toLocaleString()} rows, ${EDITS} varied edits`);
  console.log(
    `    median ${med.toFixed(1).padStart(7)} µs   p95 ${pct(us, 95).toFixed(1).padStart(7)} µs   max ${Math.max(...us).toFixed(1)} µs   (target < 100 µs)`,
  );
  console.log(`    result() re-assembly after edits     ${ms(tResult)}   (lazy, once per repaint)`);
  console.log(
    `    vs full re-check                     ${((time(() => checkLedger(checker.ledger())) * 1000) / med).toFixed(0)} × slower than one updateRow`,
  );
  console.log(`    target median < 100 µs: ${med < 100 ? 'MET' : 'NOT MET'}`);
}

function benchD() {
  const M = 20_000;
  const distinct = makeLedger(M);
  // Every row a copy of the first (same person, same ID): the only extra work is ID_DUPLICATE.
  const first = distinct.roster!.rows[0].values;
  const same: Ledger = {
    ...distinct,
    roster: { ...distinct.roster!, rows: distinct.roster!.rows.map((r) => ({ row: r.row, values: { ...first, seq: r.values.seq } })) },
  };
  let dups = 0;
  const tSame = time(
    () => {
      dups = checkLedger(same).issues.filter((i) => i.code === 'ID_DUPLICATE').length;
    },
    7,
    2,
  );
  const tDistinct = time(() => checkLedger(distinct), 7, 2);
  // CPU time of this process too: on a shared, loaded machine wall time mostly measures waiting.
  const cpuMs = (fn: () => void) => {
    const c = process.cpuUsage();
    for (let i = 0; i < 5; i++) fn();
    const d = process.cpuUsage(c);
    return (d.user + d.system) / 5000;
  };
  const cSame = cpuMs(() => checkLedger(same)),
    cDistinct = cpuMs(() => checkLedger(distinct));
  console.log(`(d) ${M.toLocaleString()} rows sharing one ID number (issue 9.1; was ~53 s)`);
  console.log(`    checkLedger, one shared ID              ${ms(tSame)}   [${dups} ID_DUPLICATE]   CPU ${cSame.toFixed(1)} ms`);
  console.log(`    checkLedger, distinct IDs (baseline)    ${ms(tDistinct)}   CPU ${cDistinct.toFixed(1)} ms`);
  console.log(`    ratio                                   ${(tSame / tDistinct).toFixed(2).padStart(9)} ×`);
  console.log(`    target < 100 ms: ${tSame < 100 ? 'MET' : 'NOT MET'} (wall); CPU time: ${cSame < 100 ? 'MET' : 'NOT MET'}`);
}

await benchA();
await benchB();
benchC();
benchD();
