// GET /template.xlsx — the standard template: the same bytes `taizhang template` writes.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { XLSX_CONTENT_TYPE, routes } from '../../../shared/api/contract';
import { buildTemplateWorkbook, TEMPLATE_FILE_NAME } from '../../../shared/node/templateWorkbook';
import { handle, trigger } from '../http/request';

let cached: Promise<Uint8Array> | undefined;

export async function template(_req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    cached ??= buildTemplateWorkbook();
    const bytes = await cached;
    return {
      status: 200,
      headers: {
        'Content-Type': XLSX_CONTENT_TYPE,
        'Content-Disposition': `attachment; filename="template.xlsx"; filename*=UTF-8''${encodeURIComponent(TEMPLATE_FILE_NAME)}`,
      },
      body: bytes,
    };
  });
}

app.http('template', { ...trigger(routes.template), handler: template });
