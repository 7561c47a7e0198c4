// GET /campaigns/{campaignId}/units/{unitId}/submissions/{version} — the stored ledger, digest and history.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { getSubmission } from '../app/versions';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function submissionGet(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId, version } = readParams(req, routes.getSubmission.params);
    return json(200, await getSubmission(call, campaignId, unitId, version));
  });
}

app.http('submissionGet', { ...trigger(routes.getSubmission), handler: submissionGet });
