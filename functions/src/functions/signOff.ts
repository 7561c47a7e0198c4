// POST …/submissions/{version}/signoff — the head signs a version by its digest.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { signOff as signOffVersion } from '../app/versionActions';
import { authenticate, handle, json, readJson, readParams, trigger } from '../http/request';

export async function signOff(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId, version } = readParams(req, routes.signOff.params);
    const { digest } = await readJson(req, routes.signOff.body);
    return json(200, await signOffVersion(call, campaignId, unitId, version, digest));
  });
}

app.http('signOff', { ...trigger(routes.signOff), handler: signOff });
