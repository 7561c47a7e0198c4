// GET /campaigns/{campaignId}/audit — the append-only audit trail (office; supervisor: its units).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { auditTrail } from '../app/progress';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function audit(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.audit.params);
    return json(200, await auditTrail(call, campaignId));
  });
}

app.http('audit', { ...trigger(routes.audit), handler: audit });
