// GET /verify/page?receiptNo=…&digest=… — public phone page the sign-off QR code opens (手机扫码核验).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { handle, services, trigger } from '../http/request';
import { verifyReceiptPage } from '../app/verify';

/** The page has no script and loads nothing: the strictest policy it can live with. */
const HTML_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
};

export async function verifyPage(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const q = routes.verifyPage.query.safeParse(Object.fromEntries(req.query));
    const receiptNo = q.success ? (q.data.receiptNo ?? '') : '';
    const digest = q.success ? (q.data.digest ?? '') : '';
    return { status: 200, headers: HTML_HEADERS, body: await verifyReceiptPage(await services(), receiptNo, digest) };
  });
}

app.http('verifyPage', { ...trigger(routes.verifyPage), handler: verifyPage });
