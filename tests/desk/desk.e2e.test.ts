// The desk in the built task pane, end to end in headless Chromium: the functions host on the run's
// Azurite, the Excel double in place of office.js. Office staff filter the progress table, look at a
// unit's version diff and return it with a reason, then pull the aggregated workbook into the current
// workbook with its native charts. Screenshots go to tests/artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPane, type PaneSession } from '../e2e/harness';
import { OFFICE_ADMIN, unitLedger } from '../../fixtures/demoSeed';
import type { Ledger } from '../../shared/ledger/schema';
import { SHEETS } from '../../shared/desk/sheets';
import { CHART_SHEET } from '../../addin/src/excel/desk';
import { Client, JPEG, key, newCampaign, startTestHost } from '../functions/helpers';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
let pane: PaneSession;
let page: Page;

async function submit(unitId: string, ledger: Ledger) {
  const r = await c.req('POST', `/campaigns/${cid}/units/${unitId}/submissions`, {
    as: `${unitId}-liaison`,
    json: { ledger },
    headers: { 'Idempotency-Key': key() },
  });
  expect(r.status).toBe(201);
}

const evalDouble = <T>(fn: string, ...args: unknown[]) => pane.evalDouble<T>(fn, ...args);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  host = await startTestHost();
  c = new Client(host.api);
  cid = await newCampaign(c);
  const v1 = unitLedger(1, 12, '示范县第一中学');
  await submit('edu-s1', v1);
  const v2: Ledger = structuredClone(v1);
  v2.roster!.rows[0].values.postName = '后勤服务';
  await submit('edu-s1', v2);
  await submit('health-h1', unitLedger(2, 8, '示范县人民医院'));
  pane = await openPane(host.url, `?campaign=${cid}`, { width: 380, height: 900 });
  page = pane.page;
}, 180_000);

afterAll(async () => {
  await pane?.close();
  await host?.close();
});

describe('desk in the task pane (Excel double + functions host + Azurite)', () => {
  it('filters, shows the version diff, returns a ledger with a reason, and pulls the aggregated workbook with charts', async () => {
    await page.locator('[data-testid=sign-in]').waitFor();
    await page.selectOption('select[data-testid=dev-user]', OFFICE_ADMIN);
    await page.click('[data-testid=dev-sign-in]');
    await page.locator('[data-testid=desk-pane] [data-unit="edu-s1"]').waitFor();
    // Seven columns and a long status (已提交待签字) still leave each unit name a few characters a line.
    const nameWidths = await page
      .locator('[data-testid=desk-pane] [data-unit] > :first-child')
      .evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().width));
    expect(Math.min(...nameWidths)).toBeGreaterThanOrEqual(64);

    await page.click('[data-filter=notReported]');
    await expect.poll(() => page.locator('[data-testid=desk-pane] [data-unit]').count()).toBe(12); // nobody has sealed yet
    await page.click('[data-filter=unsigned]');
    await expect.poll(() => page.locator('[data-testid=desk-pane] [data-unit]').count()).toBe(2);

    await page.click('[data-unit="edu-s1"]');
    await page.locator('[data-testid=unit-diff]').waitFor();
    expect(await page.locator('[data-testid=unit-diff]').innerText()).toContain('岗位名称');
    await page.getByRole('textbox', { name: '审核意见' }).fill('第1行岗位名称请与合同一致');
    await page.click('[data-testid=review-return]');
    await expect
      .poll(async () => (await c.req('GET', `/campaigns/${cid}/units/edu-s1`, { as: OFFICE_ADMIN })).body.status)
      .toBe('returned');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(ARTIFACTS, 'desk-1-review.png'), fullPage: true });

    await page.click('[data-testid=pull-aggregate]');
    await page.locator('[data-testid=desk-note]').waitFor();
    expect(await page.locator('[data-testid=desk-note]').innerText()).toContain('已插入汇总工作簿');
    const names = await evalDouble<string[]>(`(d) => d.inspect.sheetNames()`);
    expect(names).toEqual(expect.arrayContaining([...Object.values(SHEETS), CHART_SHEET]));
    expect(await evalDouble<string>(`(d, s) => d.inspect.value(s, 'A1')`, SHEETS.summary)).toBe('单位编号');
    const charts = await evalDouble<{ type: string; title: string; position: string }[]>(`(d, s) => d.model.sheet(s).charts`, CHART_SHEET);
    expect(charts.map((x) => x.type)).toEqual(['Pie', 'BarClustered', 'ColumnClustered']);
    expect(charts.map((x) => x.title)).toEqual(['各单位报送状态', '问题发现（按规则）', '编外人员（按用工形式）']);
    // the 用工形式 table sums to the persons reported (12 + 8)
    const forms = await evalDouble<unknown[][]>(`(d, s) => d.model.values(d.model.sheet(s), { r0: 1, c0: 6, r1: 8, c1: 7 })`, CHART_SHEET);
    expect(forms.reduce((n, r) => n + Number(r[1]), 0)).toBe(20);
    await page.screenshot({ path: join(ARTIFACTS, 'desk-2-aggregate.png'), fullPage: true });
  });

  it('marks 需人工核对 on a unit whose seal scan carries no readable QR code, and filters those units', async () => {
    const latest = (await c.req('GET', `/campaigns/${cid}/units/health-h1`, { as: OFFICE_ADMIN })).body.latest;
    const path = `/campaigns/${cid}/units/health-h1/submissions/${latest.version}`;
    expect((await c.req('POST', `${path}/signoff`, { as: 'health-h1-head', json: { digest: latest.digest } })).status).toBe(200);
    // A photo without the sign-off page's QR code: accepted, for the office to compare by hand.
    const sealed = await c.req('PUT', `${path}/seal`, { as: 'health-h1-liaison', body: JPEG, headers: { 'content-type': 'image/jpeg' } });
    expect(sealed.status, sealed.text).toBe(200);
    expect(sealed.body.seal.qr).toBe('not_found');

    await page.click('[data-filter=all]');
    await page.getByRole('button', { name: '刷新' }).click();
    const mark = page.locator('[data-testid=desk-pane] [data-unit="health-h1"] [data-testid=seal-manual-check]');
    await mark.waitFor();
    expect(await mark.innerText()).toBe('需人工核对');
    expect(await page.locator('[data-testid=desk-pane] [data-testid=seal-manual-check]').count()).toBe(1);
    await page.click('[data-filter=sealCheck]');
    await expect.poll(() => page.locator('[data-testid=desk-pane] [data-unit]').count()).toBe(1);
    expect(await page.locator('[data-testid=desk-pane] [data-unit]').getAttribute('data-unit')).toBe('health-h1');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-3-seal-check.png'), fullPage: true });
  });
});
