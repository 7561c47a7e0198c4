// Headers every answer carries: no MIME sniffing (a JSON error or a download is never run as HTML), and
// for HTML pages a Content-Security-Policy that lets them do nothing but show themselves and print.
import { createHash } from 'node:crypto';
import type { HttpResponseInit } from '@azure/functions';

/** Inline event handlers our pages may use (the sign-off sheet's print button), allowed by hash only. */
const ALLOWED_HANDLERS = ['window.print()'];
const handlerHashes = ALLOWED_HANDLERS.map((h) => `'sha256-${createHash('sha256').update(h).digest('base64')}'`).join(' ');

export const HTML_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src data:',
  `script-src 'unsafe-hashes' ${handlerHashes}`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

function headerOf(res: HttpResponseInit, name: string): string | null {
  const h = res.headers;
  if (!h) return null;
  if (h instanceof Headers) return h.get(name);
  if (Array.isArray(h)) return h.find(([k]) => k.toLowerCase() === name)?.[1] ?? null;
  const k = Object.keys(h).find((x) => x.toLowerCase() === name);
  return k ? String((h as Record<string, string>)[k]) : null;
}

export function withSecurityHeaders(res: HttpResponseInit): HttpResponseInit {
  const extra: Record<string, string> = { 'X-Content-Type-Options': 'nosniff' };
  if (/^text\/html/i.test(headerOf(res, 'content-type') ?? '')) extra['Content-Security-Policy'] = HTML_CSP;
  const h = res.headers;
  if (h instanceof Headers) {
    for (const [k, v] of Object.entries(extra)) h.set(k, v);
    return res;
  }
  const base = Array.isArray(h) ? Object.fromEntries(h) : (h ?? {});
  return { ...res, headers: { ...base, ...extra } };
}
