// GET /campaigns/{campaignId}/reminders — what the daily reminder function wrote to the outbox.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { routes } from '../../../shared/api/contract';
import { listReminders } from '../app/progress';
import { authenticate, handle, json, readParams, trigger } from '../http/request';

export async function remindersList(req: HttpRequest, ctx: InvocationContext) {
  return handle(ctx, async () => {
    const call = await authenticate(req);
    const { campaignId } = readParams(req, routes.reminders.params);
    return json(200, await listReminders(call, campaignId));
  });
}

app.http('remindersList', { ...trigger(routes.reminders), handler: remindersList });
