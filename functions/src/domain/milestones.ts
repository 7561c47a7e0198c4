// A unit's standing on each milestone, derived from the stored state. Pure.
//
// Milestone completion (field `requires`, default 'reported'): 'submitted' = first stored version;
// 'reported' = first time a version was submitted, signed and sealed; 'endorsed' = first endorsement by
// the supervising department (for a unit without that step: 'reported'); 'accepted' = first acceptance.
// Done on time when that instant's China date ≤ the due day (the unit's extension replaces the due day).
import type { Milestone, UnitMilestone } from '../../../shared/api/contract';
import type { UnitState } from '../storage';
import { chinaDay, daysBetween } from '../../../shared/dates';

/** `supervised`: the unit is reviewed by a supervising department before the office (domain/reviewChain.ts). */
export function milestoneStanding(
  m: Milestone,
  extension: string | undefined,
  state: UnitState | null,
  today: string,
  supervised: boolean,
): UnitMilestone {
  const requires = m.requires ?? 'reported';
  const due = extension ?? m.due;
  const doneAt =
    (requires === 'submitted'
      ? state?.firstSubmittedAt
      : requires === 'reported'
        ? state?.firstReportedAt
        : requires === 'endorsed'
          ? (state?.firstEndorsedAt ?? (supervised ? null : state?.firstReportedAt))
          : state?.firstAcceptedAt) ?? null;
  const base = { id: m.id, title: m.title, requires, due, extended: extension !== undefined, doneAt };
  if (doneAt) {
    const late = daysBetween(due, chinaDay(doneAt));
    return { ...base, onTime: late <= 0, state: late <= 0 ? 'done_on_time' : 'done_late', overdueDays: Math.max(0, late) };
  }
  const overdue = daysBetween(due, today);
  if (overdue > 0) return { ...base, onTime: false, state: 'overdue', overdueDays: overdue };
  return { ...base, onTime: null, state: 'due', overdueDays: 0 };
}

export function unitMilestones(
  milestones: Milestone[],
  extensions: Map<string, string> | undefined,
  state: UnitState | null,
  today: string,
  supervised: boolean,
): UnitMilestone[] {
  return milestones.map((m) => milestoneStanding(m, extensions?.get(m.id), state, today, supervised));
}

/** Progress summary over milestones: onTime null while nothing is due or done. */
export function overallTimeliness(ms: UnitMilestone[]): { onTime: boolean | null; overdueDays: number } {
  const decided = ms.filter((m) => m.state !== 'due');
  return {
    onTime: decided.length === 0 ? null : decided.every((m) => m.state === 'done_on_time'),
    overdueDays: ms.reduce((a, m) => Math.max(a, m.overdueDays), 0),
  };
}
