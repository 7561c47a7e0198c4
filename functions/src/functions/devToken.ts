// POST /dev/token {userId} → {token}: dev mode only (404 otherwise); roles still come from member lists.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { devToken as signToken, requireDevMode } from '../app/dev';
import { appServices, handle, json, readJson, trigger } from '../http/request';

export async function devToken(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const s = appServices();
    requireDevMode(s);
    const { userId } = await readJson(req, routes.devToken.body);
    return json(200, await signToken(s, userId));
  });
}

app.http('devToken', { ...trigger(routes.devToken), handler: devToken });
