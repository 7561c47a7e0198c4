// GET /campaigns/{campaignId}/notice.xlsx[?names=full] — the public notice (公示) of persons to be
// dismissed, names and ID numbers masked (office only; `names=full` keeps full names, IDs stay masked).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes, XLSX_CONTENT_TYPE } from '../../../shared/api/contract';
import { noticeWorkbook } from '../app/workbooks';
import { authenticate, handle, readParams, readQuery, trigger } from '../http/request';

export async function noticeXlsx(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.notice.params);
    const { names } = readQuery(req, routes.notice.query);
    const { bytes, filename } = await noticeWorkbook(call, campaignId, names === 'full');
    return {
      status: 200,
      headers: {
        'Content-Type': XLSX_CONTENT_TYPE,
        'Content-Disposition': `attachment; filename="notice.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Cache-Control': 'no-store',
      },
      body: bytes,
    };
  });
}

app.http('noticeXlsx', { ...trigger(routes.notice), handler: noticeXlsx });
