// GET /campaigns/{campaignId}/on-staff — which on-staff roster is loaded: count and when (office).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { getOnStaff } from '../app/onStaff';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function onStaffGet(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.getOnStaff.params);
    return json(200, await getOnStaff(call, campaignId));
  });
}

app.http('onStaffGet', { ...trigger(routes.getOnStaff), handler: onStaffGet });
