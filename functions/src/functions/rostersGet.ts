// GET /campaigns/{campaignId}/rosters — which external rosters are loaded, when and by whom (office).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { getRosters } from '../app/leads';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function rostersGet(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.getRosters.params);
    return json(200, await getRosters(call, campaignId));
  });
}

app.http('rostersGet', { ...trigger(routes.getRosters), handler: rostersGet });
