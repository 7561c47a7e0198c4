// GET /campaigns/{campaignId}/leads — suspected under-reporting (疑似漏报) from the external rosters, and
// 范围遗漏 (office; a supervisor: its subtree).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { getLeads } from '../app/leads';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function leadsGet(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.leads.params);
    return json(200, await getLeads(call, campaignId));
  });
}

app.http('leadsGet', { ...trigger(routes.leads), handler: leadsGet });
