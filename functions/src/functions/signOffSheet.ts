// GET …/submissions/{version}/signoff-sheet[?format=pdf] — the printable sign-off page (签字盖章页):
// HTML with print CSS, or a one-page A4 PDF drawn on the server.
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { validationError } from '../errors';
import { signOffSheet as sheet } from '../app/signOffSheet';
import { apiBaseOf } from '../http/publicUrl';
import { authenticate, handle, readParams, trigger } from '../http/request';

export async function signOffSheet(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async (): Promise<HttpResponseInit> => {
    const call = await authenticate(req);
    const { campaignId, unitId, version } = readParams(req, routes.signOffSheet.params);
    const q = routes.signOffSheet.query.safeParse(Object.fromEntries(req.query));
    if (!q.success) throw validationError(q.error, '查询参数');
    const out = await sheet(call, campaignId, unitId, version, apiBaseOf(req.url, call.s.settings), q.data.format ?? 'html');
    if (out.pdf)
      return {
        status: 200,
        headers: {
          'Content-Type': 'application/pdf',
          'Content-Disposition': `inline; filename="signoff-v${version}.pdf"; filename*=UTF-8''${encodeURIComponent(`签字盖章页-${out.receiptNo}.pdf`)}`,
          'Cache-Control': 'no-store',
        },
        body: new Uint8Array(out.pdf),
      };
    return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: out.html };
  });
}

app.http('signOffSheet', { ...trigger(routes.signOffSheet), handler: signOffSheet });
