// GET …/submissions/{version}/signoff-sheet — the printable sign-off page (HTML with print CSS).
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { signOffSheetData } from '../app/versions';
import { renderSignOffSheet } from '../documents/signOffSheet';
import { authenticate, handle, readParams, trigger } from '../http/request';

export async function signOffSheet(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId, unitId, version } = readParams(req, routes.signOffSheet.params);
    const html = renderSignOffSheet(await signOffSheetData(call, campaignId, unitId, version));
    return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
  });
}

app.http('signOffSheet', { ...trigger(routes.signOffSheet), handler: signOffSheet });
