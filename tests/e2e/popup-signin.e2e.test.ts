// Production sign-in of the 网页版 (no Office, no dev picker) in headless Chromium: the pane built with
// VITE_SSO_ENABLED=true, VITE_DEV_SIGNIN=false and VITE_FALLBACK_SIGNIN_URL pointing at a sign-in page
// on a second local origin; that page gets a dev token from the functions host and posts it back to
// window.opener, and the liaison lands in the pane. A blocked popup gets a Chinese message and a retry button.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildPane, launchChromium, serveStatic } from './harness';
import { Client, newCampaign, startTestHost } from '../functions/helpers';

const USER = 'edu-s1-liaison';
let host: Awaited<ReturnType<typeof startTestHost>>;
let pane: Awaited<ReturnType<typeof serveStatic>>;
let signin: Awaited<ReturnType<typeof serveStatic>>;
let paneDir: string;
let signinDir: string;
let browser: Browser;
let page: Page;
let cid: string;

/** The organisation's page: a token from its own /api (proxied to the functions host), posted to the opener. */
const LOGIN_HTML = `<!doctype html><meta charset="utf-8"><title>登录</title><script type="module">
const pane = new URL(document.referrer).origin; // a real page knows the pane's origin; here it is a random port
const r = await fetch('/api/dev/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ userId: new URLSearchParams(location.search).get('user') }) });
const { token } = await r.json();
setTimeout(() => { window.opener.postMessage({ type: 'taizhang-token', token }, pane); window.close(); }, 300);
</script>`;

beforeAll(async () => {
  host = await startTestHost();
  cid = await newCampaign(new Client(host.api));
  signinDir = mkdtempSync(join(tmpdir(), 'taizhang-signin-page-'));
  writeFileSync(join(signinDir, 'login.html'), LOGIN_HTML);
  signin = await serveStatic(signinDir, host.url);
  // A second origin: localhost instead of 127.0.0.1.
  const signinOrigin = signin.url.replace('127.0.0.1', 'localhost');
  const saved = { ...process.env };
  process.env.VITE_SSO_ENABLED = 'true';
  process.env.VITE_DEV_SIGNIN = 'false';
  process.env.VITE_FALLBACK_SIGNIN_URL = `${signinOrigin}/login.html?user=${USER}`;
  try {
    paneDir = await buildPane();
  } finally {
    for (const k of ['VITE_SSO_ENABLED', 'VITE_DEV_SIGNIN', 'VITE_FALLBACK_SIGNIN_URL'])
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
  }
  pane = await serveStatic(paneDir, host.url);
  browser = await launchChromium();
  page = await browser.newPage({ locale: 'zh-CN' });
  page.on('pageerror', (e) => console.error('[web error]', e));
  await page.goto(`${pane.url}/web.html?campaign=${cid}`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await pane?.close();
  await signin?.close();
  await host?.close();
  for (const d of [paneDir, signinDir]) if (d) rmSync(d, { recursive: true, force: true });
});

describe('网页版 production sign-in through the popup', () => {
  it('a blocked popup says so in Chinese and offers to reopen it from a click', async () => {
    await page.locator('[data-testid=org-sign-in]').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { realOpen: typeof window.open };
      w.realOpen = window.open;
      window.open = () => null; // as a popup blocker does
    });
    await page.click('[data-testid=org-sign-in]');
    await page.getByText('浏览器拦截了登录窗口').waitFor();
    expect((await page.locator('[data-testid=org-sign-in]').textContent())?.trim()).toBe('重新打开登录窗口');
    await page.evaluate(() => {
      window.open = (window as unknown as { realOpen: typeof window.open }).realOpen;
    });
  });

  it('has no dev picker, and signs in through the organisation page on another origin', async () => {
    await page.locator('[data-testid=org-sign-in]').waitFor();
    expect(await page.locator('[data-testid=dev-user]').count()).toBe(0);
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('[data-testid=org-sign-in]')]);
    expect(new URL(popup.url()).hostname).toBe('localhost');
    // A message from the pane's own window (wrong origin, wrong source) is not a token.
    await page.evaluate(() => window.postMessage({ type: 'taizhang-token', token: 'forged' }, '*'));
    await page.locator('[data-testid=who]').waitFor({ timeout: 30_000 });
    const saved = await page.evaluate(() => sessionStorage.getItem('taizhang.signin'));
    expect(JSON.parse(saved!)).toMatchObject({ via: 'popup' });
    expect(JSON.parse(saved!).token).not.toBe('forged');
  }, 60_000);
});
