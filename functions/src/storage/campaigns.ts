// CampaignRepository — table Campaigns, one partition per campaign (PK = campaignId):
//   RK 'campaign'                          title, templateVersion, milestones (JSON), createdAt, updatedAt
//   RK 'unit|{unitId}'                     name, parentId ('' = none)
//   RK 'member|{unitId}|{userId}|{role}'   userId, unitId, role, name
//   RK 'ext|{unitId}|{milestoneId}'        due (a unit's deadline extension)
//   RK 'audit|{iso}|{rand}'                audit entries of campaign-level actions (see audit.ts)
// Everything but the audit trail is read with one partition query (the campaign "directory") which
// access checks, progress and reminders share. Writes of a campaign and its audit entry share a
// transaction, so the entry exists exactly when the change does.
// Every write of units, members or extensions also rewrites the 'campaign' row in its last transaction,
// so that row's ETag stamps the directory: a request pays one point read, and re-reads the partition
// (2,000 members of a county take ~30 ms on Azurite) only when the stamp moved or the copy is old.
import { odata, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { MemberSchema, MilestoneSchema, RoleSchema, type Member, type Milestone, type UnitDef } from '../../../shared/api/contract';
import { auditAction, type NewAuditEntry } from './audit';
import { chunkForTransactions, plain, prefixEnd, statusOf, type Storage } from './tables';

const CampaignEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.literal('campaign'),
  etag: z.string().optional(),
  title: z.string(),
  templateVersion: z.string(),
  milestones: z.string(),
  /** Two-level review; absent on campaigns stored before it existed (then on, the contract's default). */
  supervisorReview: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
/** The stamp written with a unit/member/extension change: a Merge that only moves the row's ETag. */
const DirectoryStampEntity = z.object({ partitionKey: z.string(), rowKey: z.literal('campaign'), directoryUpdatedAt: z.string() });
/** A cached directory is used at most this long even when its stamp holds (a backstop, e.g. for a change
 * whose later transactions failed before the stamp was written). */
const DIRECTORY_MAX_AGE_MS = 30_000;
const DIRECTORY_CACHE_SIZE = 50;

const UnitEntity = z.object({ partitionKey: z.string(), rowKey: z.string(), etag: z.string().optional(), name: z.string(), parentId: z.string(), creditCode: z.string().optional() });
const MemberEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  etag: z.string().optional(),
  userId: z.string(),
  unitId: z.string(),
  role: RoleSchema,
  name: z.string(),
});
const ExtEntity = z.object({ partitionKey: z.string(), rowKey: z.string(), etag: z.string().optional(), unitId: z.string(), milestoneId: z.string(), due: z.string() });

export interface Campaign {
  campaignId: string;
  title: string;
  templateVersion: string;
  milestones: Milestone[];
  supervisorReview: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface UnitNode extends UnitDef {
  /** Ancestors, nearest first. */
  ancestors: string[];
}

/** Everything needed to authorise a request and compute progress, from one partition query. */
export interface Directory {
  campaign: Campaign;
  units: Map<string, UnitNode>;
  members: Member[];
  /** unitId → milestoneId → extended due day. */
  extensions: Map<string, Map<string, string>>;
}

type Keyed = { partitionKey: string; rowKey: string };

export const unitRowKey = (unitId: string) => `unit|${unitId}`;
// An office member without a unit is stored with unitId '' (ids are never empty).
export const memberRowKey = (m: Pick<Member, 'unitId' | 'userId' | 'role'>) => `member|${m.unitId ?? ''}|${m.userId}|${m.role}`;
export const extRowKey = (unitId: string, milestoneId: string) => `ext|${unitId}|${milestoneId}`;

export class CampaignRepository {
  /** campaignId → the directory read when the 'campaign' row had ETag `stamp`. Shared: never mutated. */
  private readonly directories = new Map<string, { stamp: string; at: number; dir: Directory }>();

  constructor(private readonly storage: Storage) {}
  private get client() {
    return this.storage.table('campaigns');
  }

  /** The ETag of the 'campaign' row, or null when the campaign does not exist. */
  private async stamp(campaignId: string): Promise<string | null> {
    try {
      return String((await this.client.getEntity(campaignId, 'campaign', { queryOptions: { select: ['RowKey'] } })).etag);
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  private stampAction(campaignId: string, etag: string, now: Date): TransactionAction {
    const e = DirectoryStampEntity.parse({ partitionKey: campaignId, rowKey: 'campaign', directoryUpdatedAt: now.toISOString() });
    return ['update', e, 'Merge', { etag }];
  }

  /** Every campaign's id. */
  async listIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const e of this.client.listEntities({ queryOptions: { filter: odata`RowKey eq ${'campaign'}`, select: ['PartitionKey'] } })) ids.push(String(e.partitionKey));
    return ids;
  }

  /** Creates or replaces the campaign header with its audit entry, in one transaction. */
  async putCampaign(c: Omit<Campaign, 'createdAt' | 'updatedAt'>, audit: NewAuditEntry, now: Date): Promise<Campaign> {
    for (let attempt = 0; ; attempt++) {
      const existing = await this.client.getEntity(c.campaignId, 'campaign').then(
        (e) => CampaignEntity.parse(plain(e)),
        (e) => (statusOf(e) === 404 ? null : Promise.reject(e)),
      );
      const entity = CampaignEntity.parse({
        partitionKey: c.campaignId,
        rowKey: 'campaign',
        title: c.title,
        templateVersion: c.templateVersion,
        milestones: JSON.stringify(c.milestones),
        supervisorReview: c.supervisorReview,
        createdAt: existing?.createdAt ?? now.toISOString(),
        updatedAt: now.toISOString(),
      });
      const { etag: _e, ...body } = entity;
      const actions: TransactionAction[] = [
        existing ? ['update', body, 'Replace', { etag: existing.etag }] : ['create', body],
        auditAction(c.campaignId, audit, now),
      ];
      try {
        await this.client.submitTransaction(actions);
        return toCampaign(entity);
      } catch (e) {
        if ((statusOf(e) === 409 || statusOf(e) === 412) && attempt < 10) continue;
        throw e;
      }
    }
  }

  async getDirectory(campaignId: string): Promise<Directory | null> {
    const stamp = await this.stamp(campaignId);
    const hit = this.directories.get(campaignId);
    if (stamp !== null && hit && hit.stamp === stamp && Date.now() - hit.at < DIRECTORY_MAX_AGE_MS) return hit.dir;
    this.directories.delete(campaignId); // re-inserted last below: the Map's order is the eviction order
    if (stamp === null) return null;
    const read = await this.readDirectory(campaignId);
    if (!read) return null;
    this.directories.set(campaignId, { stamp: read.stamp, at: Date.now(), dir: read.dir });
    if (this.directories.size > DIRECTORY_CACHE_SIZE) this.directories.delete(this.directories.keys().next().value!);
    return read.dir;
  }

  /** The whole directory from one partition query, with the stamp it was read at. */
  private async readDirectory(campaignId: string): Promise<{ dir: Directory; stamp: string } | null> {
    const entities: Record<string, unknown>[] = [];
    // Skip the audit trail ('audit|…' sorts before 'campaign').
    const filter = odata`PartitionKey eq ${campaignId} and RowKey ge ${prefixEnd('audit')}`;
    for await (const e of this.client.listEntities({ queryOptions: { filter } })) entities.push(plain(e));
    const head = entities.find((e) => e.rowKey === 'campaign');
    if (!head) return null;
    const campaign = toCampaign(CampaignEntity.parse(head));
    const flat = new Map<string, UnitDef>();
    const members: Member[] = [];
    const extensions = new Map<string, Map<string, string>>();
    for (const e of entities) {
      const rk = String(e.rowKey);
      if (rk.startsWith('unit|')) {
        const u = UnitEntity.parse(e);
        const unitId = rk.slice(5);
        flat.set(unitId, { unitId, name: u.name, parentId: u.parentId || null, creditCode: u.creditCode || null });
      } else if (rk.startsWith('member|')) {
        const m = MemberEntity.parse(e);
        members.push(MemberSchema.parse({ userId: m.userId, unitId: m.unitId || null, role: m.role, name: m.name }));
      } else if (rk.startsWith('ext|')) {
        const x = ExtEntity.parse(e);
        if (!extensions.has(x.unitId)) extensions.set(x.unitId, new Map());
        extensions.get(x.unitId)!.set(x.milestoneId, x.due);
      }
    }
    const units = new Map<string, UnitNode>();
    for (const u of flat.values()) {
      const ancestors: string[] = [];
      for (let p = u.parentId; p && !ancestors.includes(p); p = flat.get(p)?.parentId ?? null) ancestors.push(p);
      units.set(u.unitId, { ...u, ancestors });
    }
    return { dir: { campaign, units, members, extensions }, stamp: String(head.etag) };
  }

  /**
   * Replaces the unit tree and member list: upserts what is given, deletes (with etag) what is gone.
   * Batches of ≤ 100 in the campaign partition; the audit entry and the directory stamp ride in the last
   * batch, so other instances see the change as soon as it is complete.
   */
  async putUnits(campaignId: string, units: UnitDef[], members: Member[], audit: NewAuditEntry, now: Date): Promise<void> {
    const stamp = await this.stamp(campaignId);
    if (stamp === null) throw new Error(`campaign ${campaignId} missing`);
    const existing: { rowKey: string; etag: string }[] = [];
    const filter = odata`PartitionKey eq ${campaignId} and ((RowKey gt ${'unit|'} and RowKey lt ${prefixEnd('unit')}) or (RowKey gt ${'member|'} and RowKey lt ${prefixEnd('member')}))`;
    for await (const e of this.client.listEntities({ queryOptions: { filter, select: ['RowKey'] } })) existing.push({ rowKey: String(e.rowKey), etag: String(e.etag) });
    const wanted = new Map<string, Record<string, unknown>>();
    for (const u of units)
      wanted.set(unitRowKey(u.unitId), UnitEntity.parse({ partitionKey: campaignId, rowKey: unitRowKey(u.unitId), name: u.name, parentId: u.parentId ?? '', creditCode: u.creditCode ?? '' }));
    for (const m of members)
      wanted.set(memberRowKey(m), MemberEntity.parse({ partitionKey: campaignId, rowKey: memberRowKey(m), userId: m.userId, unitId: m.unitId ?? '', role: m.role, name: m.name }));
    const actions: TransactionAction[] = [];
    // Transactional deletes cannot carry an ETag in this SDK, so removals go one by one, guarded.
    for (const x of existing)
      if (!wanted.has(x.rowKey))
        await this.client.deleteEntity(campaignId, x.rowKey, { etag: x.etag }).catch((e) => (statusOf(e) === 404 ? undefined : Promise.reject(e)));
    const etags = new Map(existing.map((x) => [x.rowKey, x.etag]));
    for (const [rk, e] of wanted) {
      const etag = etags.get(rk);
      actions.push(etag ? ['update', e as Keyed, 'Replace', { etag }] : ['create', e as Keyed]);
    }
    const batches = chunkForTransactions(actions, () => 1, 98);
    if (batches.length === 0) batches.push([]);
    batches[batches.length - 1].push(auditAction(campaignId, audit, now), this.stampAction(campaignId, stamp, now));
    for (const b of batches) await this.client.submitTransaction(b);
  }

  async putExtension(campaignId: string, unitId: string, milestoneId: string, due: string, audit: NewAuditEntry, now: Date): Promise<void> {
    const entity = ExtEntity.parse({ partitionKey: campaignId, rowKey: extRowKey(unitId, milestoneId), unitId, milestoneId, due }) as Keyed;
    for (let attempt = 0; ; attempt++) {
      const [etag, stamp] = await Promise.all([
        this.client.getEntity(campaignId, entity.rowKey).then(
          (e) => e.etag,
          (e) => (statusOf(e) === 404 ? undefined : Promise.reject(e)),
        ),
        this.stamp(campaignId),
      ]);
      if (stamp === null) throw new Error(`campaign ${campaignId} missing`);
      const write: TransactionAction = etag ? ['update', entity, 'Replace', { etag }] : ['create', entity];
      try {
        await this.client.submitTransaction([write, auditAction(campaignId, audit, now), this.stampAction(campaignId, stamp, now)]);
        return;
      } catch (e) {
        if ((statusOf(e) === 409 || statusOf(e) === 412) && attempt < 10) continue;
        throw e;
      }
    }
  }
}

function toCampaign(e: z.infer<typeof CampaignEntity>): Campaign {
  return {
    campaignId: e.partitionKey,
    title: e.title,
    templateVersion: e.templateVersion,
    milestones: z.array(MilestoneSchema).parse(JSON.parse(e.milestones)),
    supervisorReview: e.supervisorReview ?? true,
    createdAt: e.createdAt,
    updatedAt: e.updatedAt,
  };
}
