// Tokens must say when they end: no `exp`, or a lifetime beyond 24 hours, is refused (dev mode here,
// Entra mode in entra.test.ts). The demo signing secret is refused unless the host is bound to the
// loopback interface, and X-Dev-Now stays within ten years of the real clock.
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SECRET } from '../../fixtures/demoSeed';
import { startTestHost, testEnv } from './helpers';

let host: Awaited<ReturnType<typeof startTestHost>>;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => host?.close());

const now = () => Math.floor(Date.now() / 1000);
function sign(opts: { exp?: number; iat?: number }) {
  const j = new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('office-admin')
    .setIssuer('taizhang-dev')
    .setAudience('api://taizhang-dev');
  if (opts.iat !== undefined) j.setIssuedAt(opts.iat);
  if (opts.exp !== undefined) j.setExpirationTime(opts.exp);
  return j.sign(new TextEncoder().encode(DEMO_SECRET));
}
const call = async (token: string, headers: Record<string, string> = {}) => {
  const r = await fetch(`${host.api}/campaigns/none-${Date.now()}`, { headers: { authorization: `Bearer ${token}`, ...headers } });
  return { status: r.status, body: (await r.json()) as { code: string; message: string } };
};

describe('token lifetime (dev mode)', () => {
  it('refuses a token without exp, or living longer than 24 hours; accepts a normal one', async () => {
    const cases: [string, Promise<string>, number][] = [
      ['no exp', sign({ iat: now() }), 401],
      ['no exp, no iat', sign({}), 401],
      ['48 h', sign({ iat: now(), exp: now() + 48 * 3600 }), 401],
      ['a year, no iat', sign({ exp: now() + 365 * 86400 }), 401],
      ['12 h', sign({ iat: now(), exp: now() + 12 * 3600 }), 404],
    ];
    for (const [name, t, status] of cases) {
      const r = await call(await t);
      expect(r.status, name).toBe(status);
      if (status === 401) {
        expect(r.body.code, name).toBe('UNAUTHENTICATED');
        expect(r.body.message, name).toMatch(/[\u4e00-\u9fa5]/);
      }
    }
  });

  it('X-Dev-Now must lie within ten years of the real clock', async () => {
    const t = await sign({ iat: now(), exp: now() + 3600 });
    const year = new Date().getUTCFullYear();
    expect((await call(t, { 'X-Dev-Now': `${year + 5}-05-02T00:00:00Z` })).status).toBe(404);
    expect((await call(t, { 'X-Dev-Now': `${year - 5}-05-02T00:00:00Z` })).status).toBe(404);
    for (const far of ['1901-01-01T00:00:00Z', `${year + 11}-01-01T00:00:00Z`, '9998-12-31T00:00:00Z']) {
      const r = await call(t, { 'X-Dev-Now': far });
      expect(r.status, far).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('demo secret', () => {
  it('the local host refuses the demo signing secret on a non-loopback address, and allows it on loopback', async () => {
    const { startHost } = await import('../../functions/host/server');
    await expect(startHost({ host: '0.0.0.0', env: testEnv() })).rejects.toThrow(/DEV_SIGNING_SECRET/);
    const ok = await startHost({ host: '127.0.0.1', env: testEnv() });
    await ok.close();
  });
});
