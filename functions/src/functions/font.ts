// GET /fonts/{file} — the Chinese font the sign-off page's HTML uses (Noto Sans SC, shipped with the app).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { handle, readParams, trigger } from '../http/request';
import { signOffFont } from '../app/signOffSheet';

export async function font(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const { file } = readParams(req, routes.font.params);
    const body = signOffFont(file);
    return {
      status: 200,
      headers: {
        'Content-Type': 'font/ttf',
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
        'Access-Control-Allow-Origin': '*',
      },
      body,
    };
  });
}

app.http('font', { ...trigger(routes.font), handler: font });
