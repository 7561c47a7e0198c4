// The on-staff roster (在编人员名单), replaced as a whole by PUT /on-staff, in the existing tables:
//   Campaigns   PK campaignId, RK 'onstaff'  → { generation, count, updatedAt, updatedBy }: the pointer,
//               written in one transaction with its audit entry (the commit point)
//   LedgerRows  PK '{campaignId}|~onstaff|{generation}', RK 'ids|{chunk:6}' → packed JSON arrays of
//               ID keys ('~' cannot occur in a unitId, so these partitions never meet a ledger's)
//   A new roster is written to a fresh generation first, then the pointer moves (ETag-guarded), then
//   the old generation is deleted: readers never see a half-written roster.
import { odata, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { auditAction, type NewAuditEntry } from './audit';
import { chunkForTransactions, packJson, pad, plain, statusOf, unpackJson, type Storage } from './tables';
import type { OnStaffInfo } from '../../../shared/api/contract';

const ONSTAFF_RK = 'onstaff';
const IDS_PER_ENTITY = 10_000; // ≈ 210K chars of JSON, well under 1 MiB
const onStaffPartition = (campaignId: string, generation: string) => `${campaignId}|~onstaff|${generation}`;

const PointerEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.literal(ONSTAFF_RK),
  etag: z.string().optional(),
  generation: z.string(),
  count: z.number().int().nonnegative(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});

const Packed = z.looseObject({ partitionKey: z.string(), rowKey: z.string(), jn: z.number().int().positive() });

export class OnStaffRepository {
  constructor(private readonly storage: Storage) {}

  private async pointer(campaignId: string): Promise<z.infer<typeof PointerEntity> | null> {
    try {
      return PointerEntity.parse(plain(await this.storage.table('campaigns').getEntity(campaignId, ONSTAFF_RK)));
    } catch (e) {
      if (statusOf(e) === 404) return null;
      throw e;
    }
  }

  async info(campaignId: string): Promise<OnStaffInfo | null> {
    const p = await this.pointer(campaignId);
    return p ? { count: p.count, updatedAt: p.updatedAt, updatedBy: p.updatedBy } : null;
  }

  /** Replaces the roster with `ids` (already normalised and de-duplicated). */
  async replace(campaignId: string, ids: string[], audit: NewAuditEntry, now: Date): Promise<OnStaffInfo> {
    const rows = this.storage.table('rows');
    const generation = randomUUID();
    const pk = onStaffPartition(campaignId, generation);
    const entities: { partitionKey: string; rowKey: string; [k: string]: unknown }[] = [];
    for (let i = 0, k = 0; i < ids.length; i += IDS_PER_ENTITY, k++)
      entities.push({ partitionKey: pk, rowKey: `ids|${pad(k, 6)}`, ...packJson(ids.slice(i, i + IDS_PER_ENTITY)) });
    for (const batch of chunkForTransactions(entities, () => 1, 4))
      await rows.submitTransaction(batch.map((e): TransactionAction => ['create', e]));

    const campaigns = this.storage.table('campaigns');
    const info = { count: ids.length, updatedAt: now.toISOString(), updatedBy: audit.userId };
    let previous: string | null = null;
    for (let attempt = 0; ; attempt++) {
      const old = await this.pointer(campaignId);
      const body = { partitionKey: campaignId, rowKey: ONSTAFF_RK, generation, ...info };
      try {
        await campaigns.submitTransaction([
          old ? ['update', body, 'Replace', { etag: old.etag }] : ['create', body],
          auditAction(campaignId, audit, now),
        ]);
        previous = old?.generation ?? null;
        break;
      } catch (e) {
        if ((statusOf(e) === 409 || statusOf(e) === 412) && attempt < 10) continue;
        throw e;
      }
    }
    if (previous) await this.deleteGeneration(campaignId, previous).catch(() => undefined); // leftovers are unreachable anyway
    return info;
  }

  private async deleteGeneration(campaignId: string, generation: string): Promise<void> {
    const rows = this.storage.table('rows');
    const pk = onStaffPartition(campaignId, generation);
    const keys: TransactionAction[] = [];
    for await (const e of rows.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk}`, select: ['RowKey'] } }))
      keys.push(['delete', { partitionKey: pk, rowKey: String(e.rowKey) }]);
    for (const b of chunkForTransactions(keys, () => 1)) await rows.submitTransaction(b);
  }

  /** The roster's ID keys; an empty set when none was loaded. */
  async ids(campaignId: string): Promise<Set<string>> {
    const p = await this.pointer(campaignId);
    const out = new Set<string>();
    if (!p) return out;
    const pk = onStaffPartition(campaignId, p.generation);
    for await (const raw of this.storage.table('rows').listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk}` } })) {
      for (const id of z.array(z.string()).parse(unpackJson(Packed.parse(plain(raw))))) out.add(id);
    }
    return out;
  }
}
