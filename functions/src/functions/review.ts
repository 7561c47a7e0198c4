// POST …/submissions/{version}/review — the supervising department: endorse or return; the office: accept,
// return or reopen (returns with reasons and optional notes pinned to cells).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { review as reviewVersion } from '../app/versionActions';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function review(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId, version } = readParams(req, routes.review.params);
    const body = await readJson(req, routes.review.body);
    return json(200, await reviewVersion(call, campaignId, unitId, version, body));
  });
}

app.http('review', { ...trigger(routes.review), handler: review });
