// POST /dev/token {userId} → {token}: dev mode only (404 otherwise); roles still come from member lists.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { signDevToken } from '../infra/jwt';
import { AppError } from '../errors';
import { handle, json, readJson, trigger } from '../http/request';
import { getServices } from '../services';

export async function devToken(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const { settings } = getServices();
    if (settings.AUTH_MODE !== 'dev') throw new AppError(404, 'NOT_FOUND', '接口不存在');
    const { userId } = await readJson(req, routes.devToken.body);
    return json(200, { token: await signDevToken(settings, userId) });
  });
}

app.http('devToken', { ...trigger(routes.devToken), handler: devToken });
