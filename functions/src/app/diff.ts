// Use case: what changed between two versions of a unit's ledger (any reader of the unit).
import { routes, type DiffResponse } from '../../../shared/api/contract';
import { AppError, notFound } from '../errors';
import type { Call } from '../services';
import { authorizeUnit } from '../domain/access';
import { diffLedgers } from '../domain/ledgerDiff';
import { recordAccess } from './accessLog';
import { loadDirectory } from './context';

/**
 * GET /campaigns/{c}/units/{u}/submissions/{v}/diff[?from=N]: what changed from version N (default
 * v−1) to v. 400 for v = 1 (nothing to compare) or a bad `from`; 404 for an unknown unit or version.
 */
export async function submissionDiff(
  call: Call,
  campaignId: string,
  unitId: string,
  version: number,
  from?: number,
): Promise<DiffResponse> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  if (!dir.units.has(unitId)) throw notFound(`单位（${unitId}）`);
  const who = authorizeUnit(routes.diff.auth, actor, dir, unitId);
  const previousVersion = from ?? version - 1;
  if (previousVersion < 1)
    throw new AppError(400, 'VALIDATION_FAILED', '第 1 版没有上一版本，无法比较。', {
      fieldErrors: { version: ['没有可比较的上一版本'] },
      formErrors: [],
    });
  if (previousVersion >= version)
    throw new AppError(400, 'VALIDATION_FAILED', `比较的版本（第 ${previousVersion} 版）须早于第 ${version} 版。`, {
      fieldErrors: { from: ['须小于 version'] },
      formErrors: [],
    });
  const [cur, prev] = await Promise.all([
    call.s.submissions.getVersion(campaignId, unitId, version),
    call.s.submissions.getVersion(campaignId, unitId, previousVersion),
  ]);
  if (!cur) throw notFound(`第 ${version} 版`);
  if (!prev) throw notFound(`第 ${previousVersion} 版`);
  const [a, b] = await Promise.all([
    call.s.rows.read(campaignId, unitId, prev.submissionId),
    call.s.rows.read(campaignId, unitId, cur.submissionId),
    recordAccess(call, campaignId, {
      action: 'diff.read',
      role: who.role,
      scope: 'unit',
      unitId,
      version,
      names: 'full',
      details: { previousVersion },
    }),
  ]);
  return { campaignId, unitId, version, previousVersion, ...diffLedgers(a.ledger, b.ledger) };
}
