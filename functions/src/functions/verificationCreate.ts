// POST /campaigns/{campaignId}/verifications — records an on-site check or a tip; persons missing from
// the unit's ledger become under-reporting records (office; supervisor: units of its subtree).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { createVerification } from '../app/verifications';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function verificationCreate(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.verification.params);
    const body = await readJson(req, routes.verification.body);
    return json(201, await createVerification(call, campaignId, body));
  });
}

app.http('verificationCreate', { ...trigger(routes.verification), handler: verificationCreate });
