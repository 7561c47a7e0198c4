// Sign-in: Office SSO when configured; the documented fallback (an Office dialog with the
// organisation's sign-in page, which posts the token back with messageParent); in dev mode a picker
// of the demo users that gets a token from POST /api/dev/token.
import type { DevUser } from '../../../shared/api/contract';
import { config } from '../config';
import { ApiClient, ApiError } from './client';

export interface SignedIn {
  token: string;
  via: 'sso' | 'dialog' | 'dev';
  /** The picked user id in dev mode. */
  userId?: string;
}

/** Office SSO error codes that mean "SSO cannot work here": use the fallback. */
const SSO_UNAVAILABLE = new Set([13003, 13007, 13010, 13012, 13013]);

export class SignInError extends Error {
  constructor(readonly code: string, message: string) {
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
      return '当前 Office 版本或运行方式不支持单点登录。';
    default:
      return `单点登录失败（${code}）。`;
  }
}

/** Office SSO; throws SignInError with code 'SSO_UNAVAILABLE' when the fallback should be used. */
export async function ssoSignIn(): Promise<SignedIn> {
  try {
    const token = await Office.auth.getAccessToken({ allowSignInPrompt: true, allowConsentPrompt: true, forMSGraphAccess: false });
    return { token, via: 'sso' };
  } catch (e) {
    const code = Number((e as { code?: unknown })?.code);
    if (SSO_UNAVAILABLE.has(code)) throw new SignInError('SSO_UNAVAILABLE', ssoMessage(code));
    throw new SignInError(`SSO_${code}`, ssoMessage(code));
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
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
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
