// Sign-in with Office SSO: the codes after which Microsoft advises the dialog sign-in, 13013 retried
// once, and a dialog message accepted only from the configured sign-in page's origin.
import { afterEach, describe, expect, it } from 'vitest';
import { signInWithSso, SSO_FALLBACK_CODES } from '../../addin/src/api/auth';

const PAGE = 'https://signin.example.gov.cn/taizhang/login.html';

interface Fake {
  ssoCalls: number;
  dialogs: string[];
  closed: number;
}
/** Office with SSO failing by `codes` (one per call, the last repeats) and a dialog that posts `message` from `origin`. */
function fakeOffice(codes: number[], message: { text: string; origin?: string } | null, originSupported = true): Fake {
  const fake: Fake = { ssoCalls: 0, dialogs: [], closed: 0 };
  const handlers = new Map<string, (arg: unknown) => void>();
  (globalThis as any).Office = {
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    auth: {
      getAccessToken: async () => {
        const code = codes[Math.min(fake.ssoCalls++, codes.length - 1)];
        if (code === 0) return 'sso-token';
        throw Object.assign(new Error(`sso ${code}`), { code });
      },
    },
    context: {
      requirements: { isSetSupported: (name: string) => name === 'DialogOrigin' && originSupported },
      ui: {
        displayDialogAsync(url: string, _o: unknown, cb: (r: unknown) => void) {
          fake.dialogs.push(url);
          const dialog = {
            addEventHandler: (t: string, h: (arg: unknown) => void) => handlers.set(t, h),
            close: () => fake.closed++,
          };
          cb({ status: 'succeeded', value: dialog });
          if (message)
            setTimeout(
              () =>
                handlers.get('dialogMessageReceived')?.({
                  message: message.text,
                  ...(message.origin === undefined ? {} : { origin: message.origin }),
                }),
              0,
            );
        },
      },
    },
  };
  return fake;
}

afterEach(() => {
  delete (globalThis as any).Office;
});

describe('SSO fallback', () => {
  it.each([...SSO_FALLBACK_CODES])('falls back to the dialog sign-in on %i', async (code) => {
    const fake = fakeOffice([code], { text: 'dialog-token', origin: 'https://signin.example.gov.cn' });
    await expect(signInWithSso(PAGE, 1)).resolves.toEqual({ token: 'dialog-token', via: 'dialog' });
    expect(fake.dialogs).toEqual([PAGE]);
  });

  it('lists exactly the codes Microsoft names', () => {
    expect([...SSO_FALLBACK_CODES].sort()).toEqual([13000, 13003, 13005, 13007, 13012, 50001]);
  });

  it('retries 13013 once: success on the retry needs no dialog', async () => {
    const fake = fakeOffice([13013, 0], null);
    await expect(signInWithSso(PAGE, 1)).resolves.toEqual({ token: 'sso-token', via: 'sso' });
    expect(fake.ssoCalls).toBe(2);
    expect(fake.dialogs).toEqual([]);
  });

  it('13013 twice: the dialog', async () => {
    const fake = fakeOffice([13013, 13013], { text: 't', origin: 'https://signin.example.gov.cn' });
    await expect(signInWithSso(PAGE, 1)).resolves.toMatchObject({ via: 'dialog' });
    expect(fake.ssoCalls).toBe(2);
  });

  it('does not fall back on a cancelled sign-in (13002)', async () => {
    const fake = fakeOffice([13002], null);
    await expect(signInWithSso(PAGE, 1)).rejects.toMatchObject({ code: 'SSO_13002' });
    expect(fake.dialogs).toEqual([]);
  });

  it('rejects a token posted from another origin', async () => {
    const fake = fakeOffice([13012], { text: 'stolen', origin: 'https://evil.example.com' });
    await expect(signInWithSso(PAGE, 1)).rejects.toMatchObject({ code: 'DIALOG_ORIGIN' });
    expect(fake.closed).toBe(1);
  });

  it('rejects a message without origin where Office reports origins; accepts it on Office that cannot', async () => {
    fakeOffice([13012], { text: 't' }, true);
    await expect(signInWithSso(PAGE, 1)).rejects.toMatchObject({ code: 'DIALOG_ORIGIN' });
    fakeOffice([13012], { text: 't' }, false);
    await expect(signInWithSso(PAGE, 1)).resolves.toMatchObject({ via: 'dialog' });
  });

  it('says so when no fallback page is configured', async () => {
    fakeOffice([13003], null);
    await expect(signInWithSso('', 1)).rejects.toMatchObject({ code: 'SSO_UNAVAILABLE' });
  });
});
