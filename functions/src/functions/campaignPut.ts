// PUT /campaigns/{campaignId} — create or update a campaign and its milestones (office).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { putCampaign } from '../app/campaigns';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function campaignPut(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.putCampaign.params);
    const body = await readJson(req, routes.putCampaign.body);
    return json(200, await putCampaign(call, campaignId, body));
  });
}

app.http('campaignPut', { ...trigger(routes.putCampaign), handler: campaignPut });
