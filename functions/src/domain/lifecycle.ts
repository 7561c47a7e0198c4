// The unit lifecycle as one status × action table. Pure.
//
// Status: not_started (no version) → submitted → signed (head signed that version's digest) → sealed
// (seal scan uploaded; 已报送) → [endorsed (主管部门已审核)] → accepted | returned. The scan may also be
// uploaded before the digital sign-off: the version stays `submitted` until the head signs, then is
// `sealed`. A unit reviewed by a supervising department first (domain/reviewChain.ts) is endorsed (or
// returned) by it; the office then accepts it with the action `acceptEndorsed`, which a merely sealed
// version refuses. Other units go from sealed to the office (`accept`). A new version starts again at
// submitted. `reopen` lifts an acceptance: the version counts as endorsed (if it was) or sealed again.
//
// A new status is one more row of LIFECYCLE (and one more branch in versionStatus); a new action is one
// more column: the Record types make the compiler ask for every cell.
import type { UnitStatus } from '../../../shared/api/contract';
import { AppError } from '../errors';
import type { UnitState, VersionRecord } from '../storage';

/** What can be done to a unit's latest version (`submit`: a new version on top of it). */
export type LifecycleAction = 'submit' | 'signOff' | 'seal' | 'endorse' | 'accept' | 'acceptEndorsed' | 'return' | 'reopen';

/** `true`: allowed; otherwise the 409 refusal (`{version}` in the message is the version's number). */
type Verdict = true | { code: 'INVALID_STATE' | 'SUBMISSION_LOCKED'; message: string };

interface StatusRow {
  /** 已报送: submitted, signed and sealed (also once accepted). */
  reported: boolean;
  actions: Record<LifecycleAction, Verdict>;
}

const refuse = (message: string): Verdict => ({ code: 'INVALID_STATE', message });
const NOT_SEALED = refuse('只能审核通过已签字盖章（已报送）的台账。');
const NOT_ACCEPTED = refuse('只有审核通过的台账可以重新打开。');
const ALREADY_SIGNED = refuse('该版本已签字，无需重复签字。');
const REVIEWED_NO_SEAL = refuse('该版本已审核，不能再更换盖章扫描件。');
const NOT_SEALED_ENDORSE = refuse('主管部门只能审核已签字盖章（已报送）的台账。');
const NEEDS_ENDORSEMENT = refuse('该单位的台账须先经主管部门审核，主管部门审核通过后领导小组办公室才能审核通过。');

export const LIFECYCLE: Record<UnitStatus, StatusRow> = {
  not_started: {
    reported: false,
    actions: {
      submit: true,
      signOff: refuse('尚未报送台账。'),
      seal: refuse('尚未报送台账。'),
      endorse: NOT_SEALED_ENDORSE,
      accept: NOT_SEALED,
      acceptEndorsed: NOT_SEALED,
      return: refuse('尚未报送台账。'),
      reopen: NOT_ACCEPTED,
    },
  },
  submitted: {
    reported: false,
    actions: {
      submit: true,
      signOff: true,
      seal: true,
      endorse: NOT_SEALED_ENDORSE,
      accept: NOT_SEALED,
      acceptEndorsed: NOT_SEALED,
      return: true,
      reopen: NOT_ACCEPTED,
    },
  },
  signed: {
    reported: false,
    actions: {
      submit: true,
      signOff: ALREADY_SIGNED,
      seal: true,
      endorse: NOT_SEALED_ENDORSE,
      accept: NOT_SEALED,
      acceptEndorsed: NOT_SEALED,
      return: true,
      reopen: NOT_ACCEPTED,
    },
  },
  sealed: {
    reported: true,
    actions: {
      submit: true,
      signOff: ALREADY_SIGNED,
      seal: true,
      endorse: true,
      accept: true,
      acceptEndorsed: NEEDS_ENDORSEMENT,
      return: true,
      reopen: NOT_ACCEPTED,
    },
  },
  endorsed: {
    reported: true,
    actions: {
      submit: true,
      signOff: ALREADY_SIGNED,
      seal: REVIEWED_NO_SEAL,
      endorse: refuse('主管部门已审核通过该版本。'),
      accept: true,
      acceptEndorsed: true,
      return: true,
      reopen: NOT_ACCEPTED,
    },
  },
  returned: {
    reported: false,
    actions: {
      submit: true,
      signOff: refuse('该版本已被退回，请重新报送后再签字。'),
      seal: REVIEWED_NO_SEAL,
      endorse: refuse('该版本已退回。'),
      accept: NOT_SEALED,
      acceptEndorsed: NOT_SEALED,
      return: refuse('该版本已退回。'),
      reopen: NOT_ACCEPTED,
    },
  },
  accepted: {
    reported: true,
    actions: {
      submit: { code: 'SUBMISSION_LOCKED', message: '第 {version} 版已审核通过，台账已锁定；如需修改，请联系领导小组办公室重新打开。' },
      signOff: ALREADY_SIGNED,
      seal: REVIEWED_NO_SEAL,
      endorse: refuse('该版本已审核通过。'),
      accept: NOT_SEALED,
      acceptEndorsed: NOT_SEALED,
      return: refuse('已审核通过的台账须先重新打开。'),
      reopen: true,
    },
  },
};

export function versionStatus(r: VersionRecord): UnitStatus {
  const last = r.reviews.at(-1);
  if (last?.decision === 'accept') return 'accepted';
  if (last?.decision === 'return') return 'returned';
  if (last?.decision === 'endorse') return 'endorsed';
  // Reopened: back to where the office found it.
  if (last?.decision === 'reopen' && r.reviews.some((x) => x.decision === 'endorse')) return 'endorsed';
  if (r.signOff && r.seal) return 'sealed';
  if (r.signOff) return 'signed';
  return 'submitted';
}

export const unitStatus = (s: UnitState | null): UnitStatus => (s ? versionStatus(s.latest) : 'not_started');

export const isReported = (status: UnitStatus): boolean => LIFECYCLE[status].reported;

/** Throws the table's 409 when `action` is not allowed on a version in `status`. */
export function assertAllowed(status: UnitStatus, action: LifecycleAction, version: number): void {
  const v = LIFECYCLE[status].actions[action];
  if (v === true) return;
  const message = v.message.replace('{version}', String(version));
  throw new AppError(409, v.code, message, v.code === 'INVALID_STATE' ? { status } : undefined);
}
