// GET /health — 200 when Table Storage answers, 503 quickly (short timeout, no retries) when it does not.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { storageAnswers } from '../app/health';
import { appServices, handle, json, trigger } from '../http/request';

export async function health(_req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const ok = await storageAnswers(appServices());
    if (ok) return json(200, { ok: true, storage: 'ok' });
    return {
      status: 503,
      headers: { 'Retry-After': '5' },
      jsonBody: { ok: false, storage: 'unavailable', code: 'STORAGE_UNAVAILABLE', message: '存储服务暂时无法访问。' },
    };
  });
}

app.http('health', { ...trigger(routes.health), handler: health });
