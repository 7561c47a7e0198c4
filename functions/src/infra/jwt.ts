// Token verification with jose: Entra ID tokens against the tenant's JWKS in production; in
// AUTH_MODE=dev the host signs and verifies its own HS256 tokens. Roles never come from the token or
// the body: the token only says who the caller is; access.ts looks the user up in the member list.
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { AppError } from '../errors';
import type { Settings } from '../settings';

export const DEV_ISSUER = 'taizhang-dev';

export interface Identity {
  userId: string;
}

export interface TokenVerifier {
  verify(token: string): Promise<Identity>;
}

const unauthenticated = (message: string) => new AppError(401, 'UNAUTHENTICATED', message);

export function createVerifier(settings: Settings): TokenVerifier {
  if (settings.AUTH_MODE === 'dev') {
    const key = new TextEncoder().encode(settings.DEV_SIGNING_SECRET!);
    return {
      async verify(token) {
        const payload = await verifyOrThrow(() => jwtVerify(token, key, { issuer: DEV_ISSUER, audience: settings.DEV_AUDIENCE, algorithms: ['HS256'] }));
        return identityFrom(payload, 'sub');
      },
    };
  }
  const tenant = settings.ENTRA_TENANT_ID!;
  const jwks = createRemoteJWKSet(new URL(settings.ENTRA_JWKS_URL ?? `https://login.microsoftonline.com/${tenant}/discovery/v2.0/keys`), {
    timeoutDuration: 3000,
  });
  const issuer = settings.ENTRA_ISSUER ?? `https://login.microsoftonline.com/${tenant}/v2.0`;
  return {
    async verify(token) {
      const payload = await verifyOrThrow(() => jwtVerify(token, jwks, { issuer, audience: settings.ENTRA_AUDIENCE, algorithms: ['RS256'] }));
      return identityFrom(payload, settings.ENTRA_USER_CLAIM);
    },
  };
}

async function verifyOrThrow(f: () => Promise<{ payload: JWTPayload }>): Promise<JWTPayload> {
  try {
    return (await f()).payload;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_JWT_EXPIRED') throw unauthenticated('登录已过期，请重新登录。');
    if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') throw unauthenticated('令牌不适用于本系统（受众或签发方不符），请重新登录。');
    if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JOSE_GENERIC') throw new AppError(503, 'STORAGE_UNAVAILABLE', '暂时无法验证登录令牌，请稍后重试。');
    throw unauthenticated('登录令牌无效，请重新登录。');
  }
}

function identityFrom(payload: JWTPayload, claim: string): Identity {
  const v = payload[claim];
  if (typeof v !== 'string' || !v) throw unauthenticated('登录令牌缺少用户标识，请重新登录。');
  return { userId: claim === 'preferred_username' ? v.toLowerCase() : v };
}

/** Dev mode only: a token for `userId`, valid 12 hours. */
export async function signDevToken(settings: Settings, userId: string, opts: { expiresIn?: string | number; audience?: string } = {}): Promise<string> {
  if (settings.AUTH_MODE !== 'dev') throw new AppError(404, 'NOT_FOUND', '接口不存在');
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setIssuer(DEV_ISSUER)
    .setAudience(opts.audience ?? settings.DEV_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(opts.expiresIn ?? '12h')
    .sign(new TextEncoder().encode(settings.DEV_SIGNING_SECRET!));
}

/** The bearer token of an Authorization header value; 401 when absent or malformed. */
export function bearerToken(header: string | null): string {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) throw unauthenticated('缺少登录令牌（Authorization: Bearer …），请先登录。');
  return m[1];
}
