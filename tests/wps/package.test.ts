// The WPS add-in package (npm run build:wps without the pane build): the add-in root WPS loads, the
// ribbon callbacks run against a fake WPS Application, the publish.html install page driven in
// Chromium against a fake WPS relay (127.0.0.1:58890), and jsplugins.xml for managed installs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { XMLParser } from 'fast-xml-parser';
import type { Browser } from 'playwright-core';
import { ADDIN_NAME, normaliseBaseUrl, packageWps } from '../../scripts/buildWps';
import { launchChromium } from '../e2e/harness';

const BASE = 'https://tz.example.gov.cn/taizhang/';
let out: string;
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'taizhang-wps-'));
  packageWps({ baseUrl: BASE, outDir: out, version: '1.2.3', campaign: 'county-2026' });
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the add-in root', () => {
  it('holds ribbon.xml, index.html, main.js, manifest.xml and the button image', () => {
    for (const f of ['ribbon.xml', 'index.html', 'main.js', 'manifest.xml', 'images/taizhang.png'])
      expect(existsSync(join(out, 'site', 'wps', f)), f).toBe(true);
  });

  it('ribbon.xml starts with <customUI (WPS rejects a declaration first) and names callbacks main.js defines', () => {
    const text = readFileSync(join(out, 'site', 'wps', 'ribbon.xml'), 'utf8');
    expect(text.startsWith('<customUI')).toBe(true);
    const ui = xml.parse(text).customUI;
    expect(ui['@onLoad']).toBe('OnAddinLoad');
    const button = ui.ribbon.tabs.tab.group.button;
    expect(button['@id']).toBe('taizhangOpenPane');
    expect(button['@label']).toBe('台账校验与报送');
    const main = readFileSync(join(out, 'site', 'wps', 'main.js'), 'utf8');
    for (const fn of [ui['@onLoad'], button['@onAction'], button['@getImage'], button['@getEnabled']])
      expect(main).toMatch(new RegExp(`function ${fn}\\(`));
    // Some WPS builds drop a ribbon whose callbacks are async.
    expect(main).not.toMatch(/async\s+function|=>\s*\{/);
  });

  it('main.js carries the pane URL of this deployment', () => {
    const main = readFileSync(join(out, 'site', 'wps', 'main.js'), 'utf8');
    expect(main).toContain(`"${BASE}wps.html?campaign=county-2026"`);
    expect(main).not.toContain('"__TAIZHANG_PANE_URL__"');
  });
});

/** Runs main.js as WPS does (a classic script) with this `window`; returns what it exports for tests. */
function loadMain(path: string, window: unknown): any {
  const module = { exports: {} as Record<string, unknown> };
  runInNewContext(readFileSync(path, 'utf8'), { window, module });
  return module.exports;
}

/** A fake WPS Application for the ribbon callbacks: task panes and PluginStorage. */
function fakeWps() {
  const panes: { ID: string; url: string; Visible: boolean; DockPosition?: number }[] = [];
  const storage = new Map<string, unknown>();
  return {
    panes,
    Application: {
      PluginStorage: { getItem: (k: string) => storage.get(k), setItem: (k: string, v: unknown) => storage.set(k, v) },
      CreateTaskPane(url: string) {
        const p = { ID: `tp${panes.length + 1}`, url, Visible: false };
        panes.push(p);
        return p;
      },
      GetTaskPane(id: string) {
        const p = panes.find((x) => x.ID === id);
        if (!p) throw new Error('no pane');
        return p;
      },
    } as Record<string, unknown>,
  };
}

describe('ribbon callbacks (main.js) in a fake WPS', () => {
  it('the button opens the pane on the right, then shows and hides it', () => {
    const wps = fakeWps();
    const main = loadMain(join(out, 'site', 'wps', 'main.js'), {
      Application: wps.Application,
      location: { href: `${BASE}wps/index.html` },
    });
    expect(main.OnAddinLoad({ ribbon: true })).toBe(true);
    expect(main.GetImage()).toBe('images/taizhang.png');
    main.OnAction({ Id: 'taizhangOpenPane' });
    expect(wps.panes).toEqual([{ ID: 'tp1', url: `${BASE}wps.html?campaign=county-2026`, Visible: true, DockPosition: 2 }]);
    main.OnAction({ Id: 'taizhangOpenPane' });
    expect(wps.panes[0].Visible).toBe(false);
    main.OnAction({ Id: 'taizhangOpenPane' });
    expect(wps.panes).toHaveLength(1);
    expect(wps.panes[0].Visible).toBe(true);
    main.OnAction({ Id: 'somethingElse' });
    expect(wps.panes).toHaveLength(1);
  });

  it('without a built URL the pane is wps.html one folder up from the add-in', () => {
    const wps = fakeWps();
    const main = loadMain(join(process.cwd(), 'wps', 'main.js'), {
      Application: wps.Application,
      location: { href: 'http://10.1.2.3/tz/wps/index.html?x=1' },
    });
    expect(main.taizhangPaneUrl()).toBe('http://10.1.2.3/tz/wps/../wps.html');
  });
});

describe('jsplugins.xml and oem.ini (managed installs)', () => {
  it('lists the add-in online for ET at its URL, and oem.ini points WPS at the list', () => {
    const list = xml.parse(readFileSync(join(out, 'jsplugins', 'jsplugins.xml'), 'utf8')).jsplugins.jspluginonline;
    expect(list).toEqual({ '@name': ADDIN_NAME, '@type': 'et', '@url': `${BASE}wps/` });
    expect(readFileSync(join(out, 'site', 'jsplugins.xml'), 'utf8')).toBe(readFileSync(join(out, 'jsplugins', 'jsplugins.xml'), 'utf8'));
    const ini = readFileSync(join(out, 'jsplugins', 'oem.ini.example'), 'utf8');
    expect(ini).toContain('JsApiPlugin=true');
    expect(ini).toContain(`JSPluginsServer=${BASE}jsplugins.xml`);
  });

  it('refuses a base URL that is not an absolute http(s) address, and escapes what it writes', () => {
    expect(() => normaliseBaseUrl('intranet/taizhang')).toThrow(/不是有效的网址/);
    expect(() => normaliseBaseUrl('file:///c:/taizhang/')).toThrow(/http\(s\)/);
    expect(() => normaliseBaseUrl('https://a.example/tz/?x=1')).toThrow(/查询参数/);
    expect(normaliseBaseUrl('https://a.example/tz')).toBe('https://a.example/tz/');
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-wps-'));
    try {
      const pkg = packageWps({ baseUrl: 'https://a.example/t"z</script>&/', outDir: dir, version: '1' });
      const js = readFileSync(join(dir, 'jsplugins', 'jsplugins.xml'), 'utf8');
      expect(xml.parse(js).jsplugins.jspluginonline['@url']).toBe(pkg.addinUrl);
      expect(readFileSync(join(dir, 'publish', 'publish.html'), 'utf8')).not.toContain('</script>&/');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('publish.html against a fake WPS relay (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => browser?.close());

  const decode = (b64: string) => JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));

  async function openPublish(relayUp: boolean, installed: boolean) {
    const page = await browser.newPage({ locale: 'zh-CN' });
    const calls: { path: string; body: string }[] = [];
    await page.route('http://127.0.0.1:58890/**', async (route) => {
      const path = new URL(route.request().url()).pathname;
      calls.push({ path, body: route.request().postData() ?? '' });
      if (!relayUp) return route.abort('connectionrefused');
      if (path === '/version') return route.fulfill({ body: '1.0.2', headers: { 'access-control-allow-origin': '*' } });
      if (path === '/publishlist')
        return route.fulfill({
          body: JSON.stringify(installed ? [{ name: ADDIN_NAME, enable: 'true' }] : []),
          headers: { 'access-control-allow-origin': '*' },
        });
      if (path === '/redirect/runParams')
        return route.fulfill({ body: '<customUI xmlns="…">', headers: { 'access-control-allow-origin': '*' } });
      if (path === '/deployaddons/runParams') return route.fulfill({ body: 'OK', headers: { 'access-control-allow-origin': '*' } });
      return route.fulfill({ status: 404, body: '' });
    });
    // The page may try to start the relay through WPS's protocol; the test browser has no handler.
    await page.route('ksowpscloudsvr://**', (r) => r.abort());
    await page.goto(`file://${join(out, 'publish', 'publish.html')}`);
    return { page, calls };
  }

  it('checks ribbon.xml through the relay, installs with the command WPS expects, then offers removal', async () => {
    const { page, calls } = await openPublish(true, false);
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toBe('正常');
    const check = calls.find((c) => c.path === '/redirect/runParams')!;
    expect(decode(check.body)).toEqual({ method: 'get', url: `${BASE}wps/ribbon.xml`, data: '' });
    expect(await page.locator('[data-testid=action]').textContent()).toBe('安装');
    await page.click('[data-testid=action]');
    await expect.poll(() => page.locator('[data-testid=action]').textContent()).toBe('卸载');
    const deploy = calls.find((c) => c.path === '/deployaddons/runParams')!;
    expect(decode(deploy.body)).toEqual({
      cmd: 'enable',
      name: ADDIN_NAME,
      url: `${BASE}wps/`,
      addonType: 'et',
      online: 'true',
      version: '1.2.3',
      customDomain: '',
    });
    expect(await page.locator('[data-testid=note]').textContent()).toContain('信任并安装');
    await page.close();
  }, 60_000);

  it('an installed add-in is offered for removal; removing sends disable', async () => {
    const { page, calls } = await openPublish(true, true);
    await expect.poll(() => page.locator('[data-testid=action]').textContent()).toBe('卸载');
    await page.click('[data-testid=action]');
    await expect.poll(() => calls.filter((c) => c.path === '/deployaddons/runParams').length).toBe(1);
    expect(decode(calls.find((c) => c.path === '/deployaddons/runParams')!.body).cmd).toBe('disable');
    await page.close();
  }, 60_000);

  it('says WPS is not running when nothing answers on the relay port', async () => {
    const { page } = await openPublish(false, false);
    await expect.poll(() => page.locator('[data-testid=status]').textContent(), { timeout: 15_000 }).toBe('未连接');
    expect(await page.locator('[data-testid=note]').textContent()).toContain('未检测到 WPS Office');
    await page.close();
  }, 60_000);
});
