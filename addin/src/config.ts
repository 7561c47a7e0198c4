// Build-time settings of the task pane (Vite env), with the defaults of local development.
const env = (import.meta as unknown as { env?: Record<string, string | undefined> }).env ?? {};
const query = typeof location !== 'undefined' ? new URLSearchParams(location.search) : new URLSearchParams();

export const config = {
  /** Base of the functions API; '/api' is proxied to the local host by the dev server. */
  apiBase: query.get('api') ?? env.VITE_API_BASE ?? '/api',
  /** Campaign the pane works in (the manifest URL may carry ?campaign=). */
  campaignId: query.get('campaign') ?? env.VITE_CAMPAIGN_ID ?? 'demo',
  /** Try Office SSO first (needs the manifest's WebApplicationInfo configured). */
  ssoEnabled: env.VITE_SSO_ENABLED === 'true',
  /** Dev sign-in picker (POST /api/dev/token); on unless built with VITE_DEV_SIGNIN=false. */
  devSignIn: env.VITE_DEV_SIGNIN !== 'false',
  /** Org-provided sign-in page: in an Office dialog when SSO is unavailable, in a popup outside Office (posts the token back). */
  fallbackSignInUrl: env.VITE_FALLBACK_SIGNIN_URL ?? '',
};
