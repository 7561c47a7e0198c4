// GET /campaigns/{campaignId}/aggregate.xlsx — the aggregated workbook (office; supervisor: its subtree).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes, XLSX_CONTENT_TYPE } from '../../../shared/api/contract';
import { aggregateWorkbook } from '../app/workbooks';
import { authenticate, handle, readParams, trigger } from '../http/request';

export async function aggregateXlsx(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.aggregate.params);
    const { bytes, filename, stats } = await aggregateWorkbook(call, campaignId);
    ctx.log(
      `aggregate ${campaignId}: ${stats.units} units, ${stats.persons} persons, read ${stats.readMs.toFixed(0)} ms, write ${stats.writeMs.toFixed(0)} ms`,
    );
    return {
      status: 200,
      headers: {
        'Content-Type': XLSX_CONTENT_TYPE,
        'Content-Disposition': `attachment; filename="aggregate.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        'Content-Length': String(bytes.length),
        'Cache-Control': 'no-store',
      },
      body: bytes,
    };
  });
}

app.http('aggregateXlsx', { ...trigger(routes.aggregate), handler: aggregateXlsx });
