// Who may do what: roles come from the campaign's member list (and OFFICE_ADMINS), never from the
// request. A supervisor (主管部门) acts on its own unit and every unit below it.
import type { Member, Role, RouteDef } from '../../../shared/api/contract';
import { AppError } from '../errors';
import type { Directory } from '../storage';

export interface Actor {
  userId: string;
  name: string;
  /** Office staff for this campaign: in OFFICE_ADMINS or an `office` member. */
  office: boolean;
  memberships: Member[];
}

/** User ids are sign-in names (UPNs, e-mail addresses): the same user whatever the letter case. */
export const sameUser = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function resolveActor(dir: Directory | null, userId: string, officeAdmins: string[]): Actor {
  const memberships = dir ? dir.members.filter((m) => sameUser(m.userId, userId)) : [];
  const admin = officeAdmins.some((a) => sameUser(a, userId));
  return {
    userId,
    name: memberships[0]?.name ?? (admin ? '领导小组办公室' : userId),
    office: admin || memberships.some((m) => m.role === 'office'),
    memberships,
  };
}

const forbidden = (message = '您没有对该单位执行此操作的权限。') => new AppError(403, 'FORBIDDEN', message);

/** The units a supervisor sees: the units it supervises (as a member) and all their descendants. */
export function supervisedUnits(actor: Actor, dir: Directory): Set<string> {
  const roots = new Set(actor.memberships.filter((m) => m.role === 'supervisor').map((m) => m.unitId));
  const out = new Set<string>();
  if (roots.size === 0) return out;
  for (const u of dir.units.values()) if (roots.has(u.unitId) || u.ancestors.some((a) => roots.has(a))) out.add(u.unitId);
  return out;
}

/**
 * The role in which `actor` may act on `unitId`, the first of `roles` that applies; 403 otherwise.
 * `office` applies to office staff, `supervisor` to a supervisor of the unit or an ancestor, the rest
 * to members of exactly that unit.
 */
export function requireUnitRole(actor: Actor, dir: Directory, unitId: string, roles: readonly Role[]): { role: Role; name: string } {
  for (const role of roles) {
    if (role === 'office') {
      if (actor.office) return { role, name: actor.memberships.find((m) => m.role === 'office')?.name ?? actor.name };
      continue;
    }
    if (role === 'supervisor') {
      const unit = dir.units.get(unitId);
      const m = actor.memberships.find(
        (x) => x.role === 'supervisor' && x.unitId !== null && (x.unitId === unitId || unit?.ancestors.includes(x.unitId)),
      );
      if (m) return { role, name: m.name };
      continue;
    }
    const m = actor.memberships.find((x) => x.role === role && x.unitId === unitId);
    if (m) return { role, name: m.name };
  }
  throw forbidden();
}

export function requireOffice(actor: Actor): { role: 'office'; name: string } {
  if (!actor.office) throw forbidden('只有领导小组办公室可以执行此操作。');
  return { role: 'office', name: actor.name };
}

/** Office sees every unit; a supervisor its subtree; anyone else is refused. */
export function visibleUnits(actor: Actor, dir: Directory): { role: 'office' | 'supervisor'; units: Set<string> } {
  if (actor.office) return { role: 'office', units: new Set(dir.units.keys()) };
  const units = supervisedUnits(actor, dir);
  if (units.size === 0) throw forbidden('只有领导小组办公室或主管部门可以查看。');
  return { role: 'supervisor', units };
}

type RouteAuth = RouteDef['auth'];
const rolesOf = (auth: RouteAuth): Role[] => (auth === 'public' ? [] : auth.filter((r): r is Role => r !== 'member'));

/**
 * The one authorisation check, from a route's declared roles (`routes.x.auth` in the contract), for a
 * route acting on one unit: the first declared role in which `actor` may act on `unitId`; 403 otherwise.
 */
export function authorizeUnit(auth: RouteAuth, actor: Actor, dir: Directory, unitId: string): { role: Role; name: string } {
  return requireUnitRole(actor, dir, unitId, rolesOf(auth));
}

/**
 * The same for a campaign-wide route (`dir` null only for a campaign being created): `member` = office staff or any member; `office` only = office
 * staff; `office` and `supervisor` = office (every unit) or a supervisor (its subtree). 403 otherwise.
 */
export function authorizeCampaign(
  auth: RouteAuth,
  actor: Actor,
  dir: Directory | null,
): { role: 'office' | 'supervisor' | 'member'; units: Set<string> } {
  if (auth === 'public') throw new Error('authorizeCampaign on a public route');
  if (auth.includes('member')) {
    if (!actor.office && actor.memberships.length === 0) throw forbidden('您不是该清理工作的成员。');
    return { role: actor.office ? 'office' : 'member', units: new Set(actor.memberships.flatMap((m) => (m.unitId ? [m.unitId] : []))) };
  }
  const roles = rolesOf(auth);
  if (roles.length === 1 && roles[0] === 'office') {
    requireOffice(actor);
    return { role: 'office', units: new Set(dir?.units.keys()) };
  }
  // A campaign that does not exist yet has no supervisors: only the office-only route (putCampaign) may pass null.
  if (dir && roles.length === 2 && roles.includes('office') && roles.includes('supervisor')) return visibleUnits(actor, dir);
  throw new Error(`no campaign-wide authorisation for roles ${roles.join(',')}`);
}
