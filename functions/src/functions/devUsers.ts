// GET /dev/users[?campaignId=] → {users}: dev mode only (404 otherwise); the dev sign-in pickers' list.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { devUsers as listDevUsers, requireDevMode } from '../app/dev';
import { appServices, handle, json, readQuery, trigger } from '../http/request';

export async function devUsers(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const s = appServices();
    requireDevMode(s);
    const { campaignId } = readQuery(req, routes.devUsers.query);
    return json(200, await listDevUsers(s, campaignId));
  });
}

app.http('devUsers', { ...trigger(routes.devUsers), handler: devUsers });
