// Dev mode only (AUTH_MODE=dev; 404 otherwise): tokens for any user id, and the users the dev sign-in
// pickers offer — read from storage (OFFICE_ADMINS and the campaigns' member lists), so no demo data
// ships in any build.
import type { DevUser } from '../../../shared/api/contract';
import { AppError } from '../errors';
import { signDevToken } from '../infra/jwt';
import type { Services } from '../services';

/** At most this many campaigns are read when no campaign is named, and this many users answered. */
const MAX_CAMPAIGNS = 20;
const MAX_USERS = 2000;

/** 404 NOT_FOUND outside dev mode, before anything of the request is read. */
export function requireDevMode(s: Services): void {
  if (s.settings.AUTH_MODE !== 'dev') throw new AppError(404, 'NOT_FOUND', '接口不存在');
}

export async function devToken(s: Services, userId: string): Promise<{ token: string }> {
  requireDevMode(s);
  return { token: await signDevToken(s.settings, userId) };
}

export async function devUsers(s: Services, campaignId?: string): Promise<{ users: DevUser[] }> {
  requireDevMode(s);
  await s.storage.ready();
  const users: DevUser[] = s.settings.OFFICE_ADMINS.map((userId) => ({
    userId,
    name: '领导小组办公室',
    role: 'office',
    unitId: null,
    unitName: null,
  }));
  const seen = new Set(users.map((u) => `${u.userId}|${u.role}|`));
  const ids = campaignId ? [campaignId] : (await s.campaigns.listIds()).slice(0, MAX_CAMPAIGNS);
  for (const id of ids) {
    const dir = await s.campaigns.getDirectory(id);
    if (!dir) continue;
    for (const m of dir.members) {
      const key = `${m.userId}|${m.role}|${m.unitId ?? ''}`;
      if (seen.has(key) || users.length >= MAX_USERS) continue;
      seen.add(key);
      users.push({
        userId: m.userId,
        name: m.name,
        role: m.role,
        unitId: m.unitId,
        unitName: m.unitId === null ? null : (dir.units.get(m.unitId)?.name ?? null),
      });
    }
  }
  return { users };
}
