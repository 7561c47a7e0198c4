// Test harness: the local Functions host in-process on a random port against the run's Azurite, a
// fresh campaign per test (unique id) seeded with the demo units and members, and small HTTP helpers.
import { randomUUID } from 'node:crypto';
import { createCanvas } from '@napi-rs/canvas';
import { PDFDocument } from 'pdf-lib';
import { inject } from 'vitest';
import type { RunningHost } from '../../functions/host/server';
import { DEMO_SECRET, OFFICE_ADMIN, demoCampaign, demoMembers, demoUnits } from '../../fixtures/demoSeed';

export const ADDIN_ORIGIN = 'https://localhost:3000';

export const testEnv = (over: Record<string, string> = {}) => ({
  STORAGE_CONNECTION_STRING: inject('azuriteConnectionString'),
  AUTH_MODE: 'dev',
  DEV_SIGNING_SECRET: DEMO_SECRET,
  OFFICE_ADMINS: OFFICE_ADMIN,
  CORS_ORIGINS: ADDIN_ORIGIN,
  // A 2-core machine running the whole suite can take seconds per storage call; the bound itself is
  // tested with its own small value (storage-faults.test.ts).
  STORAGE_TIMEOUT_MS: '20000',
  ...over,
});

export async function startTestHost(over: Record<string, string> = {}): Promise<RunningHost & { api: string }> {
  const { startHost } = await import('../../functions/host/server');
  const host = await startHost({ env: testEnv(over) });
  // The host shares its event loop with the test, whose synchronous steps (pdftoppm, ImageMagick, big
  // workbooks) can block it for seconds: the keep-alive timer then fires late, just as the client reuses
  // that socket, and the request dies with ECONNRESET. A long idle timeout keeps that race out of tests.
  host.server.keepAliveTimeout = 120_000;
  return { ...host, api: `${host.url}/api` };
}

export interface Res<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

export class Client {
  private tokens = new Map<string, string>();
  constructor(readonly api: string) {}

  async token(userId: string): Promise<string> {
    let t = this.tokens.get(userId);
    if (!t) {
      const r = await fetch(`${this.api}/dev/token`, { method: 'POST', body: JSON.stringify({ userId }) });
      t = ((await r.json()) as { token: string }).token;
      this.tokens.set(userId, t);
    }
    return t;
  }

  async req<T = any>(
    method: string,
    path: string,
    opts: { as?: string | null; json?: unknown; body?: BodyInit | Uint8Array; headers?: Record<string, string> } = {},
  ): Promise<Res<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.as) headers.authorization = `Bearer ${await this.token(opts.as)}`;
    let body = opts.body as BodyInit | undefined;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    const r = await fetch(`${this.api}${path}`, { method, headers, body });
    const text = await r.text();
    let parsed: unknown = text;
    if ((r.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
    return { status: r.status, body: parsed as T, headers: r.headers, text };
  }
}

/** A new campaign with the demo units and members (unique id); milestones relative to `today`. */
export async function newCampaign(c: Client, today = new Date().toISOString().slice(0, 10), over: Record<string, unknown> = {}): Promise<string> {
  const id = `t-${randomUUID().slice(0, 8)}`;
  const a = await c.req('PUT', `/campaigns/${id}`, { as: OFFICE_ADMIN, json: { ...demoCampaign(today), ...over } });
  if (a.status !== 200) throw new Error(`campaign: ${a.status} ${a.text}`);
  const b = await c.req('PUT', `/campaigns/${id}/units`, { as: OFFICE_ADMIN, json: { units: demoUnits(), members: demoMembers() } });
  if (b.status !== 200) throw new Error(`units: ${b.status} ${b.text}`);
  return id;
}

export const key = () => randomUUID();

/** Small real files of each seal type (decodable, no QR code on them: the scan check answers not_found). */
export const PDF = await blankPdf();
export const PNG = new Uint8Array(createCanvas(40, 40).toBuffer('image/png'));
export const JPEG = new Uint8Array(createCanvas(40, 40).toBuffer('image/jpeg'));

async function blankPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage([595.28, 841.89]);
  return doc.save();
}
