// POST /campaigns/{campaignId}/sampling — a reproducible risk-weighted draw of units for on-site checks
// (双随机), written to the audit trail (office).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { drawSample } from '../app/draw';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function sampling(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.sampling.params);
    const body = await readJson(req, routes.sampling.body);
    return json(201, await drawSample(call, campaignId, body));
  });
}

app.http('sampling', { ...trigger(routes.sampling), handler: sampling });
