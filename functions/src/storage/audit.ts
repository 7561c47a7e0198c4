// The audit trail: append-only entries written in the same transaction as the change they record, so
// every state change has exactly one entry. Campaign-level actions live in the campaign's partition of
// Campaigns, unit actions in the unit's partition of Submissions, both under RK 'audit|{iso}|{rand}'.
// Nothing updates or deletes them; reads merge both places and sort by time.
import { odata, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { AuditEntrySchema, type AuditEntry } from '../../../shared/api/contract';
import { plain, prefixEnd, timeKey, type Storage } from './tables';

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'campaignId'>;

const AuditEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.string().startsWith('audit|'),
  etag: z.string().optional(),
  at: z.string(),
  userId: z.string(),
  role: z.string(),
  action: z.string(),
  campaignId: z.string(),
  unitId: z.string(),
  version: z.number().int(),
  digest: z.string(),
  details: z.string(),
});

/** The transaction action that appends one audit entry to `partitionKey`. */
export function auditAction(partitionKey: string, entry: NewAuditEntry & { campaignId?: string }, now: Date): TransactionAction {
  const campaignId = entry.campaignId ?? partitionKey.split('|')[0];
  const e = AuditEntity.parse({
    partitionKey,
    rowKey: `audit|${timeKey(now)}`,
    at: now.toISOString(),
    userId: entry.userId,
    role: entry.role,
    action: entry.action,
    campaignId,
    unitId: entry.unitId ?? '',
    version: entry.version ?? 0,
    digest: entry.digest ?? '',
    details: JSON.stringify(entry.details ?? {}),
  });
  const { etag: _, ...body } = e;
  return ['create', body];
}

function toEntry(raw: Record<string, unknown>): AuditEntry {
  const e = AuditEntity.parse(raw);
  return AuditEntrySchema.parse({
    id: `${e.partitionKey}/${e.rowKey}`,
    at: e.at,
    userId: e.userId,
    role: e.role,
    action: e.action,
    campaignId: e.campaignId,
    unitId: e.unitId || null,
    version: e.version || null,
    digest: e.digest || null,
    details: JSON.parse(e.details),
  });
}

export class AuditRepository {
  constructor(private readonly storage: Storage) {}

  /**
   * Appends one entry on its own (no change rides with it): the record of a read of personal data, in the
   * campaign's partition whatever its scope, so a version's history lists changes only.
   */
  async append(campaignId: string, entry: NewAuditEntry, now: Date): Promise<void> {
    const [, entity] = auditAction(campaignId, { ...entry, campaignId }, now) as ['create', { partitionKey: string; rowKey: string }];
    await this.storage.table('campaigns').createEntity(entity);
  }

  /** The whole trail of a campaign, oldest first. */
  async list(campaignId: string): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    const rk = odata`RowKey gt ${'audit|'} and RowKey lt ${prefixEnd('audit')}`;
    const campaignFilter = odata`PartitionKey eq ${campaignId}` + ` and ${rk}`;
    const unitsFilter = odata`PartitionKey gt ${campaignId + '|'} and PartitionKey lt ${prefixEnd(campaignId)}` + ` and ${rk}`;
    const [a, b] = await Promise.all([this.collect('campaigns', campaignFilter), this.collect('submissions', unitsFilter)]);
    out.push(...a, ...b);
    return out.sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : x.id < y.id ? -1 : 1));
  }

  /** The trail of one unit (optionally one version), oldest first. */
  async listUnit(campaignId: string, unitId: string, version?: number): Promise<AuditEntry[]> {
    const pk = `${campaignId}|${unitId}`;
    const filter = odata`PartitionKey eq ${pk} and RowKey gt ${'audit|'} and RowKey lt ${prefixEnd('audit')}`;
    const all = await this.collect('submissions', filter);
    return all.filter((e) => version === undefined || e.version === version).sort((x, y) => (x.at < y.at ? -1 : 1));
  }

  /** Every unit's trail of a campaign in one query (what listUnit gives per unit), oldest first. */
  async listUnits(campaignId: string): Promise<Map<string, AuditEntry[]>> {
    const filter =
      odata`PartitionKey gt ${campaignId + '|'} and PartitionKey lt ${prefixEnd(campaignId)}` +
      ` and ${odata`RowKey gt ${'audit|'} and RowKey lt ${prefixEnd('audit')}`}`;
    const byUnit = new Map<string, AuditEntry[]>();
    for await (const e of this.storage.table('submissions').listEntities({ queryOptions: { filter } })) {
      const unitId = String(e.partitionKey).slice(campaignId.length + 1);
      const list = byUnit.get(unitId) ?? [];
      if (list.length === 0) byUnit.set(unitId, list);
      list.push(toEntry(plain(e)));
    }
    for (const list of byUnit.values()) list.sort((x, y) => (x.at < y.at ? -1 : 1));
    return byUnit;
  }

  private async collect(table: 'campaigns' | 'submissions', filter: string): Promise<AuditEntry[]> {
    const out: AuditEntry[] = [];
    for await (const e of this.storage.table(table).listEntities({ queryOptions: { filter } })) out.push(toEntry(plain(e)));
    return out;
  }
}
