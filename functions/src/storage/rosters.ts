// Storage of the external rosters (社保参保 / 工资统发 / 派遣) and the ID index of stored ledgers that the
// leads are computed from. In the existing tables (no new table to provision):
//
//   Campaigns   PK campaignId, RK 'roster|{source}' → RosterInfo + generation: the pointer, written in
//               one transaction with its audit entry (the commit point)
//   LedgerRows  PK '{campaignId}|~roster|{source}|{generation}', RK 'p|{chunk:6}' → packed JSON arrays of
//               [idNumber, name, creditCode] ('~' cannot occur in a unitId, so these never meet a ledger)
//   As for the on-staff roster: the new generation is written first, then the pointer moves (ETag-guarded),
//   then the old generation is deleted, so readers never see a half-written roster.
//
// Stored rosters and ledger versions never change once written, so each instance keeps what it read
// (by generation, by submissionId) in a small cache: a second leads request reads only the pointers.
import { odata, type TransactionAction } from '@azure/data-tables';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ROSTER_SOURCES, normaliseCreditCode, type RosterPerson, type RosterSource } from '../../../shared/rosters/external';
import type { RosterInfo } from '../../../shared/api/chain';
import { idKey } from '../../../shared/id/idcard';
import { auditAction, type NewAuditEntry } from './audit';
import { rowsPartition } from './rows';
import { chunkForTransactions, packJson, pad, plain, prefixEnd, statusOf, unpackJson, type Storage } from './tables';

const PERSONS_PER_ENTITY = 4000; // ≈ 60 characters each as JSON: ~240K characters, well under 1 MiB
const pointerKey = (source: RosterSource) => `roster|${source}`;
const rosterPartition = (campaignId: string, source: RosterSource, generation: string) => `${campaignId}|~roster|${source}|${generation}`;

const PointerEntity = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  etag: z.string().optional(),
  generation: z.string(),
  source: z.enum(ROSTER_SOURCES),
  persons: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  matchedUnits: z.number().int().nonnegative(),
  unmatched: z.number().int().nonnegative(),
  unmatchedCreditCodes: z.number().int().nonnegative(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
type Pointer = z.infer<typeof PointerEntity>;
const Packed = z.looseObject({ partitionKey: z.string(), rowKey: z.string(), jn: z.number().int().positive() });
const Tuples = z.array(z.tuple([z.string(), z.string(), z.string()]));

const infoOf = (p: Pointer): RosterInfo => ({
  source: p.source,
  persons: p.persons,
  duplicates: p.duplicates,
  matchedUnits: p.matchedUnits,
  unmatched: p.unmatched,
  unmatchedCreditCodes: p.unmatchedCreditCodes,
  updatedAt: p.updatedAt,
  updatedBy: p.updatedBy,
});

/** A small map that forgets the oldest entries. */
class Lru<V> {
  private readonly m = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(k: string): V | undefined {
    const v = this.m.get(k);
    if (v !== undefined) {
      this.m.delete(k);
      this.m.set(k, v);
    }
    return v;
  }
  set(k: string, v: V): void {
    this.m.delete(k);
    this.m.set(k, v);
    while (this.m.size > this.max) this.m.delete(this.m.keys().next().value as string);
  }
}

/** A stored ledger version reduced to what the leads need. */
export interface LedgerIndex {
  creditCode: string | null;
  ids: string[];
}

// Per process: immutable data only (roster generations, ledger versions).
const rosterCache = new Lru<RosterPerson[]>(12);
const ledgerCache = new Lru<LedgerIndex>(5000);

export class RosterRepository {
  constructor(private readonly storage: Storage) {}

  private async pointers(campaignId: string): Promise<Map<RosterSource, Pointer>> {
    const filter = odata`PartitionKey eq ${campaignId} and RowKey gt ${'roster|'} and RowKey lt ${prefixEnd('roster')}`;
    const out = new Map<RosterSource, Pointer>();
    for await (const e of this.storage.table('campaigns').listEntities({ queryOptions: { filter } })) {
      const p = PointerEntity.parse(plain(e));
      out.set(p.source, p);
    }
    return out;
  }

  async infos(campaignId: string): Promise<Record<RosterSource, RosterInfo | null>> {
    const p = await this.pointers(campaignId);
    return Object.fromEntries(ROSTER_SOURCES.map((s) => [s, p.has(s) ? infoOf(p.get(s)!) : null])) as Record<
      RosterSource,
      RosterInfo | null
    >;
  }

  /** Replaces one source's roster with `persons` (normalised, de-duplicated). */
  async put(
    campaignId: string,
    info: Omit<RosterInfo, 'updatedAt' | 'updatedBy'>,
    persons: RosterPerson[],
    audit: NewAuditEntry,
    now: Date,
  ): Promise<RosterInfo> {
    const rows = this.storage.table('rows');
    const generation = randomUUID();
    const pk = rosterPartition(campaignId, info.source, generation);
    const entities: { partitionKey: string; rowKey: string; [k: string]: unknown }[] = [];
    for (let i = 0, k = 0; i < persons.length; i += PERSONS_PER_ENTITY, k++)
      entities.push({
        partitionKey: pk,
        rowKey: `p|${pad(k, 6)}`,
        ...packJson(persons.slice(i, i + PERSONS_PER_ENTITY).map((p) => [p.idNumber, p.name, p.creditCode])),
      });
    for (const batch of chunkForTransactions(entities, () => 1, 4))
      await rows.submitTransaction(batch.map((e): TransactionAction => ['create', e]));

    const campaigns = this.storage.table('campaigns');
    const full: RosterInfo = { ...info, updatedAt: now.toISOString(), updatedBy: audit.userId };
    let previous: string | null = null;
    for (let attempt = 0; ; attempt++) {
      const old = (await this.pointers(campaignId)).get(info.source);
      const body = { partitionKey: campaignId, rowKey: pointerKey(info.source), generation, ...full };
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
    rosterCache.set(`${campaignId}|${info.source}|${generation}`, persons);
    if (previous) await this.deleteGeneration(rosterPartition(campaignId, info.source, previous)).catch(() => undefined); // unreachable anyway
    return full;
  }

  private async deleteGeneration(pk: string): Promise<void> {
    const rows = this.storage.table('rows');
    const keys: TransactionAction[] = [];
    for await (const e of rows.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk}`, select: ['RowKey'] } }))
      keys.push(['delete', { partitionKey: pk, rowKey: String(e.rowKey) }]);
    for (const b of chunkForTransactions(keys, () => 1)) await rows.submitTransaction(b);
  }

  /** Every loaded roster's persons (a source never loaded is absent). */
  async rosters(
    campaignId: string,
  ): Promise<{ infos: Record<RosterSource, RosterInfo | null>; persons: Partial<Record<RosterSource, RosterPerson[]>> }> {
    const pointers = await this.pointers(campaignId);
    const persons: Partial<Record<RosterSource, RosterPerson[]>> = {};
    await Promise.all(
      [...pointers.values()].map(async (p) => {
        const key = `${campaignId}|${p.source}|${p.generation}`;
        let list = rosterCache.get(key);
        if (!list) {
          list = [];
          const pk = rosterPartition(campaignId, p.source, p.generation);
          for await (const raw of this.storage.table('rows').listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk}` } }))
            for (const [idNumber, name, creditCode] of Tuples.parse(unpackJson(Packed.parse(plain(raw)))))
              list.push({ idNumber, name, creditCode });
          rosterCache.set(key, list);
        }
        persons[p.source] = list;
      }),
    );
    const infos = Object.fromEntries(ROSTER_SOURCES.map((s) => [s, pointers.has(s) ? infoOf(pointers.get(s)!) : null])) as Record<
      RosterSource,
      RosterInfo | null
    >;
    return { infos, persons };
  }

  /**
   * The ID keys and credit code of a stored ledger version. Reads only its 'meta' and 'rows|…' entities
   * (the issues, often larger than the rows, are skipped).
   */
  async ledgerIndex(campaignId: string, unitId: string, submissionId: string): Promise<LedgerIndex> {
    const hit = ledgerCache.get(submissionId);
    if (hit) return hit;
    const pk = rowsPartition(campaignId, unitId, submissionId);
    const out: LedgerIndex = { creditCode: null, ids: [] };
    for await (const raw of this.storage
      .table('rows')
      .listEntities({ queryOptions: { filter: odata`PartitionKey eq ${pk} and RowKey ge ${'meta'}` } })) {
      const rk = String(raw.rowKey);
      const value = unpackJson(raw as Record<string, unknown>);
      if (rk === 'meta')
        out.creditCode = normaliseCreditCode((value as { unit?: { values?: Record<string, unknown> } | null }).unit?.values?.creditCode);
      else if (rk.startsWith('rows|'))
        for (const r of value as { values: Record<string, unknown> }[]) {
          const k = idKey(r.values.idNumber);
          if (k !== null) out.ids.push(k);
        }
    }
    ledgerCache.set(submissionId, out);
    return out;
  }
}
