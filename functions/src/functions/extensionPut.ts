// PUT /campaigns/{campaignId}/units/{unitId}/extension — a deadline extension for one unit (office).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { putExtension } from '../app/campaigns';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function extensionPut(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId } = readParams(req, routes.putExtension.params);
    const body = await readJson(req, routes.putExtension.body);
    return json(200, await putExtension(call, campaignId, unitId, body.milestoneId, body.due));
  });
}

app.http('extensionPut', { ...trigger(routes.putExtension), handler: extensionPut });
