// POST …/submissions/{version}/review — office: accept, return (with reasons) or reopen (with reasons).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { review as reviewVersion } from '../app/versionActions';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function review(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId, version } = readParams(req, routes.review.params);
    const { decision, reasons } = await readJson(req, routes.review.body);
    return json(200, await reviewVersion(call, campaignId, unitId, version, decision, reasons));
  });
}

app.http('review', { ...trigger(routes.review), handler: review });
