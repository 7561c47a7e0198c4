// The built task pane end to end in headless Chromium: the functions host (in-process) on the run's
// Azurite, and the Excel double in place of office.js. Scripted like a person: insert the template,
// type a wrong ID and fix it, paste 200 rows, submit (with a lost response and a retry), sign as the
// head, upload the seal, look at the desk. Screenshots go to tests/artifacts/.
import { startTestHost } from '../functions/helpers';
import { columnLetter } from '../../shared/a1';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { fillUnitSheet, openPane, type PaneSession } from './harness';
import { OFFICE_ADMIN, demoCampaign, demoMembers, demoUnits } from '../../fixtures/demoSeed';
import { validRosterRow, validUnitValues, type RosterValues } from '../../fixtures/sampleLedgers';
import { ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT, UNIT_FIELDS } from '../../shared/template/definition';
import { todayInChina } from '../../shared/dates';
import type { RunningHost } from '../../functions/host/server';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
const UNIT = 'edu-s1';
const campaign = `e2e-${randomUUID().slice(0, 8)}`;

let host: RunningHost;
let api: string;
let pane: PaneSession;
let page: Page;
const latencies: Record<string, number> = {};

async function token(userId: string): Promise<string> {
  const r = await fetch(`${api}/dev/token`, { method: 'POST', body: JSON.stringify({ userId }) });
  return ((await r.json()) as { token: string }).token;
}
async function asOffice(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const r = await fetch(`${api}${path}`, {
    method,
    headers: { authorization: `Bearer ${await token(OFFICE_ADMIN)}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null };
}

// Screenshots wait for Fluent's open/close animations to settle (not an assertion).
const shot = async (name: string) => {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(ARTIFACTS, `addin-${name}.png`), fullPage: true });
};

async function signIn(userId: string) {
  await page.locator('[data-testid=sign-in]').waitFor();
  await page.selectOption('select[data-testid=dev-user]', userId);
  await page.click('[data-testid=dev-sign-in]');
}
async function signOut() {
  await page.click('[data-testid=sign-out]');
}

/** Roster values in the order of the workbook's header row (read from the double). */
async function headerKeys(): Promise<(string | null)[]> {
  const headers: string[] = await page.evaluate((sheet) => {
    const d = (window as any).__excelDouble;
    const s = d.model.sheet(sheet);
    return d.model.values(s, { r0: 2, c0: 0, r1: 2, c1: 40 })[0];
  }, SHEET_ROSTER);
  return headers.map((h) => ROSTER_FIELDS.find((f) => f.header === h)?.key ?? null);
}
const cells = (keys: (string | null)[], v: RosterValues) => {
  const line = keys.map((k) => (k ? ((v as Record<string, unknown>)[k] ?? '') : ''));
  while (line.length && line[line.length - 1] === '') line.pop();
  return line;
};
const evalDouble = <T>(fn: string, ...args: unknown[]) => pane.evalDouble<T>(fn, ...args);

const fillUnit = (values: Record<string, unknown>) => fillUnitSheet(pane, values);
const markOf = (cell: string) => evalDouble<string | null>(`(d, s, c) => d.inspect.mark(s, c)`, SHEET_ROSTER, cell);

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  host = await startTestHost();
  api = `${host.url}/api`;
  expect((await asOffice('PUT', `/campaigns/${campaign}`, demoCampaign(todayInChina()))).status).toBe(200);
  expect((await asOffice('PUT', `/campaigns/${campaign}/units`, { units: demoUnits(), members: demoMembers() })).status).toBe(200);

  pane = await openPane(host.url, `?campaign=${campaign}`, { width: 360, height: 860 });
  page = pane.page;
}, 180_000);

afterAll(async () => {
  await pane?.close();
  await host?.close();
  console.log('e2e latencies (ms):', latencies);
});

describe('task pane end to end (Excel double + functions host + Azurite)', () => {
  it('offers the standard template in an empty workbook and inserts it', async () => {
    await signIn(`${UNIT}-liaison`);
    await page.locator('[data-testid=template-missing]').waitFor();
    await shot('1-empty-workbook');
    await page.getByRole('button', { name: '插入标准模板' }).click();
    await page.locator('[data-testid=severity-counts]').waitFor();
    const names = await evalDouble<string[]>(`(d) => d.inspect.sheetNames()`);
    expect(names).toEqual(expect.arrayContaining([SHEET_UNIT, SHEET_ROSTER]));
    expect(await evalDouble<string[]>(`(d) => d.inspect.names()`)).toContain('taizhang.templateVersion');
    // An empty template: the unit facts are missing (errors), submission is blocked.
    await expect.poll(() => page.locator('[data-severity=error]').first().getAttribute('data-count')).not.toBe('0');
    await page.locator('[data-rule=REQUIRED_MISSING]').waitFor();
    // The counts read as label, space, number (as rendered: innerText, not textContent).
    expect(await page.locator('[data-severity=error]').first().innerText()).toMatch(/^错误 \d+$/);
    expect(await page.locator('[data-severity=finding]').first().innerText()).toBe('问题发现 0');
  });

  it('marks a wrong ID number as the liaison types it and clears the mark when fixed', async () => {
    await fillUnit(Object.fromEntries(UNIT_FIELDS.map((f) => [f.header, validUnitValues(1, { filingDate: todayInChina() })[f.key] ?? ''])));
    const keys = await headerKeys();
    const person = validRosterRow(0);
    const good = String(person.idNumber);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    // Type the row cell by cell, the ID last and wrong.
    const line = cells(keys, { ...person, idNumber: '' } as RosterValues);
    await evalDouble(
      `(d, sheet, line) => line.forEach((v, c) => v !== '' && d.user.type(sheet, String.fromCharCode(65 + c) + '4', v))`,
      SHEET_ROSTER,
      line,
    );
    const idCol = columnLetter(keys.indexOf('idNumber'));
    const t0 = Date.now();
    await evalDouble(`(d, sheet, cell, v) => d.user.type(sheet, cell, v)`, SHEET_ROSTER, `${idCol}4`, bad);
    await page.locator('[data-rule=ID_CHECKSUM]').waitFor();
    await expect.poll(() => markOf(`${idCol}4`)).toBe('#FFC7CE');
    latencies.wrongIdMarked = Date.now() - t0;
    // The user's own formatting is untouched by the marks.
    await evalDouble(`(d, s, c) => d.user.fill(s, c, '#00B050')`, SHEET_ROSTER, `${idCol}4`);
    await shot('2-wrong-id-marked');

    // Errors are listed open; click the issue: the cell is selected in the workbook.
    const item = page.locator(`[data-rule=ID_CHECKSUM] [data-cell="${idCol}4"]`);
    await item.click();
    await expect.poll(() => evalDouble(`(d) => d.inspect.selection()`)).toEqual({ sheet: SHEET_ROSTER, address: `${idCol}4` });

    // The rule's explanation is one click away.
    await page.locator('[data-rule=ID_CHECKSUM] [data-explain=ID_CHECKSUM]').click();
    await page.getByText('身份证号码最后一位校验码与前17位不符', { exact: false }).waitFor();
    await shot('3-explain');
    await page.keyboard.press('Escape');

    const t1 = Date.now();
    await evalDouble(`(d, sheet, cell, v) => d.user.type(sheet, cell, v)`, SHEET_ROSTER, `${idCol}4`, good);
    await page.locator('[data-rule=ID_CHECKSUM]').waitFor({ state: 'detached' });
    // The error mark goes; what remains is at most the row's finding mark on that cell (blue).
    await expect.poll(() => markOf(`${idCol}4`)).not.toBe('#FFC7CE');
    latencies.fixedIdCleared = Date.now() - t1;
    expect([null, '#DDEBF7']).toContain(await markOf(`${idCol}4`));
    expect(await evalDouble(`(d, s, c) => d.inspect.ownFill(s, c)`, SHEET_ROSTER, `${idCol}4`)).toBe('#00B050');
    expect(await evalDouble(`(d) => d.inspect.enableEvents()`)).toBe(true);
  });

  it('checks a paste of 200 rows', async () => {
    const keys = await headerKeys();
    const rows = Array.from({ length: 200 }, (_, i) => cells(keys, validRosterRow(i + 1)));
    const s0 = await evalDouble<number>(`(d) => d.inspect.syncs()`);
    const t0 = Date.now();
    await evalDouble(`(d, sheet, rows) => d.user.paste(sheet, 'A5', rows)`, SHEET_ROSTER, rows);
    await expect.poll(() => page.locator('[data-testid=severity-counts] .fui-Badge').first().textContent()).toBe('201 人');
    latencies.paste200 = Date.now() - t0;
    latencies.paste200Syncs = (await evalDouble<number>(`(d) => d.inspect.syncs()`)) - s0;
    // 编外人员数 still says 1: COUNT_MISMATCH until the liaison corrects it.
    await page.locator('[data-rule=COUNT_MISMATCH]').waitFor();
    await fillUnit({ 编外人员数: 201 });
    await page.locator('[data-rule=COUNT_MISMATCH]').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-severity=error]').first().getAttribute('data-count')).toBe('0');
    await shot('4-pasted-200-rows');
  });

  it('submits once even when the first response is lost and the liaison retries', async () => {
    await page.click('[data-testid=tab-submit]');
    await page.click('[data-testid=submit]');
    await page.locator('[data-testid=submit-confirm]').waitFor();
    await shot('5-confirm');
    // The request reaches the server, but the answer never reaches the pane.
    let lost = 0;
    await page.route('**/api/campaigns/*/units/*/submissions', async (route) => {
      if (lost === 0) {
        lost++;
        await route.fetch();
        await route.abort('failed');
      } else await route.continue();
    });
    await page.click('[data-testid=submit-confirm]');
    await page.locator('[data-testid=submit-failed]').waitFor();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await shot('6-network-failure');
    await page.click('[data-testid=submit-retry]');
    await page.locator('[data-testid=receipt]').waitFor();
    await shot('7-receipt');
    expect(lost).toBe(1);
    const receiptNo = (await page.locator('[data-testid=receipt-no]').textContent())!.trim();
    expect(await page.locator('[data-testid=receipt-version]').textContent()).toBe('第 1 版');

    const unit = await asOffice('GET', `/campaigns/${campaign}/units/${UNIT}`);
    expect(unit.status).toBe(200);
    expect(unit.body.latest.version).toBe(1);
    expect(unit.body.latest.receiptNo).toBe(receiptNo);
    expect(unit.body.latest.summary.rows).toBe(201);
    expect((await asOffice('GET', `/campaigns/${campaign}/units/${UNIT}/submissions/2`)).status).toBe(404);
    const digest = (await page.locator('[data-testid=receipt-digest]').textContent())!.replace(/\s/g, '');
    expect(digest).toBe(unit.body.latest.digest);
  });

  it('lets the head review and sign the submitted version, then the seal scan is uploaded', async () => {
    await signOut();
    await signIn(`${UNIT}-head`);
    await page.locator('[data-testid=signoff-panel]').waitFor();
    expect(await page.locator('[data-testid=signoff-rows]').textContent()).toBe('201 人');
    await expect.poll(() => page.locator('[data-testid=unit-status]').getAttribute('data-status')).toBe('submitted');
    await shot('8-head-review');
    await page.locator('input[data-testid=signoff-agree]').check();
    await page.click('[data-testid=signoff]');
    await expect.poll(() => page.locator('[data-testid=unit-status]').getAttribute('data-status')).toBe('signed');
    await page.locator('[data-testid=signed]').waitFor();
    const unit = await asOffice('GET', `/campaigns/${campaign}/units/${UNIT}`);
    expect(unit.body.status).toBe('signed');
    expect(unit.body.latest.signOff.digest).toBe(unit.body.latest.digest);
    await shot('9-head-signed');

    const png = readFileSync(join(process.cwd(), 'addin', 'assets', 'icon-80.png'));
    await page.setInputFiles('[data-testid=seal-file]', { name: '盖章页.png', mimeType: 'image/png', buffer: png });
    await expect.poll(() => page.locator('[data-testid=unit-status]').getAttribute('data-status')).toBe('sealed');
    const sealed = await asOffice('GET', `/campaigns/${campaign}/units/${UNIT}`);
    expect(sealed.body.latest.seal.bytes).toBe(png.length);
    await shot('10-sealed');
  });

  it('tells a liaison on an Excel too old for live checking to use 网页版', async () => {
    await signOut();
    await evalDouble(`(d) => { d.model.apiVersion = '1.1'; }`);
    await signIn(`${UNIT}-liaison`);
    await page.locator('[data-testid=excel-too-old]').waitFor();
    expect(await page.locator('[data-testid=open-web]').getAttribute('href')).toMatch(/web\.html$/);
    await shot('12-excel-too-old');
    await evalDouble(`(d) => { d.model.apiVersion = '1.17'; }`);
  });

  it('shows office staff the progress table', async () => {
    await signOut();
    await signIn(OFFICE_ADMIN);
    await page.locator(`[data-testid=desk-pane] [data-unit="${UNIT}"]`).waitFor();
    expect(await page.locator(`[data-unit="${UNIT}"] [data-testid=unit-status]`).getAttribute('data-status')).toBe('sealed');
    await shot('11-desk');
  });
});
