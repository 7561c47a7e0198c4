// Who took personal data: every read that returns persons' personal data appends an access entry to
// the audit trail (action = the route, who, when, scope, whether names were full or masked). Written
// before the data is handed out and awaited with it: no record, no data (a failed append is a 503).
import type { AccessAction, Role } from '../../../shared/api/contract';
import type { Call } from '../services';

export interface AccessRecord {
  action: AccessAction;
  /** The role the reader acted in. */
  role: Role;
  /** `unit`: one unit's data (unitId); `subtree`: a supervisor's units (unitId = its own unit); `campaign`: every unit. */
  scope: 'unit' | 'subtree' | 'campaign';
  unitId: string | null;
  version?: number | null;
  names: 'full' | 'masked';
  /** Anything else worth keeping (e.g. the versions compared, the number of persons). */
  details?: Record<string, unknown>;
}

/** Appends the access entry for `call`'s user (H-paper's archive and H-chain's roster uploads call this too). */
export function recordAccess(call: Call, campaignId: string, r: AccessRecord): Promise<void> {
  return call.s.audit.append(
    campaignId,
    {
      userId: call.userId,
      role: r.role,
      action: r.action,
      unitId: r.unitId,
      version: r.version ?? null,
      digest: null,
      details: { category: 'access', scope: r.scope, names: r.names, ...r.details },
    },
    call.now,
  );
}

/** The scope of a campaign-wide read by office staff or a supervisor (see authorizeCampaign / visibleUnits). */
export function campaignScope(role: string, supervisedRoot: string | null): Pick<AccessRecord, 'scope' | 'unitId'> {
  return role === 'office' ? { scope: 'campaign', unitId: null } : { scope: 'subtree', unitId: supervisedRoot };
}
