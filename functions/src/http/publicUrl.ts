// The API's public base URL, printed in QR codes: the PUBLIC_API_URL setting, else the origin the request
// came to (behind Azure's front end that is the public host) plus the Functions route prefix /api.
import type { Settings } from '../settings';

export function apiBaseOf(requestUrl: string, settings: Pick<Settings, 'PUBLIC_API_URL'>): string {
  if (settings.PUBLIC_API_URL) return settings.PUBLIC_API_URL.replace(/\/+$/, '');
  return `${new URL(requestUrl).origin}/api`;
}
