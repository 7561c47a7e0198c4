// Use cases of campaign set-up by the office: the campaign with its milestones, the unit tree with
// members, per-unit deadline extensions; and what a member sees of them.
import { routes, type CampaignBody, type CampaignView, type Member, type MeResponse, type UnitDef } from '../../../shared/api/contract';
import { AppError, notFound } from '../errors';
import type { Call } from '../services';
import { authorizeCampaign, resolveActor } from '../domain/access';
import { validateUnitTree } from '../domain/unitTree';
import { loadDirectory } from './context';

/** What the API answers about a stored campaign (PUT and GET alike). */
function campaignView(campaignId: string, c: Omit<CampaignView, 'campaignId'>): CampaignView {
  return {
    campaignId,
    title: c.title,
    templateVersion: c.templateVersion,
    milestones: c.milestones,
    supervisorReview: c.supervisorReview,
    updatedAt: c.updatedAt,
  };
}

export async function putCampaign(call: Call, campaignId: string, body: CampaignBody): Promise<CampaignView> {
  const dir = await call.s.campaigns.getDirectory(campaignId);
  // A new campaign can only be created by OFFICE_ADMINS; an existing one by its office staff too.
  const actor = resolveActor(dir, call.userId, call.s.settings.OFFICE_ADMINS);
  authorizeCampaign(routes.putCampaign.auth, actor, dir);
  const ids = new Set<string>();
  for (const m of body.milestones) {
    if (ids.has(m.id))
      throw new AppError(400, 'VALIDATION_FAILED', `时间节点编号重复：${m.id}`, {
        fieldErrors: { milestones: [`duplicate id ${m.id}`] },
        formErrors: [],
      });
    ids.add(m.id);
  }
  const c = await call.s.campaigns.putCampaign(
    { campaignId, ...body },
    {
      userId: actor.userId,
      role: 'office',
      action: 'campaign.put',
      unitId: null,
      version: null,
      digest: null,
      details: { title: body.title, milestones: body.milestones.length, supervisorReview: body.supervisorReview },
    },
    call.now,
  );
  return campaignView(campaignId, c);
}

export async function getCampaign(call: Call, campaignId: string): Promise<CampaignView> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.getCampaign.auth, actor, dir);
  const c = dir.campaign;
  return campaignView(campaignId, c);
}

export async function putUnits(
  call: Call,
  campaignId: string,
  units: UnitDef[],
  members: Member[],
): Promise<{ units: number; members: number }> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.putUnits.auth, actor, dir);
  validateUnitTree(units, members);
  await call.s.campaigns.putUnits(
    campaignId,
    units,
    members,
    {
      userId: actor.userId,
      role: 'office',
      action: 'units.put',
      unitId: null,
      version: null,
      digest: null,
      details: { units: units.length, members: members.length },
    },
    call.now,
  );
  return { units: units.length, members: members.length };
}

export async function putExtension(call: Call, campaignId: string, unitId: string, milestoneId: string, due: string) {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.putExtension.auth, actor, dir);
  if (!dir.units.has(unitId)) throw notFound(`单位（${unitId}）`);
  if (!dir.campaign.milestones.some((m) => m.id === milestoneId))
    throw new AppError(400, 'UNKNOWN_MILESTONE', `该清理工作没有时间节点 ${milestoneId}`);
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
  authorizeCampaign(routes.getMe.auth, actor, dir);
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
