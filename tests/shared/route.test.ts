// route(): a route's params follow from its path template, and the statuses every route implies (how the
// functions read a request, api.md's Identity rules) are added to the ones it declares.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { read, route } from '../../shared/api/route';
import { routes } from '../../shared/api/routes';

const statuses = (r: { responses: Record<number, unknown> }) => Object.keys(r.responses).map(Number);

describe('route', () => {
  it('reads the params off the path: one schema per name, strict', () => {
    const r = route({
      method: 'GET',
      path: '/campaigns/{campaignId}/units/{unitId}/submissions/{version}',
      auth: ['office'],
      responses: { 200: z.string() },
    });
    expect(r.params.parse({ campaignId: 'demo', unitId: 'u1', version: '2' })).toEqual({ campaignId: 'demo', unitId: 'u1', version: 2 });
    expect(r.params.safeParse({ campaignId: 'demo', unitId: 'u1', version: '0' }).success).toBe(false);
    expect(r.params.safeParse({ campaignId: 'demo', unitId: 'u1', version: '2', extra: 'x' }).success).toBe(false);
    expect(Object.keys(route({ method: 'GET', path: '/health', auth: 'public', responses: {} }).params.shape)).toEqual([]);
    expect(Object.keys(routes.putRoster.params.shape)).toEqual(['campaignId', 'source']);
  });

  it('refuses a path param it has no schema for, in the types and at load', () => {
    // @ts-expect-error: `nope` is no known path param
    expect(() => route({ method: 'GET', path: '/x/{nope}', auth: ['office'], responses: {} })).toThrow(/unknown path param nope/);
  });

  it('adds the implied statuses: 401/403/503 with a token, 409 on an authenticated write, 400/413 from params and bodies', () => {
    expect(statuses(route({ method: 'GET', path: '/template.xlsx', auth: 'public', responses: { 200: z.string() } }))).toEqual([200]);
    expect(statuses(route({ method: 'GET', path: '/fonts/{file}', auth: 'public', responses: { 200: z.string() } }))).toEqual([200, 400]);
    expect(statuses(route({ method: 'GET', path: '/campaigns/{campaignId}', auth: ['member'], responses: { 200: z.string() } }))).toEqual([
      200, 400, 401, 403, 503,
    ]);
    expect(
      statuses(
        route({ method: 'PUT', path: '/campaigns/{campaignId}', body: z.string(), auth: ['office'], responses: { 200: z.string() } }),
      ),
    ).toEqual([200, 400, 401, 403, 409, 413, 503]);
  });

  it('read(): a GET answering 200 with its body or 404, with the implied statuses', () => {
    const body = z.strictObject({ n: z.number() });
    const r = read('/campaigns/{campaignId}/units/{unitId}', ['office'], body);
    expect([r.method, r.path, r.auth]).toEqual(['GET', '/campaigns/{campaignId}/units/{unitId}', ['office']]);
    expect(r.responses[200]).toBe(body);
    expect(statuses(r)).toEqual([200, 400, 401, 403, 404, 503]);
    expect(Object.keys(r.params.shape)).toEqual(['campaignId', 'unitId']);
    expect(statuses(read('/fonts/{file}', 'public', z.string()))).toEqual([200, 400, 404]);
    // @ts-expect-error: `nope` is no known path param
    expect(() => read('/x/{nope}', 'public', z.string())).toThrow(/unknown path param nope/);
  });
});
