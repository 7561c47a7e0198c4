// Suspected under-reporting (疑似漏报) benchmark: a county of 500 units, 100,000 ledger persons (200 per
// unit) and 300,000 roster persons (three sources of 100,000, overlapping: most are reported, some are
// leads, some are on-staff, some are in another unit's ledger, some under credit codes of no unit).
//   compute    shared/rosters/leads.ts computeLeads over the prepared ID sets (median of 5)
//   baseline   the straightforward code: for each roster person the unit by Array.find over the units,
//              membership by Array.includes over that unit's ledger IDs (same answer, checked)
//   parse      shared/rosters/external.ts on the 300,000 raw persons as an upload brings them
// Each part runs in its own child process for a clean peak RSS. Targets: compute < 2 s, < 400 MB.
//   npx tsx bench/leads.ts [--units 500] [--persons 200] [--roster 100000]
import { childResult } from './lib/process';
import { fileURLToPath } from 'node:url';
import { addDaysYmd } from '../shared/dates';
import { makeIdNumber } from '../shared/id/idcard';
import { makeUscc } from '../shared/id/uscc';
import { ROSTER_SOURCES, parseRosterPersons, type RosterPerson, type RosterSource } from '../shared/rosters/external';
import { computeLeads, type LeadUnit } from '../shared/rosters/leads';
import { ownPeakRssKb } from './lib/peakRss';

const SELF = fileURLToPath(import.meta.url);
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const UNITS = arg('units', 500);
const PERSONS = arg('persons', 200);
const ROSTER = arg('roster', 100_000);

/** Deterministic xorshift so every child builds the same county. */
function rng(seed: number) {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

const personId = (n: number) => {
  const day = String(addDaysYmd(19600101, n % 14_000));
  return makeIdNumber(['110101', '330102', '440305', '510107'][Math.floor(n / 14_000) % 4], day, Math.floor(n / 56_000) % 1000);
};

interface County {
  units: { unitId: string; creditCode: string; ids: string[] }[];
  onStaff: Set<string>;
  raw: Record<RosterSource, { idNumber: string; name: string; creditCode: string }[]>;
}

function county(): County {
  const r = rng(20261202);
  const units = Array.from({ length: UNITS }, (_, u) => ({
    unitId: `u${String(u).padStart(4, '0')}`,
    creditCode: makeUscc(`12330100MB${String(1_000_000 + u).slice(1)}0`.slice(0, 17)),
    ids: Array.from({ length: PERSONS }, (_, k) => personId(u * PERSONS + k)),
  }));
  const outside = Array.from({ length: 20 }, (_, i) => makeUscc(`91330100MA${String(1_000_000 + i).slice(1)}0`.slice(0, 17)));
  let next = UNITS * PERSONS;
  const onStaff = new Set<string>();
  const raw = {} as County['raw'];
  for (const source of ROSTER_SOURCES) {
    const list: County['raw'][RosterSource] = [];
    for (let k = 0; k < ROSTER; k++) {
      const u = units[Math.floor(r() * UNITS)];
      const roll = r();
      let id: string;
      let cc = u.creditCode;
      if (roll < 0.8)
        id = u.ids[Math.floor(r() * PERSONS)]; // reported
      else if (roll < 0.9)
        id = personId(next++); // a lead
      else if (roll < 0.93) {
        id = personId(next++);
        onStaff.add(id);
      } else if (roll < 0.96)
        id = units[Math.floor(r() * UNITS)].ids[0]; // another unit's ledger (mostly)
      else if (roll < 0.98) {
        id = personId(next++);
        cc = outside[Math.floor(r() * outside.length)];
      } else id = personId(Math.floor(r() * next)); // repeats across sources
      // Real lists: some 15-digit IDs, lower-case x, full-width credit codes.
      const raw15 = roll > 0.5 && roll < 0.52 && id[6] === '1' && id[7] === '9' ? id.slice(0, 6) + id.slice(8, 17) : id;
      list.push({
        idNumber: k % 50 === 0 ? raw15.toLowerCase() : raw15,
        name: `人员${k}`,
        creditCode: k % 97 === 0 ? cc.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : cc,
      });
    }
    raw[source] = list;
  }
  return { units, onStaff, raw };
}

function parseAll(c: County): Record<RosterSource, RosterPerson[]> {
  const out = {} as Record<RosterSource, RosterPerson[]>;
  for (const s of ROSTER_SOURCES) {
    const p = parseRosterPersons(c.raw[s]);
    if (!p.ok) throw new Error(`${s}: ${p.message}`);
    out[s] = p.persons;
  }
  return out;
}

/** The straightforward way (the baseline): arrays and linear searches. */
function naiveLeads(units: County['units'], onStaff: Set<string>, rosters: Record<RosterSource, RosterPerson[]>) {
  const everyLedger = new Set(units.flatMap((u) => u.ids));
  const leads = new Map<string, RosterSource[]>();
  let outOfScope = 0;
  for (const s of ROSTER_SOURCES)
    for (const p of rosters[s]) {
      const u = units.find((x) => x.creditCode === p.creditCode);
      if (!u) {
        outOfScope++;
        continue;
      }
      if (u.ids.includes(p.idNumber) || onStaff.has(p.idNumber) || everyLedger.has(p.idNumber)) continue;
      const k = u.unitId + '|' + p.idNumber;
      const l = leads.get(k);
      if (l) {
        if (!l.includes(s)) l.push(s);
      } else leads.set(k, [s]);
    }
  return { leads: leads.size, outOfScope };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function child(mode: string) {
  const c = county();
  const out: Record<string, unknown> = { mode };
  if (mode === 'parse') {
    const t0 = performance.now();
    const rosters = parseAll(c);
    out.ms = performance.now() - t0;
    out.persons = ROSTER_SOURCES.reduce((a, s) => a + rosters[s].length, 0);
  } else {
    const rosters = parseAll(c);
    const units: LeadUnit[] = c.units.map((u) => ({ unitId: u.unitId, creditCode: u.creditCode, ledgerIds: u.ids }));
    const times: number[] = [];
    let result: { leads: number; outOfScope: number; elsewhere?: number } = { leads: 0, outOfScope: 0 };
    for (let i = 0; i < (mode === 'compute' ? 5 : 1); i++) {
      const t0 = performance.now();
      if (mode === 'compute') {
        const r = computeLeads({ units, onStaff: c.onStaff, rosters });
        result = { leads: r.leads.length, elsewhere: r.elsewhere.length, outOfScope: r.outOfScope.reduce((a, o) => a + o.persons, 0) };
      } else result = naiveLeads(c.units, c.onStaff, rosters);
      times.push(performance.now() - t0);
    }
    out.ms = median(times);
    out.result = result;
  }
  out.peakRssMb = ownPeakRssKb() / 1024;
  console.log('RESULT ' + JSON.stringify(out));
}

function run(mode: string): { ms: number; peakRssMb: number; result?: { leads: number }; persons?: number } {
  return childResult(['--import', 'tsx', SELF, '--child', mode, ...process.argv.slice(2)]);
}

const ci = process.argv.indexOf('--child');
if (ci >= 0) child(process.argv[ci + 1]);
else {
  console.log(`county: ${UNITS} units × ${PERSONS} ledger persons = ${UNITS * PERSONS}; rosters 3 × ${ROSTER} = ${3 * ROSTER} persons`);
  const compute = run('compute');
  const parse = run('parse');
  const base = run('baseline');
  const f = (x: number) => x.toFixed(0);
  console.log(`parse + normalise ${parse.persons} roster persons: ${f(parse.ms)} ms (peak RSS ${f(parse.peakRssMb)} MB)`);
  console.log(
    `leads (computeLeads, median of 5): ${f(compute.ms)} ms, peak RSS ${f(compute.peakRssMb)} MB → ${JSON.stringify(compute.result)}`,
  );
  console.log(
    `baseline (Array.find + includes, one run): ${f(base.ms)} ms, peak RSS ${f(base.peakRssMb)} MB → ${JSON.stringify(base.result)}`,
  );
  console.log(
    `ratio: ${(base.ms / compute.ms).toFixed(1)}× faster than the baseline; target < 2000 ms and < 400 MB: ${compute.ms < 2000 && compute.peakRssMb < 400 ? 'met' : 'MISSED'}`,
  );
  if (compute.result?.leads !== base.result?.leads) {
    console.log('MISMATCH between computeLeads and the baseline');
    process.exit(1);
  }
}
