// AUTH_MODE=entra: tokens verified against a JWKS (a local stand-in for the tenant's), the dev token and
// admin routes answer 404, and a missing Entra setting fails start-up loudly.
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/src/settings';
import { testEnv, startTestHost } from './helpers';

let jwks: Server;
let host: Awaited<ReturnType<typeof startTestHost>>;
let sign: (claims: Record<string, unknown>, aud?: string) => Promise<string>;
let keys: Awaited<ReturnType<typeof generateKeyPair>>;
const TENANT = '11111111-2222-3333-4444-555555555555';
const AUD = 'api://taizhang';

beforeAll(async () => {
  keys = await generateKeyPair('RS256');
  const { publicKey, privateKey } = keys;
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  jwks = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((r) => jwks.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(jwks.address() as { port: number }).port}/keys`;
  sign = (claims, aud = AUD) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(privateKey);
  host = await startTestHost({
    AUTH_MODE: 'entra',
    ENTRA_TENANT_ID: TENANT,
    ENTRA_AUDIENCE: AUD,
    ENTRA_JWKS_URL: url,
    OFFICE_ADMINS: 'Office-Admin,Wang.Wu@Contoso.gov.cn',
  });
});
afterAll(async () => {
  await host?.close();
  jwks?.close();
});

describe('entra mode', () => {
  it('accepts tenant tokens, maps preferred_username to the user id, and refuses a wrong audience', async () => {
    const ok = await fetch(`${host.api}/campaigns/none/me`, {
      headers: { authorization: `Bearer ${await sign({ preferred_username: 'Office-Admin' })}` },
    });
    // Authenticated (office-admin, lower-cased) → the campaign simply does not exist.
    expect(ok.status).toBe(404);
    const aud = await fetch(`${host.api}/campaigns/none/me`, {
      headers: { authorization: `Bearer ${await sign({ preferred_username: 'x' }, 'api://other')}` },
    });
    expect(aud.status).toBe(401);
    const noUser = await fetch(`${host.api}/campaigns/none/me`, { headers: { authorization: `Bearer ${await sign({})}` } });
    expect(noUser.status).toBe(401);
  });

  it('matches user ids whatever their letter case (OFFICE_ADMINS, member list, token)', async () => {
    const as = async (upn: string) => ({
      authorization: `Bearer ${await sign({ preferred_username: upn })}`,
      'content-type': 'application/json',
    });
    const id = `case-${Date.now()}`;
    // An office admin configured with capitals, signing in as written in the tenant.
    const camp = await fetch(`${host.api}/campaigns/${id}`, {
      method: 'PUT',
      headers: await as('Wang.Wu@Contoso.gov.cn'),
      body: JSON.stringify({ title: '大小写', templateVersion: '1', milestones: [] }),
    });
    expect(camp.status).toBe(200);
    const units = [{ unitId: 'u1', name: '某单位', parentId: null }];
    const members = [{ userId: 'Li.Si@Contoso.gov.cn', name: '李四', role: 'liaison', unitId: 'u1' }];
    expect(
      (
        await fetch(`${host.api}/campaigns/${id}/units`, {
          method: 'PUT',
          headers: await as('wang.wu@contoso.gov.cn'),
          body: JSON.stringify({ units, members }),
        })
      ).status,
    ).toBe(200);
    // A member listed with capitals is the same user as the (lower-cased) token.
    const me = await fetch(`${host.api}/campaigns/${id}/me`, { headers: await as('LI.SI@contoso.gov.cn') });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ office: false, memberships: [{ unitId: 'u1', role: 'liaison' }] });
    expect((await fetch(`${host.api}/campaigns/${id}/units/u1`, { headers: await as('Li.Si@Contoso.gov.cn') })).status).toBe(200);
    expect((await fetch(`${host.api}/campaigns/${id}/units/u1`, { headers: await as('zhang.san@contoso.gov.cn') })).status).toBe(403);
  });

  it('refuses a tenant token without exp or living longer than 24 hours', async () => {
    const { privateKey } = keys;
    const base = () =>
      new SignJWT({ preferred_username: 'office-admin' })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .setIssuer(`https://login.microsoftonline.com/${TENANT}/v2.0`)
        .setAudience(AUD)
        .setIssuedAt();
    const now = Math.floor(Date.now() / 1000);
    for (const t of [
      await base().sign(privateKey),
      await base()
        .setExpirationTime(now + 48 * 3600)
        .sign(privateKey),
    ]) {
      const r = await fetch(`${host.api}/campaigns/none/me`, { headers: { authorization: `Bearer ${t}` } });
      expect(r.status).toBe(401);
    }
  });

  it('hides the dev token and admin routes', async () => {
    expect((await fetch(`${host.api}/dev/token`, { method: 'POST', body: '{"userId":"office-admin"}' })).status).toBe(404);
    // The dev pickers' user list: 404 whatever the query (a malformed one is not even read).
    for (const q of ['', '?campaignId=demo', '?campaignId=a%7Cb', '?other=1'])
      expect((await fetch(`${host.api}/dev/users${q}`)).status, q).toBe(404);
    expect((await fetch(`${host.url}/admin/functions/reminders`, { method: 'POST', body: '{"input":""}' })).status).toBe(404);
  });

  it('fails loudly on missing settings', () => {
    expect(() => parseSettings({ ...testEnv(), AUTH_MODE: 'entra' })).toThrow(/ENTRA_TENANT_ID[\s\S]*ENTRA_AUDIENCE/);
    expect(() => parseSettings({ AUTH_MODE: 'dev' })).toThrow(/STORAGE_CONNECTION_STRING/);
    expect(() => parseSettings({ ...testEnv(), DEV_SIGNING_SECRET: 'short' })).toThrow(/DEV_SIGNING_SECRET/);
  });
});
