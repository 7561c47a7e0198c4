// Sign-in outside Office (网页版, WPS pane): the organisation's sign-in page in a browser popup, which
// posts `{ type: 'taizhang-token', token }` to window.opener with targetOrigin = the pane's origin.
// A message counts only when it comes from that page's origin AND from the popup we opened.
import { SignInError, type SignedIn } from './auth';

export const TOKEN_MESSAGE_TYPE = 'taizhang-token';
const POLL_MS = 500;
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

/** The parts of `window` the popup sign-in uses (a test double stands in for it). */
export interface PopupWindowLike {
  location: { href: string };
  open(url: string, target: string, features: string): PopupLike | null;
  addEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', fn: (e: MessageEvent) => void): void;
}
export interface PopupLike {
  readonly closed: boolean;
  close(): void;
}

export interface PopupOptions {
  win?: PopupWindowLike;
  timeoutMs?: number;
  pollMs?: number;
}

/** The token a message carries when it is a good one from `popup` on `origin`, else null. */
export function acceptTokenMessage(e: Pick<MessageEvent, 'origin' | 'source' | 'data'>, origin: string, popup: unknown): string | null {
  if (e.origin !== origin || e.source !== popup) return null;
  const d = e.data as { type?: unknown; token?: unknown } | null;
  if (!d || typeof d !== 'object' || d.type !== TOKEN_MESSAGE_TYPE) return null;
  return typeof d.token === 'string' && d.token.length > 0 && d.token.length < 16_384 ? d.token : null;
}

/**
 * Opens `url` in a popup and waits for its token. Must be called from a click (browsers block popups
 * otherwise): a blocked popup rejects with POPUP_BLOCKED so the UI can offer a button to retry.
 */
export function popupSignIn(url: string, opts: PopupOptions = {}): Promise<SignedIn> {
  const win = opts.win ?? (window as unknown as PopupWindowLike);
  if (!url) return Promise.reject(new SignInError('FALLBACK_NOT_CONFIGURED', '未配置登录页面，请联系管理员。'));
  const origin = new URL(url, win.location.href).origin;
  const popup = win.open(url, 'taizhang-signin', 'popup,width=480,height=640');
  if (!popup)
    return Promise.reject(new SignInError('POPUP_BLOCKED', '浏览器拦截了登录窗口。请允许本网站弹出窗口，然后点击“重新打开登录窗口”。'));
  return new Promise<SignedIn>((resolve, reject) => {
    const finish = (err: SignInError | null, token?: string) => {
      win.removeEventListener('message', onMessage);
      clearInterval(poll);
      clearTimeout(timer);
      if (err) {
        if (!popup.closed) popup.close();
        reject(err);
      } else resolve({ token: token!, via: 'popup' });
    };
    const onMessage = (e: MessageEvent) => {
      const token = acceptTokenMessage(e, origin, popup);
      if (token === null) return; // other windows' and other origins' messages are ignored
      if (!popup.closed) popup.close();
      finish(null, token);
    };
    win.addEventListener('message', onMessage);
    const poll = setInterval(() => {
      if (popup.closed) finish(new SignInError('POPUP_CLOSED', '登录窗口已关闭，未完成登录。'));
    }, opts.pollMs ?? POLL_MS);
    const timer = setTimeout(
      () => finish(new SignInError('POPUP_TIMEOUT', '登录超时，请重新登录。')),
      opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    );
  });
}
