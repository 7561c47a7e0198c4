// GET …/submissions/{version}/signoff-sheet — the printable sign-off page (HTML with print CSS).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { signOffSheet as renderSheet } from '../app/versions';
import { authenticate, handle, readParams, trigger } from '../http/request';

export async function signOffSheet(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId, version } = readParams(req, routes.signOffSheet.params);
    const html = await renderSheet(call, campaignId, unitId, version);
    return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
  });
}

app.http('signOffSheet', { ...trigger(routes.signOffSheet), handler: signOffSheet });
