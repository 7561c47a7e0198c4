// The 网页版 (web.html) end to end in headless Chromium against the real functions host and Azurite,
// no test double: a liaison checks a workbook with errors (the counts `taizhang validate --json`
// prints), downloads the annotated copy (read back with ExcelJS), fixes the file and submits it as a
// file; the head signs; the office accepts. The same workbook re-saved by LibreOffice reads the same,
// WPS .et and legacy .xls files are refused with how to save as .xlsx, zip bombs are refused by the
// worker's reader (the browser's inflate path) as by the CLI's, and the page makes no request
// outside its own origin under its CSP. Screenshots go to tests/artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { buildPane, launchChromium, serveStatic } from './harness';
import { buildTemplateWorkbook } from '../../shared/node/templateWorkbook';
import { fillTemplate } from '../../fixtures/sampleWorkbooks';
import { todayInChina } from '../../shared/dates';
import { OFFICE_ADMIN } from '../../fixtures/demoSeed';
import { SHEET_ROSTER, SHEET_UNIT } from '../../shared/template/definition';
import type { Issue } from '../../shared/ledger/schema';
import { Client, newCampaign, startTestHost } from '../functions/helpers';
import { makeCompoundFile, runCli, sofficeConvert, tempDir } from '../xlsx/helpers';
import { annotateWorkbook } from '../../shared/xlsx/annotate';
import { lyingZipBomb, zipBomb } from '../xlsx/bombs';

/** The annotation engine (shared/xlsx/annotate, H-core) published its signature first; run its check once it exists. */
const annotateReady = (() => {
  try {
    annotateWorkbook(new Uint8Array(0), []);
    return true;
  } catch (e) {
    return !/not implemented/.test((e as Error).message);
  }
})();

const ARTIFACTS = join(process.cwd(), 'tests', 'artifacts');
const UNIT = 'edu-s1';
const ROWS = 30;
let host: Awaited<ReturnType<typeof startTestHost>>;
let stat: Awaited<ReturnType<typeof serveStatic>>;
let dir: string;
let browser: Browser;
let page: Page;
let cid: string;
let work: string;
const outsideRequests: string[] = [];
const cspViolations: string[] = [];

/** Two bad ID check digits (and a hire date that does not exist): errors the liaison must fix. */
const broken = (i: number, v: Record<string, unknown>) =>
  i === 2 || i === 7
    ? { ...v, idNumber: String(v.idNumber).slice(0, 17) + (String(v.idNumber)[17] === '0' ? '1' : '0') }
    : i === 11
      ? { ...v, hireDate: '2023-02-30' }
      : v;

interface CliJson {
  summary: { rows: number; errors: number; warnings: number; findings: number };
  issues: Issue[];
}
function validateJson(bytes: Uint8Array, name: string): CliJson {
  const file = join(work, name);
  writeFileSync(file, bytes);
  return JSON.parse(runCli(['validate', file, '--json']).stdout) as CliJson;
}

const shot = async (name: string) => {
  await page.waitForTimeout(300); // let Fluent's animations settle (not an assertion)
  await page.screenshot({ path: join(ARTIFACTS, `web-${name}.png`), fullPage: true });
};
const text = async (testId: string) => (await page.locator(`[data-testid=${testId}]`).first().textContent())?.trim();

async function signIn(userId: string) {
  await page.locator('select[data-testid=dev-user]').waitFor();
  await page.selectOption('select[data-testid=dev-user]', userId);
  await page.click('[data-testid=sign-in]');
}
async function chooseFile(name: string, bytes: Uint8Array) {
  await page.setInputFiles('[data-testid=file-input]', { name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });
}
async function counts() {
  await page.locator('[data-testid=summary-errors]').waitFor();
  return {
    errors: Number(await text('summary-errors')),
    warnings: Number(await text('summary-warnings')),
    findings: Number(await text('summary-findings')),
  };
}

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  work = tempDir('taizhang-web-');
  host = await startTestHost();
  // The v1 path (sealed → office): the supervisor's step has its own tests (tests/functions/chain.http.test.ts).
  cid = await newCampaign(new Client(host.api), undefined, { supervisorReview: false });
  dir = await buildPane();
  stat = await serveStatic(dir, host.url);
  browser = await launchChromium();
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
  page = await ctx.newPage();
  page.on('pageerror', (e) => console.error('[web error]', e));
  page.on('console', (m) => {
    if (/Content[- ]Security[- ]Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(stat.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) outsideRequests.push(r.url());
  });
  await page.goto(`${stat.url}/web.html?campaign=${cid}`);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stat?.close();
  await host?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('网页版 (web.html, functions host + Azurite, no double)', () => {
  let template: Uint8Array;
  let withErrors: Uint8Array;
  let receiptNo: string;

  it('serves a strict CSP and never loads office.js', async () => {
    const csp = await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-eval|https?:/);
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe('undefined');
  });

  it('shows the counts taizhang validate prints for a workbook with errors', async () => {
    await signIn(`${UNIT}-liaison`);
    template = await buildTemplateWorkbook();
    withErrors = await fillTemplate(template, ROWS, broken as never, { filingDate: todayInChina() });
    const cli = validateJson(withErrors, '台账-有错误.xlsx');
    expect(cli.summary.errors).toBeGreaterThanOrEqual(2);
    await chooseFile('台账-有错误.xlsx', withErrors);
    expect(await counts()).toEqual({ errors: cli.summary.errors, warnings: cli.summary.warnings, findings: cli.summary.findings });
    // Issues grouped as in the pane, each with its cell address.
    for (const i of cli.issues.filter((x) => x.severity === 'error')) {
      await page.locator(`[data-testid=check-result] [data-rule=${i.code}] [data-cell="${i.cell}"]`).waitFor();
    }
    expect(await page.locator('[data-testid=submit]').isDisabled()).toBe(true);
    await shot('1-errors');
  });

  it.runIf(annotateReady)('downloads the annotated copy: marks and notes on exactly the problem cells, values unchanged', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-annotated]')]);
    expect(download.suggestedFilename()).toBe('台账-有错误（标注版）.xlsx');
    const annotated = new Uint8Array(readFileSync((await download.path())!));
    const cli = validateJson(withErrors, 'again.xlsx');
    const before = new ExcelJS.Workbook();
    await before.xlsx.load(Buffer.from(withErrors) as unknown as ArrayBuffer);
    const after = new ExcelJS.Workbook();
    await after.xlsx.load(Buffer.from(annotated) as unknown as ArrayBuffer);
    expect(after.getWorksheet('校验结果')).toBeTruthy();
    for (const sheet of [SHEET_UNIT, SHEET_ROSTER]) {
      const problem = new Set(cli.issues.filter((i) => i.sheet === sheet && i.cell).map((i) => i.cell!));
      const a = after.getWorksheet(sheet)!;
      const b = before.getWorksheet(sheet)!;
      const noted = new Set<string>();
      const refilled = new Set<string>();
      const rows = Math.max(a.rowCount, b.rowCount);
      const cols = Math.max(a.columnCount, b.columnCount);
      for (let r = 1; r <= rows; r++)
        for (let c = 1; c <= cols; c++) {
          const ca = a.getCell(r, c);
          const cb = b.getCell(r, c);
          expect(ca.value, `${sheet}!${ca.address}`).toEqual(cb.value);
          if (ca.note) noted.add(ca.address);
          if (JSON.stringify(ca.fill ?? null) !== JSON.stringify(cb.fill ?? null)) refilled.add(ca.address);
        }
      expect([...noted].sort(), `notes on ${sheet}`).toEqual([...problem].sort());
      expect([...refilled].sort(), `fills on ${sheet}`).toEqual([...problem].sort());
    }
  });

  it('reads the same workbook re-saved by LibreOffice the same way', async () => {
    const lo = sofficeConvert(withErrors, 'lo-input.xlsx', 'xlsx');
    const cli = validateJson(lo, '台账-LibreOffice.xlsx');
    expect(cli.summary.errors).toBeGreaterThan(0);
    await chooseFile('台账-LibreOffice.xlsx', lo);
    await page.locator('[data-testid=check-result]', { hasText: '台账-LibreOffice.xlsx' }).waitFor();
    expect(await counts()).toEqual({ errors: cli.summary.errors, warnings: cli.summary.warnings, findings: cli.summary.findings });
    await shot('2-libreoffice');
  }, 180_000);

  it('refuses a WPS .et and a legacy .xls with how to save as .xlsx', async () => {
    await chooseFile('台账.et', makeCompoundFile(['Workbook']));
    await expect.poll(() => page.locator('[data-testid=file-error]').getAttribute('data-code')).toBe('WPS_ET');
    expect(await text('file-error')).toContain('另存为');
    await chooseFile('台账.xls', sofficeConvert(withErrors, 'legacy.xlsx', 'xls'));
    await expect.poll(() => page.locator('[data-testid=file-error]').getAttribute('data-code')).toBe('LEGACY_XLS');
    expect(await text('file-error')).toContain('.xlsx');
    expect(await page.locator('[data-testid=summary-errors]').count()).toBe(0);
    await shot('3-refused');
  }, 180_000);

  it('refuses zip bombs in the worker with the codes the CLI gives', async () => {
    // 1 GB declared: refused from the zip directory. 4 MB declared, 1 GB real: inflating stops at 4 MB.
    for (const [name, bytes, code] of [
      ['bomb.xlsx', zipBomb(1024), 'WORKBOOK_TOO_LARGE'],
      ['lying.xlsx', lyingZipBomb(1024), 'CORRUPT_WORKBOOK'],
    ] as const) {
      await chooseFile(name, bytes);
      await expect.poll(() => page.locator('[data-testid=file-error]').getAttribute('data-code'), { timeout: 60_000 }).toBe(code);
      expect(await page.locator('[data-testid=summary-errors]').count()).toBe(0);
    }
  }, 180_000);

  it('submits the fixed file (raw .xlsx) and shows the receipt', async () => {
    // Filed today: the server checks as of the day it receives the file (FILING_DATE_OUT_OF_RANGE otherwise).
    const fixed = await fillTemplate(template, ROWS, undefined, { filingDate: todayInChina() });
    const cli = validateJson(fixed, '台账-已改正.xlsx');
    await chooseFile('台账-已改正.xlsx', fixed);
    await page.locator('[data-testid=check-result]', { hasText: '台账-已改正.xlsx' }).waitFor();
    expect(await counts()).toEqual({ errors: 0, warnings: cli.summary.warnings, findings: cli.summary.findings });
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/submissions'))
        keys.push(`${r.headers()['content-type']} ${r.headers()['idempotency-key']}`);
    });
    await page.click('[data-testid=submit]');
    await page.locator('[data-testid=confirm-submit]').waitFor();
    await shot('4-confirm');
    await page.click('[data-testid=confirm-submit]');
    await page.locator('[data-testid=receipt-no]').waitFor();
    receiptNo = (await text('receipt-no'))!;
    expect(receiptNo).toMatch(new RegExp(`^TZ-\\d{8}-${UNIT}-V1-[0-9a-f]{6}$`, 'i'));
    await expect.poll(() => page.locator('[data-testid=unit-status]').first().getAttribute('data-status')).toBe('submitted');
    expect(await text('receipt-version')).toBe('第 1 版');
    // The file went as the file, under the pane's key rule with the digest the server computed from it.
    const digest = (await text('receipt-digest'))!.replace(/\s/g, '');
    expect(keys).toEqual([`application/vnd.openxmlformats-officedocument.spreadsheetml.sheet tz2-${cid}-${UNIT}-v0-${digest}`]);
    await shot('5-receipt');
  });

  it('lets the head sign the submitted version, and upload the seal scan', async () => {
    await page.click('[data-testid=sign-out]');
    await signIn(`${UNIT}-head`);
    await page.locator('[data-testid=signoff-panel]').waitFor();
    await page.locator('input[data-testid=signoff-agree]').check();
    await page.click('[data-testid=signoff]');
    await expect
      .poll(() => page.locator('[data-testid=unit-status]').first().getAttribute('data-status'), { timeout: 20_000 })
      .toBe('signed');
    await shot('6-signed');
    const png = readFileSync(join(process.cwd(), 'addin', 'assets', 'icon-80.png'));
    await page.setInputFiles('[data-testid=seal-file]', { name: '盖章页.png', mimeType: 'image/png', buffer: png });
    await expect
      .poll(() => page.locator('[data-testid=unit-status]').first().getAttribute('data-status'), { timeout: 20_000 })
      .toBe('sealed');
  });

  it('lets the office accept it at the desk', async () => {
    await page.click('[data-testid=sign-out]');
    await signIn(OFFICE_ADMIN);
    const row = page.locator(`[data-testid=desk-pane] [data-unit="${UNIT}"]`);
    await row.waitFor();
    await row.click();
    await page.click('[data-testid=review-accept]');
    await expect
      .poll(() => page.locator(`[data-unit="${UNIT}"] [data-testid=unit-status]`).getAttribute('data-status'), { timeout: 20_000 })
      .toBe('accepted');
    await shot('7-accepted');
    expect(outsideRequests).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
