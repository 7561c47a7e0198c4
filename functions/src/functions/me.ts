// GET /campaigns/{campaignId}/me — the caller's memberships in a campaign.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { getMe } from '../app/campaigns';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function me(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.getMe.params);
    return json(200, await getMe(call, campaignId));
  });
}

app.http('me', { ...trigger(routes.getMe), handler: me });
