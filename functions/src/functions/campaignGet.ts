// GET /campaigns/{campaignId} — the campaign and its milestones (any member).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { getCampaign } from '../app/campaigns';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function campaignGet(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.getCampaign.params);
    return json(200, await getCampaign(call, campaignId));
  });
}

app.http('campaignGet', { ...trigger(routes.getCampaign), handler: campaignGet });
