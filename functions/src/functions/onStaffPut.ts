// PUT /campaigns/{campaignId}/on-staff — replaces the on-staff roster (在编人员名单) used by the
// cross-checks (office). Answers the count stored and the entries that were not ID numbers.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { putOnStaff } from '../app/onStaff';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function onStaffPut(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.putOnStaff.params);
    const body = await readJson(req, routes.putOnStaff.body);
    return json(200, await putOnStaff(call, campaignId, body));
  });
}

app.http('onStaffPut', { ...trigger(routes.putOnStaff), handler: onStaffPut });
