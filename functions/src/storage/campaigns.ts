// CampaignRepository — table Campaigns, one partition per campaign (PK = campaignId):
//   RK 'campaign'                          title, templateVersion, milestones (JSON), createdAt, updatedAt
//   RK 'campaign' also holds `directoryGeneration`: the unit tree and member list in force, stored as
//                 packed JSON in LedgerRows PK '{campaignId}|~dir|{generation}', RK 'dir|{chunk:6}'
//   RK 'unit|{unitId}', 'member|{unitId}|{userId}|{role}'  the same, as written before generations
//                 (read only while a campaign has no generation yet)
//   RK 'ext|{unitId}|{milestoneId}'        due (a unit's deadline extension)
//   RK 'audit|{iso}|{rand}'                audit entries of campaign-level actions (see audit.ts)
// Everything but the audit trail is read with one partition query (the campaign "directory") which
// access checks, progress and reminders share. Writes of a campaign and its audit entry share a
// transaction, so the entry exists exactly when the change does.
// A new unit tree and member list is written to a fresh generation first, then ONE ETag-guarded
// transaction points the 'campaign' row at it together with the audit entry: a failure at any step
// leaves the old list in force and nothing recorded (never half a list).
// Every write of units, members or extensions also rewrites the 'campaign' row in its last transaction,
// so that row's ETag stamps the directory: a request pays one point read, and re-reads the partition
// (2,000 members of a county take ~30 ms on Azurite) only when the stamp moved or the copy is old.
import { odata, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { MemberSchema, MilestoneSchema, RoleSchema, type Member, type Milestone, type UnitDef } from '../../../shared/api/contract';
import { auditAction, type NewAuditEntry } from './audit';
import { randomUUID } from 'node:crypto';
import { chunkForTransactions, pad, packJsonText, plain, prefixEnd, statusOf, unpackText, type Storage } from './tables';

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
  directoryGeneration: z.string().optional(),
});
/** The unit tree and member list of one generation, as stored. */
const DirectoryListsSchema = z.object({
  units: z.array(
    z.object({ unitId: z.string(), name: z.string(), parentId: z.string().nullable(), creditCode: z.string().nullable().optional() }),
  ),
  members: z.array(MemberSchema),
});
/** Characters of the lists' JSON per entity: 15 properties of 30,000, under 1 MiB even as UTF-16. */
const DIRECTORY_CHARS_PER_ENTITY = 450_000;
const directoryPartition = (campaignId: string, generation: string) => `${campaignId}|~dir|${generation}`;
/** The stamp written with a unit/member/extension change: a Merge that only moves the row's ETag. */
const DirectoryStampEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.literal('campaign'),
  directoryUpdatedAt: z.string(),
  directoryGeneration: z.string().optional(),
});
/** A cached directory is used at most this long even when its stamp holds (a backstop, e.g. for a change
 * whose later transactions failed before the stamp was written). */
const DIRECTORY_MAX_AGE_MS = 30_000;
const DIRECTORY_CACHE_SIZE = 50;

const UnitEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  etag: z.string().optional(),
  name: z.string(),
  parentId: z.string(),
  creditCode: z.string().optional(),
});
const MemberEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  etag: z.string().optional(),
  userId: z.string(),
  unitId: z.string(),
  role: RoleSchema,
  name: z.string(),
});
const ExtEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  etag: z.string().optional(),
  unitId: z.string(),
  milestoneId: z.string(),
  due: z.string(),
});

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

  private stampAction(campaignId: string, etag: string, now: Date, directoryGeneration?: string): TransactionAction {
    const e = DirectoryStampEntity.parse({
      partitionKey: campaignId,
      rowKey: 'campaign',
      directoryUpdatedAt: now.toISOString(),
      ...(directoryGeneration && { directoryGeneration }),
    });
    return ['update', e, 'Merge', { etag }];
  }

  /** Every campaign's id. */
  async listIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const e of this.client.listEntities({ queryOptions: { filter: odata`RowKey eq ${'campaign'}`, select: ['PartitionKey'] } }))
      ids.push(String(e.partitionKey));
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
        ...(existing?.directoryGeneration && { directoryGeneration: existing.directoryGeneration }),
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
    const generation = CampaignEntity.parse(head).directoryGeneration;
    if (generation) {
      const lists = await this.readGeneration(campaignId, generation);
      flat.clear();
      members.length = 0;
      for (const u of lists.units) flat.set(u.unitId, { ...u, creditCode: u.creditCode ?? null });
      members.push(...lists.members);
    }
    const units = new Map<string, UnitNode>();
    for (const u of flat.values()) {
      const ancestors: string[] = [];
      for (let p = u.parentId; p && !ancestors.includes(p); p = flat.get(p)?.parentId ?? null) ancestors.push(p);
      units.set(u.unitId, { ...u, ancestors });
    }
    return { dir: { campaign, units, members, extensions }, stamp: String(head.etag) };
  }

  private async readGeneration(campaignId: string, generation: string): Promise<z.infer<typeof DirectoryListsSchema>> {
    const pk = directoryPartition(campaignId, generation);
    let text = '';
    for await (const e of this.storage.table('rows').listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk}` } }))
      text += unpackText(e);
    return DirectoryListsSchema.parse(JSON.parse(text));
  }

  /**
   * Replaces the unit tree and member list, all or nothing: the lists go to a fresh generation (invisible
   * until referenced), then one transaction moves the 'campaign' row to it — guarded by the ETag it was
   * read with — and appends the audit entry. The previous generation is deleted afterwards.
   */
  async putUnits(campaignId: string, units: UnitDef[], members: Member[], audit: NewAuditEntry, now: Date): Promise<void> {
    const generation = randomUUID();
    const rows = this.storage.table('rows');
    const pk = directoryPartition(campaignId, generation);
    const text = JSON.stringify({ units, members });
    const entities: Keyed[] = [];
    for (let i = 0, k = 0; i < text.length || k === 0; i += DIRECTORY_CHARS_PER_ENTITY, k++)
      entities.push({
        partitionKey: pk,
        rowKey: `dir|${pad(k, 6)}`,
        ...packJsonText(text.slice(i, i + DIRECTORY_CHARS_PER_ENTITY)),
      } as Keyed);
    for (const batch of chunkForTransactions(entities, () => 1, 4))
      await rows.submitTransaction(batch.map((e): TransactionAction => ['create', e]));

    let previous: string | undefined;
    for (let attempt = 0; ; attempt++) {
      const head = await this.client.getEntity(campaignId, 'campaign').then(
        (e) => CampaignEntity.parse(plain(e)),
        (e) => (statusOf(e) === 404 ? null : Promise.reject(e)),
      );
      if (!head) throw new Error(`campaign ${campaignId} missing`);
      try {
        await this.client.submitTransaction([
          this.stampAction(campaignId, head.etag!, now, generation),
          auditAction(campaignId, audit, now),
        ]);
        previous = head.directoryGeneration;
        break;
      } catch (e) {
        if ((statusOf(e) === 409 || statusOf(e) === 412) && attempt < 10) continue;
        throw e;
      }
    }
    if (previous) await this.deleteGeneration(campaignId, previous).catch(() => undefined); // unreachable once replaced
  }

  private async deleteGeneration(campaignId: string, generation: string): Promise<void> {
    const rows = this.storage.table('rows');
    const pk = directoryPartition(campaignId, generation);
    const keys: TransactionAction[] = [];
    for await (const e of rows.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk}`, select: ['RowKey'] } }))
      keys.push(['delete', { partitionKey: pk, rowKey: String(e.rowKey) }]);
    for (const b of chunkForTransactions(keys, () => 1)) await rows.submitTransaction(b);
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
