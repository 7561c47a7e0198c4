// Verifications (实地核查 / 举报) with their under-reporting records, in the existing Submissions table:
//   Submissions PK '{campaignId}|{unitId}', RK 'verif|{iso}|{rand}' → packed JSON of the Verification,
//               written in one transaction with the unit's audit entry 'verification.create'.
//   Read campaign-wide by one range query over the campaign's unit partitions.
import { odata, type TransactionAction } from '@azure/data-tables';
import { z } from 'zod';
import { auditAction, type NewAuditEntry } from './audit';
import { packJson, pad, plain, prefixEnd, timeKey, unitPartition, unpackJson, type Storage } from './tables';
import { VerificationSchema, type Verification } from '../../../shared/api/contract';

const VERIF_PART_CHARS = 200_000;
const Packed = z.looseObject({ partitionKey: z.string(), rowKey: z.string(), jn: z.number().int().positive() });

export class VerificationRepository {
  constructor(private readonly storage: Storage) {}

  async add(v: Verification, audit: NewAuditEntry, now: Date): Promise<void> {
    const pk = unitPartition(v.campaignId, v.unitId);
    // Large verifications (up to 10,000 persons) span several entities 'verif|{time}|{part:4}'.
    const text = JSON.stringify(v);
    const base = `verif|${timeKey(now)}`;
    const parts = Math.max(1, Math.ceil(text.length / VERIF_PART_CHARS));
    const actions: TransactionAction[] = [];
    for (let i = 0; i < parts; i++) {
      actions.push([
        'create',
        {
          partitionKey: pk,
          rowKey: `${base}|${pad(i, 4)}`,
          parts,
          ...packJson(text.slice(i * VERIF_PART_CHARS, (i + 1) * VERIF_PART_CHARS)),
        },
      ]);
    }
    actions.push(auditAction(pk, audit, now));
    await this.storage.table('submissions').submitTransaction(actions);
  }

  /** Every verification of a campaign, oldest first. */
  async list(campaignId: string): Promise<Verification[]> {
    const filter =
      odata`PartitionKey gt ${campaignId + '|'} and PartitionKey lt ${prefixEnd(campaignId)}` +
      ' and ' +
      odata`RowKey gt ${'verif|'} and RowKey lt ${prefixEnd('verif')}`;
    const pieces = new Map<string, string[]>();
    for await (const raw of this.storage.table('submissions').listEntities({ queryOptions: { filter } })) {
      const e = Packed.parse(plain(raw));
      const key = `${e.partitionKey}/${e.rowKey.slice(0, e.rowKey.lastIndexOf('|'))}`;
      const list = pieces.get(key) ?? [];
      list.push(unpackJson(e) as string); // parts come back in RowKey order
      pieces.set(key, list);
    }
    const out = [...pieces.values()].map((p) => VerificationSchema.parse(JSON.parse(p.join(''))));
    return out.sort((a, b) => (a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));
  }
}
