// Settings, parsed with zod once at start-up: a missing or malformed setting fails loudly with every
// problem listed, instead of surfacing as a 500 on the first request that needs it.
import { z } from 'zod';

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean),
);

const SettingsSchema = z
  .object({
    /** Table + Blob storage; `UseDevelopmentStorage=true` locally (Azurite). */
    STORAGE_CONNECTION_STRING: z.string().min(1),
    AUTH_MODE: z.enum(['dev', 'entra']),
    /** dev: HMAC secret the host signs its own tokens with. */
    DEV_SIGNING_SECRET: z.string().min(32).optional(),
    DEV_AUDIENCE: z.string().default('api://taizhang-dev'),
    ENTRA_TENANT_ID: z.string().optional(),
    /** The API's application ID URI or client id, the `aud` of the add-in's tokens. */
    ENTRA_AUDIENCE: z.string().optional(),
    ENTRA_JWKS_URL: z.url().optional(),
    ENTRA_ISSUER: z.string().optional(),
    /** Claim that carries the user id used in member lists. */
    ENTRA_USER_CLAIM: z.string().default('preferred_username'),
    /** Comma-separated user ids who are office staff for every campaign. */
    OFFICE_ADMINS: list,
    /** Comma-separated origins allowed by CORS (the add-in's origin); the local host answers preflight for these. */
    CORS_ORIGINS: list.default([]),
    /** Blob container for seal scans. */
    SEAL_CONTAINER: z
      .string()
      .regex(/^[a-z0-9-]{3,63}$/)
      .default('seals'),
    /** Bound on one storage call, retries included (ms); past it the request answers 503. */
    STORAGE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
    /** A submission not committed this long (ms) after it arrived is abandoned, never committed later. */
    SUBMISSION_DEADLINE_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
    /** Worker threads reading and checking raw workbooks (default: cores − 1, at least 1). */
    WORK_THREADS: z.coerce.number().int().min(1).max(64).optional(),
    /** Workbooks waiting for a thread before further ones get 503 BUSY. */
    WORK_QUEUE: z.coerce.number().int().min(0).max(1000).default(4),
    /** The API's public base URL printed in sign-off QR codes (e.g. https://tz.example.gov.cn/api); default: the request's origin + /api. */
    PUBLIC_API_URL: z.url().optional(),
  })
  .superRefine((s, ctx) => {
    if (s.AUTH_MODE === 'dev' && !s.DEV_SIGNING_SECRET)
      ctx.addIssue({ code: 'custom', path: ['DEV_SIGNING_SECRET'], message: 'required when AUTH_MODE=dev (at least 32 characters)' });
    if (s.AUTH_MODE === 'entra') {
      if (!s.ENTRA_TENANT_ID) ctx.addIssue({ code: 'custom', path: ['ENTRA_TENANT_ID'], message: 'required when AUTH_MODE=entra' });
      if (!s.ENTRA_AUDIENCE) ctx.addIssue({ code: 'custom', path: ['ENTRA_AUDIENCE'], message: 'required when AUTH_MODE=entra' });
    }
  });

export type Settings = z.infer<typeof SettingsSchema>;

/** The signing secret of the demo (`npm start`, tests): public, so accepted only by a loopback-bound host. */
export const DEMO_SIGNING_SECRET = 'taizhang-local-dev-secret-change-me-0123456789';

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

/**
 * Refuses to serve with the public demo secret unless bound to loopback (`bindHost`: the local host's
 * listen address; null on Azure, where the worker is always reachable from outside).
 */
export function assertSafeBinding(settings: Settings, bindHost: string | null): void {
  if (settings.AUTH_MODE === 'dev' && settings.DEV_SIGNING_SECRET === DEMO_SIGNING_SECRET && !(bindHost && isLoopback(bindHost)))
    throw new SettingsError(
      `Invalid or missing settings:\n  DEV_SIGNING_SECRET: the public demo secret is only accepted on a loopback-bound local host (bound to ${bindHost ?? 'a public address'}); set a secret of your own`,
    );
}

export class SettingsError extends Error {}

export function parseSettings(env: Record<string, string | undefined>): Settings {
  const r = SettingsSchema.safeParse(env);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new SettingsError(`Invalid or missing settings:\n${lines.join('\n')}`);
  }
  return r.data;
}

let cached: Settings | undefined;
/** The process's settings (from process.env), parsed on first use; the local host calls it before listening. */
export function getSettings(): Settings {
  cached ??= parseSettings(process.env);
  return cached;
}
