// GET /campaigns/{campaignId}/verifications — recorded verifications with their under-reporting
// records (office: all; supervisor: its subtree).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { listVerifications } from '../app/verifications';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function verificationsList(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.listVerifications.params);
    return json(200, await listVerifications(call, campaignId));
  });
}

app.http('verificationsList', { ...trigger(routes.listVerifications), handler: verificationsList });
