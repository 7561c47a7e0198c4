// POST /campaigns/{campaignId}/leads/verify — one unit's leads become one verification record (疑似漏报
// 核实), with the rules and audit of POST /verifications (office; a supervisor: its subtree).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { verifyLeads } from '../app/leads';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function leadsVerify(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.verifyLeads.params);
    const body = await readJson(req, routes.verifyLeads.body);
    return json(201, await verifyLeads(call, campaignId, body));
  });
}

app.http('leadsVerify', { ...trigger(routes.verifyLeads), handler: leadsVerify });
