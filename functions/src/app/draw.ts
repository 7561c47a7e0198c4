// The risk-weighted draw of units for on-site checks (双随机), office only. The facts come from the
// progress table (rows, findings, lateness, suspected under-reporting) and the audit trail (returns);
// every draw is appended to the audit trail with its seed, units and a digest of all weights, so a draw
// cannot be quietly redone: a second draw is a second entry.
import { createHash, randomUUID } from 'node:crypto';
import type { SamplingBody, SamplingResult } from '../../../shared/api/chain';
import { drawUnits, type RiskFacts } from '../../../shared/desk/sampling';
import type { Call } from '../services';
import { routes } from '../../../shared/api/contract';
import { authorizeCampaign } from '../domain/access';
import { loadDirectory } from './context';
import { progress } from './progress';
import { auditAction } from '../storage/audit';

export const DRAW_METHOD =
  '种子文本按 UTF-8 经 FNV-1a（32 位）得到 xoroshiro128+（pure-rand）的种子；候选单位按单位代码排序，依次取 u = 1 − 随机数，键值 ln(u)/权重，键值最大的若干单位入选（Efraimidis–Spirakis 加权不放回抽样）。';

export async function drawSample(call: Call, campaignId: string, body: SamplingBody): Promise<SamplingResult> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.sampling.auth, actor, dir);
  const [prog, audit] = await Promise.all([progress(call, campaignId), call.s.audit.list(campaignId)]);
  const returns = new Map<string, number>();
  for (const e of audit) if (e.action === 'review.return' && e.unitId) returns.set(e.unitId, (returns.get(e.unitId) ?? 0) + 1);
  const facts: RiskFacts[] = prog.units.map((u) => ({
    unitId: u.unitId,
    rows: u.rows,
    leads: u.suspectedUnreported,
    findings: u.findings,
    overdueDays: u.overdueDays,
    returns: returns.get(u.unitId) ?? 0,
  }));
  const draw = drawUnits(facts, body.count, body.seed);
  const drawId = randomUUID();
  const at = call.now.toISOString();
  const weights = draw.candidates.map((c) => [c.unitId, c.weight]);
  const details = {
    drawId,
    seed: body.seed,
    count: body.count,
    units: draw.units,
    candidates: draw.candidates.length,
    // The weights of every candidate, hashed: enough to prove later which data the draw saw.
    weightsSha256: createHash('sha256').update(JSON.stringify(weights)).digest('hex'),
  };
  await call.s.storage
    .table('campaigns')
    .submitTransaction([
      auditAction(
        campaignId,
        { userId: actor.userId, role: 'office', action: 'sampling.draw', unitId: null, version: null, digest: null, details },
        call.now,
      ),
    ]);
  return {
    drawId,
    campaignId,
    seed: body.seed,
    count: body.count,
    at,
    units: draw.units,
    candidates: draw.candidates.map((c) => ({ ...c, name: dir.units.get(c.unitId)?.name ?? c.unitId })),
    method: DRAW_METHOD,
  };
}
