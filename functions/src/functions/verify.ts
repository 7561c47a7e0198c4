// GET /verify?receiptNo=…&digest=… — public: is this pair a real submission? { valid, unitName, version, submittedAt, status }.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { validationError } from '../errors';
import { handle, json, services, trigger } from '../http/request';
import { verifyReceipt } from '../app/verify';

export async function verify(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const q = routes.verify.query.safeParse(Object.fromEntries(req.query));
    if (!q.success) throw validationError(q.error, '查询参数');
    return json(200, await verifyReceipt(await services(), q.data.receiptNo, q.data.digest));
  });
}

app.http('verify', { ...trigger(routes.verify), handler: verify });
