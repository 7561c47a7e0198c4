// The unit lifecycle table (functions/src/domain/lifecycle.ts): each status × action cell, the status a
// stored version derives to, and the 409 each refusal answers with.
import { describe, expect, it } from 'vitest';
import { UNIT_STATUSES } from '../../shared/api/contract';
import { AppError } from '../../functions/src/errors';
import { assertAllowed, isReported, LIFECYCLE, versionStatus, type LifecycleAction } from '../../functions/src/domain/lifecycle';
import type { VersionRecord } from '../../functions/src/storage';

const ACTIONS: LifecycleAction[] = ['submit', 'signOff', 'seal', 'endorse', 'accept', 'acceptEndorsed', 'return', 'reopen'];
/** Allowed cells, written out by hand from the process rules in the README. */
const ALLOWED: Record<string, LifecycleAction[]> = {
  not_started: ['submit'],
  submitted: ['submit', 'signOff', 'seal', 'return'],
  signed: ['submit', 'seal', 'return'],
  // `accept` is the office's decision where no supervisor reviews first; `acceptEndorsed` where one does.
  sealed: ['submit', 'seal', 'endorse', 'accept', 'return'],
  endorsed: ['submit', 'accept', 'acceptEndorsed', 'return'],
  returned: ['submit'],
  accepted: ['reopen'],
};

const refusal = (f: () => void): AppError | null => {
  try {
    f();
    return null;
  } catch (e) {
    return e as AppError;
  }
};

describe('lifecycle table', () => {
  it('has a row for every status and allows exactly the documented actions', () => {
    expect(Object.keys(LIFECYCLE).sort()).toEqual([...UNIT_STATUSES].sort());
    for (const status of UNIT_STATUSES)
      for (const action of ACTIONS) {
        const err = refusal(() => assertAllowed(status, action, 3));
        expect(err === null, `${status} × ${action}`).toBe(ALLOWED[status].includes(action));
        if (err) {
          expect(err).toBeInstanceOf(AppError);
          expect(err.status).toBe(409);
          expect(err.message).toMatch(/[\u4e00-\u9fff]/);
        }
      }
  });

  it('locks submission of an accepted unit with SUBMISSION_LOCKED naming the version; other refusals are INVALID_STATE with the status', () => {
    const locked = refusal(() => assertAllowed('accepted', 'submit', 7))!;
    expect([locked.code, locked.details]).toEqual(['SUBMISSION_LOCKED', undefined]);
    expect(locked.message).toContain('第 7 版');
    const seal = refusal(() => assertAllowed('returned', 'seal', 2))!;
    expect([seal.code, seal.details]).toEqual(['INVALID_STATE', { status: 'returned' }]);
  });

  it('counts sealed, endorsed and accepted as reported (已报送)', () => {
    expect(UNIT_STATUSES.filter(isReported)).toEqual(['sealed', 'endorsed', 'accepted']);
  });

  it('derives a version status from sign-off, seal and the last review (reopen counts as sealed again)', () => {
    const at = '2025-01-01T00:00:00.000Z';
    const base = { signOff: null, seal: null, reviews: [] } as unknown as VersionRecord;
    const signOff = { userId: 'h', name: 'h', at, digest: 'a'.repeat(64) };
    const seal = { sha256: 'b'.repeat(64), contentType: 'image/png' as const, bytes: 1, at, userId: 'l' };
    const review = (decision: 'accept' | 'return' | 'reopen') => ({ decision, reasons: [], userId: 'o', name: 'o', at });
    expect(versionStatus(base)).toBe('submitted');
    expect(versionStatus({ ...base, seal })).toBe('submitted');
    expect(versionStatus({ ...base, signOff })).toBe('signed');
    expect(versionStatus({ ...base, signOff, seal })).toBe('sealed');
    expect(versionStatus({ ...base, signOff, seal, reviews: [review('accept')] })).toBe('accepted');
    expect(versionStatus({ ...base, signOff, seal, reviews: [review('accept'), review('reopen')] })).toBe('sealed');
    expect(versionStatus({ ...base, reviews: [review('return')] })).toBe('returned');
  });
});
