// Review notes pinned to cells, end to end in the built task pane (headless Chromium, the Excel double,
// the functions host on the run's Azurite): the supervising department opens the sealed ledger in its
// desk, clicks a person, writes a note on a column and returns the ledger; the liaison's pane shows the
// note in its list and marks that cell (审核意见, purple); after the liaison edits the person's row the
// note shows 已修改. Screenshots go to tests/artifacts/.
import { todayInChina } from '../../shared/dates';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPane, type PaneSession } from './harness';
import { makeLedger, makeSheets, rowNumberOf } from '../../fixtures/sampleLedgers';
import { ROSTER_FIELDS, SHEET_GUIDE, SHEET_ROSTER, TEMPLATE_VERSION, TEMPLATE_VERSION_NAME } from '../../shared/template/definition';
import { columnLetter } from '../../shared/a1';
import { NOTE_STYLE } from '../../addin/src/excel/noteMarks';
import { Client, key, newCampaign, PDF, startTestHost } from '../functions/helpers';

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
const UNIT = 'edu-s2';
const N = 6;
let host: Awaited<ReturnType<typeof startTestHost>>;
let c: Client;
let cid: string;
let pane: PaneSession;
let page: Page;

const postCol = columnLetter(ROSTER_FIELDS.findIndex((f) => f.key === 'postName'));
const shot = async (name: string) => {
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(ARTIFACTS, `notes-${name}.png`), fullPage: true });
};

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  host = await startTestHost();
  c = new Client(host.api);
  cid = await newCampaign(c);
  // Filed today: the server checks as of the day it receives the ledger.
  const ledger = makeLedger(N, { filingDate: todayInChina() });
  const s = await c.req('POST', `/campaigns/${cid}/units/${UNIT}/submissions`, {
    as: `${UNIT}-liaison`,
    json: { ledger },
    headers: { 'Idempotency-Key': key() },
  });
  expect(s.status, s.text).toBe(201);
  expect(
    (await c.req('POST', `/campaigns/${cid}/units/${UNIT}/submissions/1/signoff`, { as: `${UNIT}-head`, json: { digest: s.body.digest } }))
      .status,
  ).toBe(200);
  expect(
    (
      await c.req('PUT', `/campaigns/${cid}/units/${UNIT}/submissions/1/seal`, {
        as: `${UNIT}-head`,
        body: PDF,
        headers: { 'content-type': 'application/pdf' },
      })
    ).status,
  ).toBe(200);
  pane = await openPane(host.url, `?campaign=${cid}`, { width: 380, height: 900 });
  page = pane.page;
  // The liaison's workbook holds the very ledger it submitted.
  await pane.evalDouble(
    `(d, sheets, names) => d.seed(sheets, names)`,
    { ...makeSheets(N), [SHEET_GUIDE]: [['填表说明'], ['模板版本', TEMPLATE_VERSION]] },
    { [TEMPLATE_VERSION_NAME]: `'${SHEET_GUIDE}'!$B$2` },
  );
}, 180_000);

afterAll(async () => {
  await pane?.close();
  await host?.close();
});

describe('review notes from the supervisor to the liaison', () => {
  it('the supervisor pins a note to a person’s cell and returns; the liaison sees it marked, then fixed', async () => {
    await page.locator('[data-testid=sign-in]').waitFor();
    await page.selectOption('select[data-testid=dev-user]', 'edu-supervisor');
    await page.click('[data-testid=dev-sign-in]');
    await page.click(`[data-testid=desk-pane] [data-unit="${UNIT}"]`);
    await page.locator('[data-testid=review-endorse]').waitFor();
    expect(await page.locator('[data-testid=review-accept]').count()).toBe(0); // the office accepts, later
    await page.click(`[data-testid=review-persons] [data-row="${rowNumberOf(1)}"]`);
    await page.getByRole('combobox', { name: '列' }).click();
    await page.getByRole('option', { name: '岗位名称' }).click();
    await page.fill('[data-testid=note-text]', '岗位名称与劳动合同不一致');
    await page.click('[data-testid=note-add]');
    await page.getByRole('textbox', { name: '审核意见' }).fill('请按标注修改');
    await shot('1-supervisor');
    await page.click('[data-testid=review-return]');
    await expect
      .poll(async () => (await c.req('GET', `/campaigns/${cid}/units/${UNIT}`, { as: `${UNIT}-liaison` })).body.status)
      .toBe('returned');
    const view = (await c.req('GET', `/campaigns/${cid}/units/${UNIT}`, { as: `${UNIT}-liaison` })).body;
    expect(view.returnNotes).toEqual([
      expect.objectContaining({ sheet: SHEET_ROSTER, row: rowNumberOf(1), column: '岗位名称', text: '岗位名称与劳动合同不一致' }),
    ]);

    await page.click('[data-testid=sign-out]');
    await page.selectOption('select[data-testid=dev-user]', `${UNIT}-liaison`);
    await page.click('[data-testid=dev-sign-in]');
    const cell = `${postCol}${rowNumberOf(1)}`;
    const note = page.locator('[data-testid=review-note]');
    await note.first().waitFor();
    expect(await note.count()).toBe(1);
    expect(await note.first().getAttribute('data-cell')).toBe(cell);
    expect(await note.first().getAttribute('data-state')).toBe('unchanged');
    expect(await page.locator('[data-testid=review-notes]').innerText()).toContain('岗位名称与劳动合同不一致');
    await expect.poll(() => pane.evalDouble<string | null>(`(d, s, c) => d.inspect.mark(s, c)`, SHEET_ROSTER, cell)).toBe(NOTE_STYLE.fill);
    // Other cells of that row carry no note mark.
    expect(await pane.evalDouble<string | null>(`(d, s, c) => d.inspect.mark(s, c)`, SHEET_ROSTER, `A${rowNumberOf(1)}`)).not.toBe(
      NOTE_STYLE.fill,
    );
    await shot('2-liaison-marked');

    await note.first().click();
    await expect.poll(() => pane.evalDouble<string | undefined>(`(d) => d.inspect.selection()?.address`)).toContain(cell);
    await pane.evalDouble(`(d, s, c) => d.user.type(s, c, '综合服务')`, SHEET_ROSTER, cell);
    await expect.poll(() => note.first().getAttribute('data-state')).toBe('changed');
    await shot('3-liaison-fixed');
  });
});
