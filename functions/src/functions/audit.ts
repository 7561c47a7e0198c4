// GET /campaigns/{campaignId}/audit[?category=access|change] — the append-only audit trail (office;
// supervisor: its units); `access` lists who read personal data.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { auditTrail } from '../app/progress';
import { validationError } from '../errors';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function audit(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.audit.params);
    const q = routes.audit.query.safeParse(Object.fromEntries(req.query));
    if (!q.success) throw validationError(q.error, '查询参数');
    return json(200, await auditTrail(call, campaignId, q.data.category));
  });
}

app.http('audit', { ...trigger(routes.audit), handler: audit });
