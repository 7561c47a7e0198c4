// GET /api/dev/users: the dev sign-in pickers' list, read from storage (OFFICE_ADMINS and campaign
// members), dev mode only (404 otherwise: tests/functions/entra.test.ts) — so no build of the pane
// carries demo users.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OFFICE_ADMIN, demoMembers } from '../../fixtures/demoSeed';
import { routes } from '../../shared/api/contract';
import { Client, newCampaign, startTestHost } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let campaignId: string;

beforeAll(async () => {
  host = await startTestHost();
  c = new Client(host.api);
  campaignId = await newCampaign(c);
});
afterAll(() => host?.close());

describe('GET /dev/users', () => {
  it("lists OFFICE_ADMINS first, then the campaign's members with their unit names, as the contract says", async () => {
    const r = await c.req('GET', `/dev/users?campaignId=${campaignId}`);
    expect(r.status).toBe(200);
    const { users } = routes.devUsers.responses[200].parse(r.body);
    expect(users[0]).toEqual({ userId: OFFICE_ADMIN, name: '领导小组办公室', role: 'office', unitId: null, unitName: null });
    expect(users).toHaveLength(1 + demoMembers().length);
    expect(users).toContainEqual({
      userId: 'edu-s1-liaison',
      name: expect.any(String),
      role: 'liaison',
      unitId: 'edu-s1',
      unitName: '示范县第一中学',
    });
    expect(users).toContainEqual(expect.objectContaining({ userId: 'office-staff', role: 'office', unitId: null, unitName: null }));
  });

  it('without a campaign lists members of the stored campaigns; an unknown campaign gives only OFFICE_ADMINS', async () => {
    const all = await c.req('GET', '/dev/users');
    expect(all.status).toBe(200);
    expect(all.body.users.some((u: { userId: string }) => u.userId === 'edu-s1-head')).toBe(true);
    const none = await c.req('GET', '/dev/users?campaignId=no-such-campaign');
    expect(none.body.users.map((u: { userId: string }) => u.userId)).toEqual([OFFICE_ADMIN]);
  });

  it('refuses a malformed campaign id or an unknown query parameter with 400 and a Chinese message', async () => {
    for (const q of ['campaignId=a%7Cb', 'campaignId=', 'other=1']) {
      const r = await c.req('GET', `/dev/users?${q}`);
      expect([r.status, r.body.code], q).toEqual([400, 'VALIDATION_FAILED']);
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
