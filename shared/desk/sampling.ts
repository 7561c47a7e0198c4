// Risk-weighted random draw of units for on-site checks (双随机). Pure and reproducible: the seed's text
// (UTF-8) is hashed with FNV-1a (32 bits) into pure-rand's xoroshiro128+; candidates are taken in unitId
// order, each gets u = 1 − uniformFloat64 ∈ (0, 1] and the key ln(u) / weight; the `count` largest keys
// win (Efraimidis–Spirakis weighted sampling without replacement). So the same seed over the same facts
// gives the same units, and anyone can recompute a draw from its audit entry.
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

export interface RiskFacts {
  unitId: string;
  /** Persons in the latest ledger; null when the unit has not reported. */
  rows: number | null;
  /** Suspected under-reporting leads (疑似漏报) from the external rosters. */
  leads: number;
  /** Findings (问题发现) in the latest ledger; null when none reported. */
  findings: number | null;
  /** Worst milestone overdue days (late, or still overdue). */
  overdueDays: number;
  /** Returns (退回) by the office or the supervisor, over all versions. */
  returns: number;
}

export type RiskFactor = 'base' | 'leads' | 'findings' | 'lateness' | 'returns';

export interface WeightReason {
  factor: RiskFactor;
  /** The measured value (a rate for leads and findings, days, or a count). */
  value: number;
  /** What it adds to the weight. */
  points: number;
  text: string;
}

export interface WeightedUnit {
  unitId: string;
  weight: number;
  reasons: WeightReason[];
}

/** Points at the cap of each factor; the weight is 1 + the sum. */
export const RISK_POINTS = { leads: 4, findings: 2, lateness: 2, returnEach: 0.5 } as const;
export const LATENESS_CAP_DAYS = 30;
export const RETURNS_CAP = 4;

const round = (x: number, d = 3) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (x: number) => `${round(x * 100, 1)}%`;

export function riskWeight(f: RiskFacts): WeightedUnit {
  const persons = Math.max(1, f.rows ?? 0);
  const leadRate = Math.min(1, f.leads / persons);
  const findingRate = Math.min(1, (f.findings ?? 0) / persons);
  const late = Math.min(1, Math.max(0, f.overdueDays) / LATENESS_CAP_DAYS);
  const returns = Math.min(RETURNS_CAP, Math.max(0, f.returns));
  const reasons: WeightReason[] = [
    { factor: 'base', value: 1, points: 1, text: '基础权重 1' },
    {
      factor: 'leads',
      value: round(f.leads / persons),
      points: round(RISK_POINTS.leads * leadRate),
      text:
        f.rows === null ? `未报送，疑似漏报 ${f.leads} 人` : `疑似漏报 ${f.leads} 人 / 台账 ${f.rows} 人（${pct(leadRate)}，上限 100%）`,
    },
    {
      factor: 'findings',
      value: round((f.findings ?? 0) / persons),
      points: round(RISK_POINTS.findings * findingRate),
      text:
        f.rows === null ? '未报送，无问题发现数据' : `问题发现 ${f.findings ?? 0} 条 / 台账 ${f.rows} 人（${pct(findingRate)}，上限 100%）`,
    },
    {
      factor: 'lateness',
      value: Math.max(0, f.overdueDays),
      points: round(RISK_POINTS.lateness * late),
      text: f.overdueDays > 0 ? `逾期 ${f.overdueDays} 天（满 ${LATENESS_CAP_DAYS} 天计满分）` : '未逾期',
    },
    {
      factor: 'returns',
      value: Math.max(0, f.returns),
      points: round(RISK_POINTS.returnEach * returns),
      text: f.returns > 0 ? `被退回 ${f.returns} 次（每次 ${RISK_POINTS.returnEach}，最多计 ${RETURNS_CAP} 次）` : '未被退回',
    },
  ];
  return { unitId: f.unitId, weight: round(reasons.reduce((a, r) => a + r.points, 0)), reasons };
}

/** FNV-1a over the seed's UTF-8 bytes: the documented way from a seed text to the generator's seed. */
export function seedNumber(seed: string): number {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(seed)) {
    h ^= b;
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}

export interface Draw {
  /** Drawn unitIds, highest key first. */
  units: string[];
  /** Every candidate with its weight and reasons, in unitId order. */
  candidates: WeightedUnit[];
}

export function drawUnits(facts: readonly RiskFacts[], count: number, seed: string): Draw {
  const candidates = facts.map(riskWeight).sort((a, b) => (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0));
  const rng = xoroshiro128plus(seedNumber(seed));
  const keyed = candidates.map((c, i) => ({ unitId: c.unitId, i, key: Math.log(1 - uniformFloat64(rng)) / c.weight }));
  keyed.sort((a, b) => b.key - a.key || a.i - b.i);
  return { units: keyed.slice(0, Math.max(0, count)).map((k) => k.unitId), candidates };
}
