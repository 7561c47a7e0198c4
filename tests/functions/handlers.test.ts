// Handler unit tests: the function files' handlers called directly with HttpRequest/InvocationContext,
// as the Functions runtime calls them (no host in between).
import functions from '@azure/functions';
import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { routes } from '../../shared/api/contract';
import { testEnv } from './helpers';

const { HttpRequest, InvocationContext } = functions;
const ctx = (functionName: string) => new InvocationContext({ invocationId: 'test', functionName, logHandler: () => {} });

beforeAll(() => {
  Object.assign(process.env, testEnv());
});

describe('handlers', () => {
  it('health reports storage ok', async () => {
    const { health } = await import('../../functions/src/functions/health');
    const res = await health(new HttpRequest({ method: 'GET', url: 'http://localhost/api/health' }), ctx('health'));
    expect(res).toEqual({ status: 200, jsonBody: { ok: true, storage: 'ok' }, headers: { 'X-Content-Type-Options': 'nosniff' } });
  });

  it('devToken issues a token the verifier accepts, and validates its body', async () => {
    const { devToken } = await import('../../functions/src/functions/devToken');
    const res = await devToken(
      new HttpRequest({ method: 'POST', url: 'http://localhost/api/dev/token', body: { string: '{"userId":"edu-liaison"}' } }),
      ctx('devToken'),
    );
    expect(res.status).toBe(200);
    const { getServices } = await import('../../functions/src/services');
    expect(await getServices().verifier.verify(res.jsonBody.token)).toEqual({ userId: 'edu-liaison' });
    const bad = await devToken(
      new HttpRequest({ method: 'POST', url: 'http://localhost/api/dev/token', body: { string: '{"userId":1}' } }),
      ctx('devToken'),
    );
    expect(bad.status).toBe(400);
    expect(bad.jsonBody.code).toBe('VALIDATION_FAILED');
  });

  it('submission without a token → 401 mapped to { status, jsonBody: { code, message } }', async () => {
    const { submissionCreate } = await import('../../functions/src/functions/submissionCreate');
    const res = await submissionCreate(
      new HttpRequest({
        method: 'POST',
        url: 'http://localhost/api/campaigns/c/units/u/submissions',
        params: { campaignId: 'c', unitId: 'u' },
        body: { string: '{}' },
      }),
      ctx('submissionCreate'),
    );
    expect(res.status).toBe(401);
    expect(res.jsonBody.code).toBe('UNAUTHENTICATED');
    expect(typeof res.jsonBody.message).toBe('string');
  });
  it("stored data failing its schema is a server fault (500), not the caller's (400)", async () => {
    const { toErrorResponse } = await import('../../functions/src/errors');
    const { z } = await import('zod');
    const r = toErrorResponse(z.object({ latestVersion: z.number() }).safeParse({ latestVersion: 'x' }).error);
    expect(r).toEqual({ status: 500, jsonBody: { code: 'INTERNAL', message: expect.any(String), details: null } });
  });

  it('a storage write refused for a concurrent change (409/412 not retried) → 409 CONCURRENT_UPDATE, not 500', async () => {
    const { toErrorResponse } = await import('../../functions/src/errors');
    for (const statusCode of [409, 412]) {
      const r = toErrorResponse(
        Object.assign(new Error('The update condition specified in the request was not satisfied.'), { statusCode }),
      );
      expect(r.status).toBe(409);
      expect(r.jsonBody.code).toBe('CONCURRENT_UPDATE');
    }
  });
  it('every authenticated handler, called as the runtime calls it, answers 401 with the error body itself', async () => {
    const registered: {
      name: string;
      route: string;
      method: string;
      handler: (req: InstanceType<typeof HttpRequest>, ctx: InstanceType<typeof InvocationContext>) => Promise<any>;
    }[] = [];
    const spy = vi.spyOn(functions.app, 'http').mockImplementation((name, options) => {
      registered.push({ name, route: `/${options.route}`, method: options.methods![0], handler: options.handler as never });
    });
    vi.resetModules();
    const dir = new URL('../../functions/src/functions/', import.meta.url);
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) await import(new URL(f, dir).href);
    spy.mockRestore();
    const authenticated = Object.values(routes).filter((r) => r.auth !== 'public');
    expect(authenticated.length).toBeGreaterThan(15);
    for (const r of authenticated) {
      const fn = registered.find((x) => x.route === r.path && x.method === r.method);
      expect(fn, `${r.method} ${r.path} has a function`).toBeDefined();
      const params = Object.fromEntries(Object.keys(r.params.shape).map((k) => [k, k === 'version' ? '1' : 'x']));
      const res = await fn!.handler(
        new HttpRequest({ method: r.method, url: `http://localhost/api${r.path}`, params, body: { string: '{}' } }),
        ctx(fn!.name),
      );
      expect([res.status, res.jsonBody?.code], `${r.method} ${r.path}`).toEqual([401, 'UNAUTHENTICATED']);
      expect(res.jsonBody).toEqual({ code: 'UNAUTHENTICATED', message: expect.stringMatching(/[\u4e00-\u9fff]/), details: null });
    }
  });
});
