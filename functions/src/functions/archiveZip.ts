// GET /campaigns/{campaignId}/archive.zip — the campaign's evidence archive (office), streamed.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { authenticate, handle, readParams, trigger } from '../http/request';
import { openArchive } from '../app/archive';
import { apiBaseOf } from '../http/publicUrl';

export async function archiveZip(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.archive.params);
    const a = await openArchive(call, campaignId, apiBaseOf(req.url, call.s.settings));
    ctx.log(`archive ${campaignId}: ${a.units} units`);
    return {
      status: 200,
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="archive-${campaignId}.zip"; filename*=UTF-8''${encodeURIComponent(a.filename)}`,
        'Cache-Control': 'no-store',
      },
      body: a.stream(),
    };
  });
}

app.http('archiveZip', { ...trigger(routes.archive), handler: archiveZip });
