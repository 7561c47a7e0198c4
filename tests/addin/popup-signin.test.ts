// Sign-in outside Office through a browser popup: a token counts only from the configured page's
// origin and from the popup itself; a blocked popup, a closed popup and a timeout reject.
import { describe, expect, it } from 'vitest';
import { acceptTokenMessage, popupSignIn, type PopupLike, type PopupWindowLike } from '../../addin/src/api/popupSignIn';

const PAGE = 'https://signin.example.gov.cn/taizhang/login.html';
const ORIGIN = 'https://signin.example.gov.cn';

function fakeWindow(blocked = false) {
  const listeners = new Set<(e: MessageEvent) => void>();
  const popup: PopupLike & { closed: boolean } = {
    closed: false,
    close() {
      this.closed = true;
    },
  };
  const opened: string[] = [];
  const win: PopupWindowLike = {
    location: { href: 'https://taizhang.example.gov.cn/web.html' },
    open: (url) => (opened.push(url), blocked ? null : popup),
    addEventListener: (_t, fn) => listeners.add(fn),
    removeEventListener: (_t, fn) => listeners.delete(fn),
  };
  const post = (data: unknown, origin: string, source: unknown) => {
    for (const fn of [...listeners]) fn({ data, origin, source } as MessageEvent);
  };
  return { win, popup, opened, listeners, post };
}

const good = { type: 'taizhang-token', token: 'tok-1' };

describe('acceptTokenMessage', () => {
  const popup = {};
  it('accepts the token message from the page origin and the popup', () => {
    expect(acceptTokenMessage({ data: good, origin: ORIGIN, source: popup as any }, ORIGIN, popup)).toBe('tok-1');
  });
  it('refuses another origin, another source, another shape', () => {
    expect(acceptTokenMessage({ data: good, origin: 'https://evil.example.com', source: popup as any }, ORIGIN, popup)).toBeNull();
    expect(acceptTokenMessage({ data: good, origin: ORIGIN, source: {} as any }, ORIGIN, popup)).toBeNull();
    expect(acceptTokenMessage({ data: { type: 'other', token: 'x' }, origin: ORIGIN, source: popup as any }, ORIGIN, popup)).toBeNull();
    expect(acceptTokenMessage({ data: 'tok', origin: ORIGIN, source: popup as any }, ORIGIN, popup)).toBeNull();
    expect(
      acceptTokenMessage({ data: { type: 'taizhang-token', token: '' }, origin: ORIGIN, source: popup as any }, ORIGIN, popup),
    ).toBeNull();
  });
});

describe('popupSignIn', () => {
  it('ignores a wrong origin and a wrong source, then takes the good message and closes the popup', async () => {
    const f = fakeWindow();
    const p = popupSignIn(PAGE, { win: f.win, pollMs: 5 });
    expect(f.opened).toEqual([PAGE]);
    let settled = false;
    void p.then(() => (settled = true));
    f.post({ ...good, token: 'evil-origin' }, 'https://evil.example.com', f.popup);
    f.post({ ...good, token: 'evil-source' }, ORIGIN, {});
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    f.post(good, ORIGIN, f.popup);
    await expect(p).resolves.toEqual({ token: 'tok-1', via: 'popup' });
    expect(f.popup.closed).toBe(true);
    expect(f.listeners.size).toBe(0);
  });

  it('rejects when the user closes the popup', async () => {
    const f = fakeWindow();
    const p = popupSignIn(PAGE, { win: f.win, pollMs: 5 });
    f.popup.close();
    await expect(p).rejects.toMatchObject({ code: 'POPUP_CLOSED' });
    expect(f.listeners.size).toBe(0);
  });

  it('rejects a blocked popup with a Chinese message', async () => {
    const f = fakeWindow(true);
    await expect(popupSignIn(PAGE, { win: f.win })).rejects.toMatchObject({
      code: 'POPUP_BLOCKED',
      message: expect.stringContaining('弹出窗口'),
    });
    expect(f.listeners.size).toBe(0);
  });

  it('times out and closes the popup', async () => {
    const f = fakeWindow();
    await expect(popupSignIn(PAGE, { win: f.win, timeoutMs: 20, pollMs: 5 })).rejects.toMatchObject({ code: 'POPUP_TIMEOUT' });
    expect(f.popup.closed).toBe(true);
  });

  it('refuses a missing URL', async () => {
    await expect(popupSignIn('', { win: fakeWindow().win })).rejects.toMatchObject({ code: 'FALLBACK_NOT_CONFIGURED' });
  });
});
