// Campaign set-up by the office: the campaign with its milestones, the unit tree with members, and
// per-unit deadline extensions.
import type { CampaignBody, CampaignView, Member, MeResponse, UnitDef } from '../../../shared/api/contract';
import { AppError, notFound } from '../errors';
import type { Call } from '../services';
import type { Directory } from '../storage';
import { requireOffice, resolveActor, type Actor } from './access';

export async function loadDirectory(call: Call, campaignId: string): Promise<{ dir: Directory; actor: Actor }> {
  const dir = await call.s.campaigns.getDirectory(campaignId);
  if (!dir) throw notFound(`清理工作（${campaignId}）`);
  return { dir, actor: resolveActor(dir, call.userId, call.s.settings.OFFICE_ADMINS) };
}

export async function putCampaign(call: Call, campaignId: string, body: CampaignBody): Promise<CampaignView> {
  const dir = await call.s.campaigns.getDirectory(campaignId);
  // A new campaign can only be created by OFFICE_ADMINS; an existing one by its office staff too.
  const actor = resolveActor(dir, call.userId, call.s.settings.OFFICE_ADMINS);
  requireOffice(actor);
  const ids = new Set<string>();
  for (const m of body.milestones) {
    if (ids.has(m.id)) throw new AppError(400, 'VALIDATION_FAILED', `时间节点编号重复：${m.id}`, { fieldErrors: { milestones: [`duplicate id ${m.id}`] }, formErrors: [] });
    ids.add(m.id);
  }
  const c = await call.s.campaigns.putCampaign(
    { campaignId, ...body },
    { userId: actor.userId, role: 'office', action: 'campaign.put', unitId: null, version: null, digest: null, details: { title: body.title, milestones: body.milestones.length } },
    call.now,
  );
  return { campaignId, title: c.title, templateVersion: c.templateVersion, milestones: c.milestones, updatedAt: c.updatedAt };
}

export async function getCampaign(call: Call, campaignId: string): Promise<CampaignView> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  if (!actor.office && actor.memberships.length === 0) throw new AppError(403, 'FORBIDDEN', '您不是该清理工作的成员。');
  const c = dir.campaign;
  return { campaignId, title: c.title, templateVersion: c.templateVersion, milestones: c.milestones, updatedAt: c.updatedAt };
}

function validateTree(units: UnitDef[], members: Member[]): void {
  const byId = new Map<string, UnitDef>();
  const problems: string[] = [];
  for (const u of units) {
    if (byId.has(u.unitId)) problems.push(`单位编号重复：${u.unitId}`);
    byId.set(u.unitId, u);
  }
  for (const u of units) {
    if (u.parentId !== null && !byId.has(u.parentId)) problems.push(`单位 ${u.unitId} 的主管部门 ${u.parentId} 不在单位列表中`);
    const seen = new Set<string>([u.unitId]);
    for (let p = u.parentId; p; p = byId.get(p)?.parentId ?? null) {
      if (seen.has(p)) {
        problems.push(`单位 ${u.unitId} 的隶属关系成环`);
        break;
      }
      seen.add(p);
    }
  }
  const seenMembers = new Set<string>();
  for (const m of members) {
    if (m.unitId !== null && !byId.has(m.unitId)) problems.push(`成员 ${m.userId} 所在单位 ${m.unitId} 不在单位列表中`);
    const k = `${m.unitId ?? ''}|${m.userId}|${m.role}`;
    if (seenMembers.has(k)) problems.push(`成员重复：${m.userId}（${m.unitId ?? '未填单位'}，${m.role}）`);
    seenMembers.add(k);
  }
  if (problems.length) throw new AppError(400, 'INVALID_UNIT_TREE', problems.slice(0, 5).join('；'), { problems });
}

export async function putUnits(call: Call, campaignId: string, units: UnitDef[], members: Member[]): Promise<{ units: number; members: number }> {
  const { actor } = await loadDirectory(call, campaignId);
  requireOffice(actor);
  validateTree(units, members);
  await call.s.campaigns.putUnits(
    campaignId,
    units,
    members,
    { userId: actor.userId, role: 'office', action: 'units.put', unitId: null, version: null, digest: null, details: { units: units.length, members: members.length } },
    call.now,
  );
  return { units: units.length, members: members.length };
}

export async function putExtension(call: Call, campaignId: string, unitId: string, milestoneId: string, due: string) {
  const { dir, actor } = await loadDirectory(call, campaignId);
  requireOffice(actor);
  if (!dir.units.has(unitId)) throw notFound(`单位（${unitId}）`);
  if (!dir.campaign.milestones.some((m) => m.id === milestoneId)) throw new AppError(400, 'UNKNOWN_MILESTONE', `该清理工作没有时间节点 ${milestoneId}`);
  await call.s.campaigns.putExtension(
    campaignId,
    unitId,
    milestoneId,
    due,
    { userId: actor.userId, role: 'office', action: 'extension.put', unitId, version: null, digest: null, details: { milestoneId, due } },
    call.now,
  );
  return { unitId, milestoneId, due };
}

export async function getMe(call: Call, campaignId: string): Promise<MeResponse> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  if (!actor.office && actor.memberships.length === 0) throw new AppError(403, 'FORBIDDEN', '您不是该清理工作的成员。');
  return {
    userId: actor.userId,
    name: actor.name,
    office: actor.office,
    memberships: actor.memberships.map((m) => ({
      unitId: m.unitId,
      unitName: m.unitId === null ? '领导小组办公室' : (dir.units.get(m.unitId)?.name ?? m.unitId),
      role: m.role,
    })),
  };
}
