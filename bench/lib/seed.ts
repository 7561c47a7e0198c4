// Seeding shared by the benchmarks that need many stored units: the unit list with a liaison and a head
// each, and version 1 committed straight through the repositories (no HTTP, so seeding stays cheap).
import { createHash } from 'node:crypto';
import type { Member, Seal, UnitDef } from '../../shared/api/contract';
import type { Summary } from '../../shared/ledger/schema';
import type { Services } from '../../functions/src/services';

/** `n` top-level units `u0000…` with their liaison and head. */
export function benchUnits(n: number): { units: UnitDef[]; members: Member[] } {
  const units: UnitDef[] = Array.from({ length: n }, (_, u) => ({
    unitId: `u${String(u).padStart(4, '0')}`,
    name: `示范县第${u + 1}单位`,
    parentId: null,
  }));
  const members: Member[] = units.flatMap((u): Member[] => [
    { userId: `${u.unitId}-liaison`, name: `联络员${u.unitId}`, role: 'liaison', unitId: u.unitId },
    { userId: `${u.unitId}-head`, name: `负责人${u.unitId}`, role: 'head', unitId: u.unitId },
  ]);
  return { units, members };
}

export interface SeedVersion {
  unitId: string;
  submissionId: string;
  digest: string;
  summary: Summary;
  receiptNo: string;
  /** When it was submitted (and signed and sealed, where it was). */
  at: string;
  signed: boolean;
  seal: Omit<Seal, 'at' | 'userId'> | null;
}

/** Commits version 1 of a unit whose rows are already written, with the liaison's audit entry. */
export async function commitSeedVersion(s: Services, campaignId: string, v: SeedVersion, now: Date): Promise<void> {
  const { unitId, at } = v;
  await s.submissions.commitVersion(
    campaignId,
    unitId,
    createHash('sha256').update(`seed-${unitId}`).digest('hex'),
    () => ({
      campaignId,
      unitId,
      version: 1,
      submissionId: v.submissionId,
      digest: v.digest,
      sm3: null,
      receiptNo: v.receiptNo,
      submittedAt: at,
      submittedBy: `${unitId}-liaison`,
      asOf: '2025-06-30',
      idempotencyKey: `seed-${unitId}`,
      summary: v.summary,
      signOff: v.signed ? { userId: `${unitId}-head`, name: `负责人${unitId}`, at, digest: v.digest } : null,
      seal: v.seal ? { ...v.seal, at, userId: `${unitId}-liaison` } : null,
      reviews: [],
    }),
    (r) => ({
      userId: `${unitId}-liaison`,
      role: 'liaison',
      action: 'submission.create',
      unitId,
      version: r.version,
      digest: r.digest,
      details: {},
    }),
    now,
  );
}
