// Which review decisions the signed-in user may take on a unit now (pure; the server decides again).
// Mirrors the server's chain: the nearest supervising department endorses or returns a sealed version;
// the office accepts a version that is endorsed (or sealed, where no supervisor reviews first) and may
// return at any step before acceptance.
import type { MeResponse, ProgressRow } from '../../../shared/api/contract';

export interface ReviewActions {
  canEndorse: boolean;
  canAccept: boolean;
  canReturn: boolean;
  /** Why nothing (or only a return) is offered, in Chinese; null when there is nothing to explain. */
  waitingFor: string | null;
}

export function reviewActions(unit: ProgressRow, me: MeResponse | null): ReviewActions {
  const none: ReviewActions = { canEndorse: false, canAccept: false, canReturn: false, waitingFor: null };
  if (!me) return none;
  const office = me.office;
  const reviewer = unit.reviewer;
  const mine = reviewer !== null && reviewer.userIds.some((u) => u.toLowerCase() === me.userId.toLowerCase());
  const open = unit.status === 'submitted' || unit.status === 'signed' || unit.status === 'sealed' || unit.status === 'endorsed';
  if (!open) return none;
  if (unit.status === 'sealed' && reviewer) {
    if (mine) return { canEndorse: true, canAccept: false, canReturn: true, waitingFor: null };
    return { ...none, canReturn: office, waitingFor: '等待主管部门审核后，领导小组办公室才能审核通过。' };
  }
  if (unit.status === 'endorsed')
    return office ? { ...none, canAccept: true, canReturn: true } : { ...none, waitingFor: '主管部门已审核，等待领导小组办公室审核。' };
  if (unit.status === 'sealed') return office ? { ...none, canAccept: true, canReturn: true } : none;
  // submitted / signed: not yet 已报送; a return is still possible.
  return { ...none, canReturn: office || mine, waitingFor: '尚未签字盖章，不能审核通过。' };
}
