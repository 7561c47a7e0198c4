// GET /campaigns/{campaignId}/progress — every unit's status and deadlines (office; supervisor: subtree).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { progress as campaignProgress } from '../app/progress';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function progress(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.progress.params);
    return json(200, await campaignProgress(call, campaignId));
  });
}

app.http('progress', { ...trigger(routes.progress), handler: progress });
