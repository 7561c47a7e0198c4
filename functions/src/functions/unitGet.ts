// GET /campaigns/{campaignId}/units/{unitId} — a unit's status, latest version and milestones.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { getUnit } from '../app/versions';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function unitGet(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId } = readParams(req, routes.getUnit.params);
    return json(200, await getUnit(call, campaignId, unitId));
  });
}

app.http('unitGet', { ...trigger(routes.getUnit), handler: unitGet });
