// GET /fonts/{file} — the Chinese font the sign-off page's HTML uses (Noto Sans SC, shipped with the app).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { AppError } from '../errors';
import { handle, readParams, trigger } from '../http/request';
import { fontBytes, fontWeightOfFile } from '../paper/fonts';

export async function font(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const { file } = readParams(req, routes.font.params);
    const weight = fontWeightOfFile(file);
    if (!weight) throw new AppError(404, 'NOT_FOUND', '没有这个字体文件。');
    return {
      status: 200,
      headers: {
        'Content-Type': 'font/ttf',
        'Cache-Control': 'public, max-age=31536000, immutable',
        'X-Content-Type-Options': 'nosniff',
        'Access-Control-Allow-Origin': '*',
      },
      body: new Uint8Array(fontBytes(weight)),
    };
  });
}

app.http('font', { ...trigger(routes.font), handler: font });
