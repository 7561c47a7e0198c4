// Use cases of the on-staff roster (在编人员名单) the cross-checks compare ledgers against (office).
import { routes, type OnStaffBody, type OnStaffResult, type OnStaffStatus } from '../../../shared/api/contract';
import { idKey } from '../../../shared/id/idcard';
import type { Call } from '../services';
import { authorizeCampaign } from '../domain/access';
import { loadDirectory } from './context';

/** PUT /campaigns/{c}/on-staff (office): replaces the on-staff roster. */
export async function putOnStaff(call: Call, campaignId: string, body: OnStaffBody): Promise<OnStaffResult> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.putOnStaff.auth, actor, dir);
  const ids = new Set<string>();
  const invalidSamples: string[] = [];
  let invalid = 0;
  let duplicates = 0;
  for (const raw of body.idNumbers) {
    const k = idKey(raw);
    if (k === null) {
      invalid++;
      if (invalidSamples.length < 20) invalidSamples.push(raw);
    } else if (ids.has(k)) duplicates++;
    else ids.add(k);
  }
  const info = await call.s.onStaff.replace(
    campaignId,
    [...ids],
    {
      userId: actor.userId,
      role: 'office',
      action: 'onstaff.put',
      unitId: null,
      version: null,
      digest: null,
      details: { count: ids.size, invalid, duplicates },
    },
    call.now,
  );
  return { ...info, invalid, invalidSamples, duplicates };
}

/** GET /campaigns/{c}/on-staff (office): what roster is loaded (count and when), not the IDs. */
export async function getOnStaff(call: Call, campaignId: string): Promise<OnStaffStatus> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.getOnStaff.auth, actor, dir);
  return (await call.s.onStaff.info(campaignId)) ?? { count: 0, updatedAt: null, updatedBy: null };
}
