// OutboxRepository — table Outbox, PK campaignId, RK '{day}|{unitId}|{milestoneId}': reminder records the
// daily `reminders` function writes for a mail/SMS sender to pick up. The key makes a record unique per
// unit, milestone and day, so a re-run of the timer (retry, manual run) creates nothing new.
import { odata } from '@azure/data-tables';
import { z } from 'zod';
import { ReminderSchema, type Reminder } from '../../../shared/api/contract';
import { plain, statusOf, type Storage } from './tables';

const OutboxEntity = z.object({ partitionKey: z.string(), rowKey: z.string(), etag: z.string().optional(), reminder: z.string() });

export const outboxRowKey = (r: Pick<Reminder, 'day' | 'unitId' | 'milestoneId'>) => `${r.day}|${r.unitId}|${r.milestoneId}`;

export class OutboxRepository {
  constructor(private readonly storage: Storage) {}
  private get client() {
    return this.storage.table('outbox');
  }

  /** Inserts the reminder unless one exists for that unit, milestone and day; true when inserted. */
  async add(campaignId: string, r: Reminder): Promise<boolean> {
    const e = OutboxEntity.parse({ partitionKey: campaignId, rowKey: outboxRowKey(r), reminder: JSON.stringify(ReminderSchema.parse(r)) });
    try {
      await this.client.createEntity({ partitionKey: e.partitionKey, rowKey: e.rowKey, reminder: e.reminder });
      return true;
    } catch (err) {
      if (statusOf(err) === 409) return false;
      throw err;
    }
  }

  async list(campaignId: string): Promise<Reminder[]> {
    const out: Reminder[] = [];
    for await (const raw of this.client.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${campaignId}` } })) {
      out.push(ReminderSchema.parse(JSON.parse(OutboxEntity.parse(plain(raw)).reminder)));
    }
    return out;
  }
}
