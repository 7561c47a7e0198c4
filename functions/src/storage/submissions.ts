// SubmissionRepository — table Submissions, one partition per unit (PK '{campaignId}|{unitId}'):
//   RK 'state'             the unit's counter and snapshot: latestVersion, latest (VersionRecord JSON),
//                          firstSubmittedAt / firstReportedAt / firstEndorsedAt / firstAcceptedAt (milestones)
//   RK 'v|{version:10}'    one immutable submission: digest, receipt, who/when, summary, rows pointer
//                          (submissionId → LedgerRows), plus its sign-off, seal and reviews
//   RK 'idem|{sha256(key)}' Idempotency-Key → version
//   RK 'audit|{iso}|{rand}' the unit's audit entries
// One partition per unit makes every state change a single entity-group transaction: the version
// header (the commit point), the counter update (ETag, so two concurrent submitters can never take the
// same number — the loser gets 412 and retries with the next one), the idempotency record and the
// audit entry are written together or not at all. Progress reads only the 'state' rows of a campaign.
import { odata, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { ReviewSchema, SealSchema, SignOffSchema } from '../../../shared/api/contract';
import { SummarySchema } from '../../../shared/ledger/schema';
import { auditAction, type NewAuditEntry } from './audit';
import { plain, prefixEnd, statusOf, unitPartition, versionKey, type Storage } from './tables';

export const VersionRecordSchema = z.strictObject({
  campaignId: z.string(),
  unitId: z.string(),
  version: z.number().int().positive(),
  submissionId: z.string(),
  digest: z.string(),
  sm3: z.string().nullable(),
  receiptNo: z.string(),
  submittedAt: z.string(),
  submittedBy: z.string(),
  /** The as-of date of the server's check. */
  asOf: z.string(),
  idempotencyKey: z.string(),
  summary: SummarySchema,
  signOff: SignOffSchema.nullable(),
  seal: SealSchema.nullable(),
  /** Oldest first; the last one decides the status. */
  reviews: z.array(ReviewSchema),
});
export type VersionRecord = z.infer<typeof VersionRecordSchema>;

export interface UnitState {
  campaignId: string;
  unitId: string;
  latestVersion: number;
  latest: VersionRecord;
  firstSubmittedAt: string | null;
  firstReportedAt: string | null;
  firstEndorsedAt: string | null;
  firstAcceptedAt: string | null;
  etag?: string;
}

const StateEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.literal('state'),
  etag: z.string().optional(),
  latestVersion: z.number().int().positive(),
  latest: z.string(),
  firstSubmittedAt: z.string(),
  firstReportedAt: z.string(),
  // Absent on states stored before the endorsement step existed.
  firstEndorsedAt: z.string().optional(),
  firstAcceptedAt: z.string(),
});
const VersionEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.string().startsWith('v|'),
  etag: z.string().optional(),
  record: z.string(),
});
const IdemEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  etag: z.string().optional(),
  version: z.number().int().positive(),
  digest: z.string(),
});

type Keyed = { partitionKey: string; rowKey: string; [k: string]: unknown };

function stateEntity(s: UnitState): Keyed {
  const e = StateEntity.parse({
    partitionKey: unitPartition(s.campaignId, s.unitId),
    rowKey: 'state',
    latestVersion: s.latestVersion,
    latest: JSON.stringify(VersionRecordSchema.parse(s.latest)),
    firstSubmittedAt: s.firstSubmittedAt ?? '',
    firstReportedAt: s.firstReportedAt ?? '',
    firstEndorsedAt: s.firstEndorsedAt ?? '',
    firstAcceptedAt: s.firstAcceptedAt ?? '',
  });
  const { etag: _, ...body } = e;
  return body;
}
function toState(raw: Record<string, unknown>): UnitState {
  const e = StateEntity.parse(raw);
  const latest = VersionRecordSchema.parse(JSON.parse(e.latest));
  return {
    campaignId: latest.campaignId,
    unitId: latest.unitId,
    latestVersion: e.latestVersion,
    latest,
    firstSubmittedAt: e.firstSubmittedAt || null,
    firstReportedAt: e.firstReportedAt || null,
    firstEndorsedAt: e.firstEndorsedAt || null,
    firstAcceptedAt: e.firstAcceptedAt || null,
    etag: e.etag,
  };
}
function versionEntity(r: VersionRecord): Keyed {
  return {
    partitionKey: unitPartition(r.campaignId, r.unitId),
    rowKey: versionKey(r.version),
    record: JSON.stringify(VersionRecordSchema.parse(r)),
  };
}
function toVersion(raw: Record<string, unknown>): VersionRecord & { etag?: string } {
  const e = VersionEntity.parse(raw);
  return { ...VersionRecordSchema.parse(JSON.parse(e.record)), etag: e.etag };
}

/** Thrown by `commitVersion` callers' `make` to refuse (e.g. locked); passed through untouched. */
export type MakeVersion = (state: UnitState | null) => VersionRecord;

export class SubmissionRepository {
  constructor(private readonly storage: Storage) {}
  private get client() {
    return this.storage.table('submissions');
  }

  private async getRaw(pk: string, rk: string): Promise<Record<string, unknown> | null> {
    try {
      return plain(await this.client.getEntity(pk, rk));
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  async getState(campaignId: string, unitId: string): Promise<UnitState | null> {
    const raw = await this.getRaw(unitPartition(campaignId, unitId), 'state');
    return raw ? toState(raw) : null;
  }

  /** The state rows of every unit of a campaign that has submitted. */
  async listStates(campaignId: string): Promise<UnitState[]> {
    const filter = odata`PartitionKey gt ${campaignId + '|'} and PartitionKey lt ${prefixEnd(campaignId)} and RowKey eq ${'state'}`;
    const out: UnitState[] = [];
    for await (const e of this.client.listEntities({ queryOptions: { filter } })) out.push(toState(plain(e)));
    return out;
  }

  async getVersion(campaignId: string, unitId: string, version: number): Promise<(VersionRecord & { etag?: string }) | null> {
    const raw = await this.getRaw(unitPartition(campaignId, unitId), versionKey(version));
    return raw ? toVersion(raw) : null;
  }

  async findIdempotent(campaignId: string, unitId: string, keyHash: string): Promise<{ version: number; digest: string } | null> {
    const raw = await this.getRaw(unitPartition(campaignId, unitId), `idem|${keyHash}`);
    return raw ? IdemEntity.parse(raw) : null;
  }

  /**
   * Commits a new version: header + counter (ETag) + idempotency record + audit entry in one
   * transaction. On a conflict (another submission took the number: 412 on the counter, or 409 on the
   * header/idempotency record) it re-reads and retries; if the idempotency key turns out to be taken,
   * returns that version instead with created = false.
   */
  async commitVersion(
    campaignId: string,
    unitId: string,
    keyHash: string,
    make: MakeVersion,
    audit: (r: VersionRecord) => NewAuditEntry,
    now: Date,
    /**
     * The state (with its ETag) this request already read, with no idempotency record for keyHash seen
     * then: the first attempt uses it instead of reading again. If either changed meanwhile, the
     * transaction fails (412 on the state's ETag, 409 on the state or idempotency record) and the retry reads.
     */
    known?: { state: UnitState | null },
  ): Promise<{ record: VersionRecord; created: boolean }> {
    const pk = unitPartition(campaignId, unitId);
    for (let attempt = 0; ; attempt++) {
      let state: UnitState | null;
      if (attempt === 0 && known) state = known.state;
      else {
        const [stateRaw, idem] = await Promise.all([this.getRaw(pk, 'state'), this.findIdempotent(campaignId, unitId, keyHash)]);
        if (idem) {
          const existing = await this.getVersion(campaignId, unitId, idem.version);
          if (!existing) throw new Error(`idempotency record points at missing version ${idem.version}`);
          const { etag: _, ...record } = existing;
          return { record, created: false };
        }
        state = stateRaw ? toState(stateRaw) : null;
      }
      const record = make(state);
      const next: UnitState = {
        campaignId,
        unitId,
        latestVersion: record.version,
        latest: record,
        firstSubmittedAt: state?.firstSubmittedAt ?? record.submittedAt,
        firstReportedAt: state?.firstReportedAt ?? null,
        firstEndorsedAt: state?.firstEndorsedAt ?? null,
        firstAcceptedAt: state?.firstAcceptedAt ?? null,
      };
      const actions: TransactionAction[] = [
        state ? ['update', stateEntity(next), 'Replace', { etag: state.etag }] : ['create', stateEntity(next)],
        ['create', versionEntity(record)],
        ['create', { partitionKey: pk, rowKey: `idem|${keyHash}`, version: record.version, digest: record.digest }],
        auditAction(pk, audit(record), now),
      ];
      try {
        await this.client.submitTransaction(actions);
        return { record, created: true };
      } catch (e) {
        const s = statusOf(e);
        if ((s === 409 || s === 412) && attempt < 50) {
          await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 5 * (attempt + 1))));
          continue;
        }
        throw e; // still conflicting: the error mapper answers 409 CONCURRENT_UPDATE
      }
    }
  }

  /**
   * Changes one version (sign-off, seal, review) and the unit state together with an audit entry, in one
   * transaction guarded by both ETags; re-reads and re-applies `change` on a conflict.
   */
  async mutateVersion(
    campaignId: string,
    unitId: string,
    version: number,
    /** The change, or null when the version already holds it (a retry whose first response was lost): nothing is written. */
    change: (state: UnitState, record: VersionRecord) => { record: VersionRecord; state: UnitState; audit: NewAuditEntry } | null,
    now: Date,
  ): Promise<{ record: VersionRecord; state: UnitState }> {
    const pk = unitPartition(campaignId, unitId);
    for (let attempt = 0; ; attempt++) {
      const [stateRaw, versionRaw] = await Promise.all([this.getRaw(pk, 'state'), this.getRaw(pk, versionKey(version))]);
      if (!stateRaw || !versionRaw) throw new VersionNotFound();
      const state = toState(stateRaw);
      const { etag, ...record } = toVersion(versionRaw);
      const out = change(state, record);
      if (!out) return { record, state };
      const next = { ...out.state, latest: out.state.latestVersion === out.record.version ? out.record : out.state.latest };
      try {
        await this.client.submitTransaction([
          ['update', versionEntity(out.record), 'Replace', { etag }],
          ['update', stateEntity(next), 'Replace', { etag: state.etag }],
          auditAction(pk, out.audit, now),
        ]);
        return { record: out.record, state: next };
      } catch (e) {
        const s = statusOf(e);
        if ((s === 409 || s === 412) && attempt < 20) continue;
        throw e; // still conflicting: the error mapper answers 409 CONCURRENT_UPDATE
      }
    }
  }
}

export class VersionNotFound extends Error {}
