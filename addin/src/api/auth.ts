// Sign-in: Office SSO when configured; the documented fallback (an Office dialog with the
// organisation's sign-in page, which posts the token back with messageParent); in dev mode a picker
// of the demo users that gets a token from POST /api/dev/token. Outside Office: popupSignIn.ts.
import type { DevUser } from '../../../shared/api/contract';
import { config } from '../config';
import { ApiClient, ApiError } from './client';

export interface SignedIn {
  token: string;
  via: 'sso' | 'dialog' | 'popup' | 'dev';
  /** The picked user id in dev mode. */
  userId?: string;
}

/**
 * Office SSO error codes after which Microsoft advises the dialog sign-in: 13000 (API not supported),
 * 13003 (account type), 13005 (consent), 13007 (no token), 13012 (unsupported host or run mode), 50001
 * (requirement set missing). 13013 (called too often) is retried once first.
 */
export const SSO_FALLBACK_CODES: ReadonlySet<number> = new Set([13000, 13003, 13005, 13007, 13012, 50001]);
const SSO_TOO_SOON = 13013;

export class SignInError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function ssoMessage(code: number): string {
  switch (code) {
    case 13001:
      return '尚未登录 Office，请先登录 Microsoft 365 账户。';
    case 13002:
      return '已取消登录或授权。';
    case 13003:
      return '当前账户类型不支持单点登录，请使用工作或学校账户。';
    case 13006:
    case 13008:
      return 'Office 暂时无法完成登录，请稍后重试。';
    case 13007:
      return '无法取得登录授权，请联系管理员完成应用授权。';
    case 13012:
    case 13000:
    case 50001:
      return '当前 Office 版本或运行方式不支持单点登录。';
    case 13005:
      return '尚未授权本加载项访问您的账户。';
    case 13013:
      return '登录请求过于频繁，请稍后重试。';
    default:
      return `单点登录失败（${code}）。`;
  }
}

/** Whether Office SSO can exist here: not in WPS or the 网页版 (no office.js there). */
export function inOffice(): boolean {
  return typeof Office !== 'undefined' && !!Office.auth;
}

/** Office SSO; throws SignInError with code 'SSO_UNAVAILABLE' when the fallback should be used. */
export async function ssoSignIn(retryDelayMs = 1000): Promise<SignedIn> {
  // Outside Office (WPS, a browser) there is no Office SSO at all.
  if (!inOffice()) throw new SignInError('SSO_NOT_IN_OFFICE', '此处不在 Microsoft Office 中，无法使用单位账户单点登录。');
  for (let attempt = 0; ; attempt++) {
    try {
      const token = await Office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
      return { token, via: 'sso' };
    } catch (e) {
      const code = Number((e as { code?: unknown })?.code);
      if (code === SSO_TOO_SOON && attempt === 0) {
        await new Promise((r) => setTimeout(r, retryDelayMs));
        continue;
      }
      if (SSO_FALLBACK_CODES.has(code) || code === SSO_TOO_SOON) throw new SignInError('SSO_UNAVAILABLE', ssoMessage(code));
      throw new SignInError(`SSO_${code}`, ssoMessage(code));
    }
  }
}

/** SSO, and the dialog sign-in wherever SSO cannot work (when a fallback page is configured). */
export async function signInWithSso(fallbackUrl = config.fallbackSignInUrl, retryDelayMs?: number): Promise<SignedIn> {
  try {
    return await ssoSignIn(retryDelayMs);
  } catch (e) {
    if (e instanceof SignInError && e.code === 'SSO_UNAVAILABLE' && fallbackUrl) return dialogSignIn(fallbackUrl);
    throw e;
  }
}

/** Whether Office reports the origin of dialog messages (DialogOrigin 1.1); older Office does not. */
function reportsOrigin(): boolean {
  try {
    return Office.context.requirements.isSetSupported('DialogOrigin', '1.1');
  } catch {
    return false;
  }
}

/** The fallback: the organisation's sign-in page in an Office dialog, which messages the token back. */
export function dialogSignIn(url = config.fallbackSignInUrl): Promise<SignedIn> {
  if (!url) return Promise.reject(new SignInError('FALLBACK_NOT_CONFIGURED', '未配置备用登录页面，请联系管理员。'));
  return new Promise((resolve, reject) => {
    Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (res) => {
      if (res.status !== Office.AsyncResultStatus.Succeeded) {
        reject(new SignInError(`DIALOG_${res.error.code}`, `无法打开登录窗口（${res.error.code}）。`));
        return;
      }
      const dialog = res.value;
      const expected = new URL(url, typeof location === 'undefined' ? undefined : location.href).origin;
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
        const origin = 'origin' in arg ? (arg as { origin?: string }).origin : undefined;
        // A page the dialog was navigated to elsewhere must not be able to hand us a token.
        if (origin !== expected && (origin !== undefined || reportsOrigin())) {
          dialog.close();
          reject(new SignInError('DIALOG_ORIGIN', `登录窗口的消息来源（${origin ?? '未知'}）不是配置的登录页面，已拒绝。`));
          return;
        }
        dialog.close();
        const msg = 'message' in arg ? arg.message : '';
        if (msg) resolve({ token: msg, via: 'dialog' });
        else reject(new SignInError('DIALOG_EMPTY', '登录未完成。'));
      });
      dialog.addEventHandler(Office.EventType.DialogEventReceived, () => reject(new SignInError('DIALOG_CLOSED', '登录窗口已关闭。')));
    });
  });
}

/** Dev mode: a token for a demo user from the local host. */
export async function devSignIn(api: ApiClient, userId: string): Promise<SignedIn> {
  try {
    const { token } = await api.call('devToken', {}, { body: { userId } });
    return { token, via: 'dev', userId };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) throw new SignInError('DEV_DISABLED', '服务器未开启开发登录模式。');
    throw e;
  }
}

/**
 * Users offered by the dev picker: `GET /api/dev/users` for the pane's campaign (dev mode only; the
 * API answers 404 elsewhere). Empty when the API does not offer them, so the picker falls back to
 * typing a user id. No demo data ships in the build.
 */
export async function demoUsers(api: ApiClient, campaignId = config.campaignId): Promise<DevUser[]> {
  try {
    return (await api.call('devUsers', {}, { query: { campaignId } })).users;
  } catch {
    return [];
  }
}
