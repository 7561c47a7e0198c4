// GET /campaigns/{campaignId}/units/{unitId}/submissions/{version}/diff[?from=N] — persons added,
// removed and changed (by ID number) since version N (default v−1); 400 for v = 1.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { submissionDiff as diff } from '../app/diff';
import { authenticate, handle, json, readParams, readQuery, trigger } from '../http/request';

export async function submissionDiff(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId, version } = readParams(req, routes.diff.params);
    const { from } = readQuery(req, routes.diff.query);
    return json(200, await diff(call, campaignId, unitId, version, from));
  });
}

app.http('submissionDiff', { ...trigger(routes.diff), handler: submissionDiff });
