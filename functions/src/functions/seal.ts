// PUT …/submissions/{version}/seal — upload the scan of the signed and sealed page (PDF/PNG/JPEG ≤ 10 MB).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { uploadSeal } from '../app/versionActions';
import { authenticate, handle, json, mediaType, readBytes, readParams, trigger } from '../http/request';

export async function seal(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId, version } = readParams(req, routes.seal.params);
    const bytes = await readBytes(req);
    return json(200, await uploadSeal(call, campaignId, unitId, version, mediaType(req), bytes));
  });
}

app.http('seal', { ...trigger(routes.seal), handler: seal });
