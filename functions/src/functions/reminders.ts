// Timer `reminders`: daily at 08:00 China time (00:00 UTC), writes reminder records to the outbox for
// units overdue or due within 3 days; idempotent per unit, milestone and day.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { runReminders } from '../app/progress';
import { parseDevNow, services } from '../http/request';

export async function reminders(_timer: Timer, ctx: InvocationContext): Promise<void> {
  const s = await services();
  // The local host passes a `now` (X-Dev-Now on the admin call) through triggerMetadata; Azure never does.
  const at = ctx.triggerMetadata?.now;
  const now = typeof at === 'string' && at && s.settings.AUTH_MODE === 'dev' ? parseDevNow(at) : new Date();
  const r = await runReminders(s, now);
  ctx.log(`reminders: ${r.written} written, ${r.skipped} already there, ${r.campaigns} campaigns`);
}

app.timer('reminders', { schedule: '0 0 0 * * *', handler: reminders });
