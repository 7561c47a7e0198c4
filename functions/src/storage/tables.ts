// Table and Blob clients, table names and the small helpers every repository uses.
//
// Tables (keys chosen so that every transaction stays inside one partition):
//   Campaigns   PK campaignId            RK 'campaign' | 'unit|{unitId}' | 'member|{unitId}|{userId}|{role}'
//                                           | 'ext|{unitId}|{milestoneId}' | 'audit|{iso}|{rand}'
//   Submissions PK '{campaignId}|{unitId}' RK 'state' | 'v|{version:10}' | 'idem|{sha256(key)}' | 'audit|{iso}|{rand}'
//   LedgerRows  PK '{campaignId}|{unitId}|{submissionId}'  RK 'meta' | 'rows|{chunk:6}' | 'issues|{chunk:6}'
//   Outbox      PK campaignId            RK '{day}|{unitId}|{milestoneId}'
// Blob container SEAL_CONTAINER: '{campaignId}/{unitId}/v{version}/{sha256}.{pdf|png|jpg}'.
import { TableClient, TableServiceClient, type TableEntityResult } from '@azure/data-tables';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { randomBytes } from 'node:crypto';

export const TABLES = { campaigns: 'Campaigns', submissions: 'Submissions', rows: 'LedgerRows', outbox: 'Outbox' } as const;
export type TableName = keyof typeof TABLES;

/** Default bound on one storage call, retries included (STORAGE_TIMEOUT_MS overrides it). */
export const DEFAULT_STORAGE_TIMEOUT_MS = 5000;

/**
 * Bounds a whole call, retries included: a storage account that accepts connections but never answers
 * would otherwise hold the request for minutes. Placed per call (before the retry policy), so the one
 * signal covers every try; the abort surfaces as an AbortError, mapped to 503 STORAGE_UNAVAILABLE.
 * Also resends (up to 3 times) on EPIPE, which the SDK does not retry: a large body written to a kept-alive socket
 * the service closed while the request was parsing a workbook (a request never processed).
 */
function callPolicy(ms: number): PipelinePolicy {
  return {
    name: 'taizhangCall',
    async sendRequest(request, next) {
      const limit = AbortSignal.timeout(ms);
      request.abortSignal = request.abortSignal ? AbortSignal.any([request.abortSignal as AbortSignal, limit]) : limit;
      for (let resend = 0; ; resend++) {
        try {
          return await next(request);
        } catch (e) {
          if ((e as { code?: string }).code !== 'EPIPE' || limit.aborted || resend >= 3) throw e;
        }
      }
    },
  };
}

/** Few, short retries: a request must fail fast (503) when storage is down rather than hang. */
const clientOptions = (timeoutMs: number) => ({
  allowInsecureConnection: true,
  retryOptions: { maxRetries: 2, retryDelayInMs: 100, maxRetryDelayInMs: 400 },
  additionalPolicies: [{ policy: callPolicy(timeoutMs), position: 'perCall' as const }],
});

export interface Storage {
  table(name: TableName): TableClient;
  seals: ContainerClient;
  /** The bound on one storage call; blob calls pass `abortSignal: AbortSignal.timeout(timeoutMs)`. */
  timeoutMs: number;
  /** Creates tables and the container once per process. */
  ready(): Promise<void>;
  /** A quick reachability probe (no retries, short timeout). */
  ping(timeoutMs?: number): Promise<boolean>;
}

export function createStorage(connectionString: string, sealContainer: string, timeoutMs = DEFAULT_STORAGE_TIMEOUT_MS): Storage {
  const clients = Object.fromEntries(
    Object.entries(TABLES).map(([k, t]) => [k, TableClient.fromConnectionString(connectionString, t, clientOptions(timeoutMs))]),
  ) as Record<TableName, TableClient>;
  const blobs = BlobServiceClient.fromConnectionString(connectionString, {
    retryOptions: { maxTries: 3, retryDelayInMs: 100, maxRetryDelayInMs: 400 },
  });
  const seals = blobs.getContainerClient(sealContainer);
  const probe = TableServiceClient.fromConnectionString(connectionString, {
    allowInsecureConnection: true,
    retryOptions: { maxRetries: 0 },
  });
  let readyP: Promise<void> | undefined;
  return {
    table: (name) => clients[name],
    seals,
    timeoutMs,
    ready() {
      readyP ??= (async () => {
        await Promise.all([
          ...Object.values(clients).map((c) => c.createTable()),
          seals.createIfNotExists({ abortSignal: AbortSignal.timeout(timeoutMs) }),
        ]);
      })().catch((e) => {
        readyP = undefined; // try again on the next request
        throw e;
      });
      return readyP;
    },
    async ping(timeoutMs = 1500) {
      try {
        const it = probe.listTables({ abortSignal: AbortSignal.timeout(timeoutMs) }).byPage({ maxPageSize: 1 });
        await it.next();
        return true;
      } catch {
        return false;
      }
    },
  };
}

// ---------------------------------------------------------------- keys and packing

export const pad = (n: number, width = 10) => String(n).padStart(width, '0');
export const versionKey = (v: number) => `v|${pad(v)}`;
export const unitPartition = (campaignId: string, unitId: string) => `${campaignId}|${unitId}`;
/** Sortable, unique row key suffix: ISO time then randomness. */
export const timeKey = (at: Date) => `${at.toISOString()}|${randomBytes(6).toString('hex')}`;
/** The first key after every key starting with `prefix|` ('}' sorts after '|'). */
export const prefixEnd = (prefix: string) => `${prefix}}`;

/** Table string properties hold at most 64 KiB (32K UTF-16 units); JSON is split across j0..jN. */
const PIECE = 30_000;
export function packJson(value: unknown): Record<string, string | number> {
  return packJsonText(JSON.stringify(value));
}
/** packJson of a value whose JSON text the caller already has. */
export function packJsonText(text: string): Record<string, string | number> {
  const out: Record<string, string | number> = { jn: Math.max(1, Math.ceil(text.length / PIECE)) };
  for (let i = 0, k = 0; i < text.length || k === 0; i += PIECE, k++) out[`j${k}`] = text.slice(i, i + PIECE);
  return out;
}
export function unpackJson(entity: Record<string, unknown>): unknown {
  return JSON.parse(unpackText(entity));
}
/** The text packJsonText split across an entity's properties (for text spread over several entities). */
export function unpackText(entity: Record<string, unknown>): string {
  const n = Number(entity.jn);
  let text = '';
  for (let k = 0; k < n; k++) text += String(entity[`j${k}`] ?? '');
  return text;
}

/** Strip SDK metadata and keep etag, for zod parsing of an entity read from a table. */
export function plain(e: TableEntityResult<Record<string, unknown>>): Record<string, unknown> {
  const { 'odata.metadata': _m, timestamp: _t, ...rest } = e as Record<string, unknown>;
  return rest;
}

/** Status code of an SDK RestError (undefined for network failures). */
export const statusOf = (e: unknown): number | undefined => (e as { statusCode?: number })?.statusCode;

/** Transactions of at most 100 entities and ~3.5 MB each (the service caps a batch at 4 MiB). */
export function chunkForTransactions<T>(items: T[], sizeOf: (t: T) => number, maxCount = 100, maxBytes = 3_500_000): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let bytes = 0;
  for (const it of items) {
    const s = sizeOf(it);
    if (cur.length && (cur.length >= maxCount || bytes + s > maxBytes)) {
      out.push(cur);
      cur = [];
      bytes = 0;
    }
    cur.push(it);
    bytes += s;
  }
  if (cur.length) out.push(cur);
  return out;
}
