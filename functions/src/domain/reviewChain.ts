// Who reviews a unit before the office (主管部门负总责). Pure.
//
// With the campaign's `supervisorReview` on (the default), a unit whose ancestors include a unit with a
// `supervisor` member is reviewed first by the NEAREST such ancestor: a school under a 学区 under the
// 教育局 is endorsed by the 学区's supervisors, the 学区's own ledger by the 教育局's. The nearest one
// knows the unit best, and one review step keeps the chain short; supervisors further up still see the
// unit in their subtree (progress, aggregate, leads) but do not decide on it. A supervising department's
// own ledger has no ancestor with a supervisor unless one sits above it: then it goes to the office.
import type { Reviewer } from '../../../shared/api/contract';
import type { Directory } from '../storage';
import { sameUser, type Actor } from './access';

export interface UnitReviewer extends Reviewer {
  /** The supervising unit's name, for messages. */
  name: string;
}

export function reviewerOf(dir: Directory, unitId: string): UnitReviewer | null {
  if (dir.campaign.supervisorReview === false) return null;
  const unit = dir.units.get(unitId);
  if (!unit) return null;
  for (const a of unit.ancestors) {
    const userIds = dir.members.filter((m) => m.role === 'supervisor' && m.unitId === a).map((m) => m.userId);
    if (userIds.length > 0) return { unitId: a, userIds, name: dir.units.get(a)?.name ?? a };
  }
  return null;
}

/** The actor's supervisor membership at the reviewing unit, if any. */
export function reviewerMembership(actor: Actor, reviewer: UnitReviewer | null): { role: 'supervisor'; name: string } | null {
  if (!reviewer) return null;
  const m = actor.memberships.find((x) => x.role === 'supervisor' && x.unitId === reviewer.unitId);
  return m && reviewer.userIds.some((u) => sameUser(u, actor.userId)) ? { role: 'supervisor', name: m.name } : null;
}
