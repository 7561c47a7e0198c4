// PUT /campaigns/{campaignId}/units — the unit tree and member list (office); replaces both.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { putUnits } from '../app/campaigns';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function unitsPut(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.putUnits.params);
    const body = await readJson(req, routes.putUnits.body);
    return json(200, await putUnits(call, campaignId, body.units, body.members));
  });
}

app.http('unitsPut', { ...trigger(routes.putUnits), handler: unitsPut });
