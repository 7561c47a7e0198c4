// What every use case starts from: the campaign's directory (units, members, extensions) and the caller
// resolved against it. Authorisation itself is domain/access.ts, from the route's declared roles.
import { notFound } from '../errors';
import type { Call } from '../services';
import type { Directory } from '../storage';
import { resolveActor, type Actor } from '../domain/access';

export async function loadDirectory(call: Call, campaignId: string): Promise<{ dir: Directory; actor: Actor }> {
  const dir = await call.s.campaigns.getDirectory(campaignId);
  if (!dir) throw notFound(`清理工作（${campaignId}）`);
  return { dir, actor: resolveActor(dir, call.userId, call.s.settings.OFFICE_ADMINS) };
}

/** The directory of a campaign that must hold `unitId` (404 otherwise). */
export async function unitContext(call: Call, campaignId: string, unitId: string): Promise<{ dir: Directory; actor: Actor }> {
  const ctx = await loadDirectory(call, campaignId);
  if (!ctx.dir.units.has(unitId)) throw notFound(`单位（${unitId}）`);
  return ctx;
}

/** A stored version; 404 when there is none. */
export async function loadVersion(call: Call, campaignId: string, unitId: string, version: number) {
  const r = await call.s.submissions.getVersion(campaignId, unitId, version);
  if (!r) throw notFound(`第 ${version} 版`);
  return r;
}
