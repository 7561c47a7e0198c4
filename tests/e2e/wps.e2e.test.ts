// The built pane inside "WPS 表格": wps.html in headless Chromium with the WPS (ET) double as
// window.Application, the functions host (in-process) on the run's Azurite. A liaison signs in, the
// ledger is checked, a wrong ID typed into the sheet is marked and listed, fixing it clears both.
import { startTestHost } from '../functions/helpers';
import { columnLetter } from '../../shared/a1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { buildPane, launchChromium, serveStatic } from './harness';
import { bundleWpsDouble } from './wps-double/bundle';
import { OFFICE_ADMIN, demoCampaign, demoMembers, demoUnits } from '../../fixtures/demoSeed';
import { makeSheets, rowNumberOf } from '../../fixtures/sampleLedgers';
import { ROSTER_FIELDS, SHEET_GUIDE, SHEET_ROSTER, TEMPLATE_VERSION, TEMPLATE_VERSION_NAME } from '../../shared/template/definition';
import { todayInChina } from '../../shared/dates';
import type { RunningHost } from '../../functions/host/server';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
const campaign = `wps-${randomUUID().slice(0, 8)}`;
const ID_COL = columnLetter(ROSTER_FIELDS.findIndex((f) => f.key === 'idNumber'));

let host: RunningHost;
let dir: string;
let site: Awaited<ReturnType<typeof serveStatic>>;
let browser: Browser;
let page: Page;

const wps = <T>(fn: string, ...args: unknown[]) =>
  page.evaluate(([f, a]) => new Function('d', 'args', `return (${f})(d, ...args)`)((window as any).__wpsDouble, a), [
    fn,
    args,
  ] as const) as Promise<T>;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  host = await startTestHost();
  const admin = await (await fetch(`${host.url}/api/dev/token`, { method: 'POST', body: JSON.stringify({ userId: OFFICE_ADMIN }) })).json();
  const put = (path: string, body: unknown) =>
    fetch(`${host.url}/api${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  expect((await put(`/campaigns/${campaign}`, demoCampaign(todayInChina()))).status).toBe(200);
  expect((await put(`/campaigns/${campaign}/units`, { units: demoUnits(), members: demoMembers() })).status).toBe(200);
  const [built, doubleJs] = await Promise.all([buildPane(), bundleWpsDouble()]);
  dir = built;
  site = await serveStatic(dir, host.url);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 360, height: 860 }, locale: 'zh-CN' });
  page.on('pageerror', (e) => console.error('[wps pane error]', e));
  await page.addInitScript({ content: doubleJs });
  await page.goto(`${site.url}/wps.html?campaign=${campaign}`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
  await host?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the pane in WPS 表格 (WPS double + functions host + Azurite)', () => {
  it('checks the open ledger, marks a wrong ID typed into the sheet and clears it when fixed', async () => {
    await wps(
      `(d, sheets, names) => d.seed(sheets, names)`,
      { ...makeSheets(5), [SHEET_GUIDE]: [['填表说明'], ['模板版本', TEMPLATE_VERSION]] },
      { [TEMPLATE_VERSION_NAME]: `'${SHEET_GUIDE}'!$B$2` },
    );
    await page.locator('[data-testid=sign-in]').waitFor();
    await page.selectOption('select[data-testid=dev-user]', 'edu-s1-liaison');
    await page.click('[data-testid=dev-sign-in]');
    await page.locator('[data-testid=severity-counts]').waitFor();
    expect(await page.locator('[data-testid=severity-counts] .fui-Badge').first().textContent()).toBe('5 人');

    const cell = `${ID_COL}${rowNumberOf(2)}`;
    const good = await wps<string>(`(d, s, c) => String(d.inspect.value(s, c))`, SHEET_ROSTER, cell);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    await wps(`(d, s, c, v) => d.user.type(s, c, v)`, SHEET_ROSTER, cell, bad);
    await page.locator('[data-rule=ID_CHECKSUM]').waitFor();
    await expect.poll(() => wps(`(d, s, c) => d.inspect.mark(s, c)`, SHEET_ROSTER, cell)).toBe('#FFC7CE');
    await page.screenshot({ path: join(ARTIFACTS, 'wps-1-wrong-id-marked.png'), fullPage: true });

    // A click on the issue selects the cell in the sheet.
    await page.locator(`[data-rule=ID_CHECKSUM] [data-cell="${cell}"]`).click();
    await expect.poll(() => wps(`(d) => d.inspect.selection()`)).toEqual({ sheet: SHEET_ROSTER, address: cell });

    await wps(`(d, s, c, v) => d.user.type(s, c, v)`, SHEET_ROSTER, cell, good);
    await page.locator('[data-rule=ID_CHECKSUM]').waitFor({ state: 'detached' });
    await expect.poll(() => wps(`(d, s, c) => d.inspect.mark(s, c)`, SHEET_ROSTER, cell)).not.toBe('#FFC7CE');
    expect(await wps(`(d) => d.inspect.enableEvents()`)).toBe(true);
  });

  it('offers the template as a download, since WPS cannot insert sheets from the pane', async () => {
    await page.reload(); // a fresh WPS window: the init script installs an empty workbook
    await page.locator('[data-testid=template-missing]').waitFor();
    await page.getByRole('button', { name: '插入标准模板' }).click();
    await page.locator('[data-testid=template-download]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'wps-2-template-download.png'), fullPage: true });
  });
});
