// The taizhang command as users and scripts meet it: a real subprocess (`node bin/taizhang.mjs …`).
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION } from '../../shared/template/definition';
import { TEMPLATE_FILE_NAME } from '../../shared/node/templateWorkbook';
import { WORKBOOK_READ_ERROR_MESSAGES, type WorkbookReadErrorCode } from '../../shared/xlsx/read';
import { readWorkbook } from '../../shared/xlsx/read';
import { fillTemplate, ledgerWorkbook } from '../../fixtures/sampleWorkbooks';
import { makeCompoundFile, ROOT, runCli, sofficeConvert, tempDir } from '../xlsx/helpers';

const dir = tempDir('taizhang-cli-');
const file = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const json = (stdout: string) =>
  JSON.parse(stdout) as {
    ok: boolean;
    summary: { rows: number; errors: number; warnings: number; findings: number };
    issues: {
      sheet: string | null;
      row: number | null;
      column: string | null;
      cell: string | null;
      code: string;
      severity: string;
      message: string;
    }[];
  };
const noStack = (s: string) => expect(s).not.toMatch(/\n\s+at .+[:(]\d+/);

/** Exit 2 with --json (nothing checked): the contract's keys (summary null: nothing was read, issues empty) plus the error. */
function expectExit2Json(stdout: string, code: string, message: string) {
  expect(stdout.trim().split('\n')).toHaveLength(1);
  const out = JSON.parse(stdout);
  expect(Object.keys(out)).toEqual(['ok', 'summary', 'issues', 'error']);
  expect(out).toEqual({ ok: false, summary: null, issues: [], error: { code, message: expect.stringContaining(message) } });
}

/** A ledger with known errors: a wrong ID check character (row 4), a gender mismatch (row 6), a bad enum (row 7). */
async function ledgerWithErrors(): Promise<Uint8Array> {
  return ledgerWorkbook(12, {
    patch: (i, v) => {
      if (i === 0) {
        const id = String(v.idNumber);
        const last = id[17] === '0' ? '1' : '0';
        return { ...v, idNumber: id.slice(0, 17) + last };
      }
      if (i === 2) return { ...v, gender: v.gender === '男' ? '女' : '男' };
      if (i === 3) return { ...v, education: '本科' };
      return v;
    },
  });
}

// Each case spawns several processes: generous time on a busy machine (not a timing assertion).
describe('taizhang (CLI)', { timeout: 120_000 }, () => {
  let filledPath = '';
  let errorsPath = '';
  beforeAll(async () => {
    const tpl = runCli(['template', '--out', join(dir, 'tpl.xlsx')]);
    expect(tpl.status).toBe(0);
    filledPath = file('filled.xlsx', await fillTemplate(new Uint8Array(readFileSync(join(dir, 'tpl.xlsx'))), 40));
    errorsPath = file('errors.xlsx', await ledgerWithErrors());
  });

  it('--help prints the usage in Chinese', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('用法');
    expect(r.stdout).toContain('taizhang validate');
    expect(r.stdout).toContain('--as-of');
  });

  it('usage errors exit 2 with a Chinese message and no stack trace', () => {
    for (const args of [
      [],
      ['frobnicate'],
      ['validate'],
      ['validate', 'a.xlsx', 'b.xlsx'],
      ['validate', '--nope', 'a.xlsx'],
      ['template', '--out'],
    ]) {
      const r = runCli(args, { cwd: dir });
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(/[\u4e00-\u9fff]/);
      noStack(r.stderr);
    }
  });

  it('template writes the workbook (default name in the working directory) and prints its path', () => {
    const cwd = join(dir, 'tpl-default');
    mkdirSync(cwd);
    const r = runCli(['template'], { cwd });
    expect(r.status).toBe(0);
    const path = join(cwd, TEMPLATE_FILE_NAME);
    expect(r.stdout.trim()).toBe(path);
    const wb = readWorkbook(new Uint8Array(readFileSync(path)));
    expect(wb.sheetNames).toEqual(expect.arrayContaining([SHEET_UNIT, SHEET_ROSTER]));
    expect(wb.templateVersion).toBe(TEMPLATE_VERSION);
    // A second run must not overwrite what may be a filled ledger…
    const again = runCli(['template'], { cwd });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    // …unless asked to.
    expect(runCli(['template', '--force'], { cwd }).status).toBe(0);
    // An explicit --out is the user's choice of target and is written over.
    const explicit = join(cwd, 'explicit.xlsx');
    writeFileSync(explicit, 'old content');
    expect(runCli(['template', '--out', explicit], { cwd }).status).toBe(0);
    expect(readWorkbook(new Uint8Array(readFileSync(explicit))).templateVersion).toBe(TEMPLATE_VERSION);
  });

  it('a correctly filled template: exit 0, ok, findings reported but not blocking', () => {
    const r = runCli(['validate', filledPath, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = json(r.stdout);
    expect(out.ok).toBe(true);
    expect(out.summary).toMatchObject({ rows: 40, errors: 0, warnings: 0 });
    expect(out.summary.findings).toBeGreaterThan(0);
    expect(out.issues.every((i) => i.severity === 'finding')).toBe(true);

    const text = runCli(['validate', filledPath]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('【问题发现】');
    expect(text.stdout).toContain('不阻止报送');
    expect(text.stdout).toMatch(/结论：没有错误，可以报送/);
    expect(text.stdout).toMatch(/编外人员台账 [A-Z]+\d+：/);
  });

  it('errors: exit 1 and exactly the contract JSON shape', () => {
    const r = runCli(['validate', errorsPath, '--json']);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const out = json(r.stdout);
    expect(Object.keys(out)).toEqual(['ok', 'summary', 'issues']);
    expect(Object.keys(out.summary)).toEqual(['rows', 'errors', 'warnings', 'findings']);
    expect(out.ok).toBe(false);
    expect(out.summary.rows).toBe(12);
    expect(out.summary.errors).toBe(out.issues.filter((i) => i.severity === 'error').length);
    expect(out.summary.warnings).toBe(out.issues.filter((i) => i.severity === 'warning').length);
    expect(out.summary.findings).toBe(out.issues.filter((i) => i.severity === 'finding').length);
    for (const i of out.issues) {
      expect(Object.keys(i)).toEqual(['sheet', 'row', 'column', 'cell', 'code', 'severity', 'message']);
      expect(['error', 'warning', 'finding']).toContain(i.severity);
      expect(typeof i.message).toBe('string');
      for (const k of ['sheet', 'column', 'cell'] as const) expect(i[k] === null || typeof i[k] === 'string').toBe(true);
      expect(i.row === null || Number.isInteger(i.row)).toBe(true);
    }
    expect(out.issues).toContainEqual(
      expect.objectContaining({ sheet: SHEET_ROSTER, row: 4, column: '身份证号码', cell: 'D4', code: 'ID_CHECKSUM', severity: 'error' }),
    );
    expect(out.issues).toContainEqual(expect.objectContaining({ row: 6, column: '性别', cell: 'C6', code: 'GENDER_MISMATCH' }));
    expect(out.issues).toContainEqual(expect.objectContaining({ row: 7, column: '学历', cell: 'F7', code: 'ENUM_INVALID' }));
  });

  it('a roster whose 身份证号码 header was renamed: exit 1, one TEMPLATE_COLUMN_MISSING, not a missing sheet', async () => {
    const p = file(
      'renamed-id-header.xlsx',
      await ledgerWorkbook(4).then(async (bytes) => {
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
        wb.getWorksheet(SHEET_ROSTER)!
          .getRow(3)
          .eachCell((c) => {
            if (c.value === '身份证号码') c.value = '证件号';
          });
        return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
      }),
    );
    const r = runCli(['validate', p, '--json', '--as-of', '2025-06-30']);
    expect(r.status).toBe(1);
    const out = json(r.stdout);
    expect(out.summary).toEqual({ rows: 0, errors: 1, warnings: 0, findings: 0 });
    expect(out.issues).toEqual([
      expect.objectContaining({
        sheet: SHEET_ROSTER,
        row: null,
        column: '身份证号码',
        cell: null,
        code: 'TEMPLATE_COLUMN_MISSING',
        severity: 'error',
      }),
    ]);
  });

  it('the text report groups by severity and rule, with cell addresses and a verdict', () => {
    const r = runCli(['validate', errorsPath]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('【错误】');
    expect(r.stdout).toContain('【问题发现】');
    expect(r.stdout).toMatch(/身份证校验位错误（ID_CHECKSUM）1 处/);
    expect(r.stdout).toContain('编外人员台账 D4');
    expect(r.stdout).toContain('编外人员台账 C6');
    const last = r.stdout.trim().split('\n');
    expect(last.slice(-2).join('\n')).toMatch(/结论：存在3处错误，须改正后报送。/);
    expect(r.stdout).toContain('不阻止报送');
  });

  it('--as-of sets the reference date; a bad one exits 2', () => {
    const early = runCli(['validate', filledPath, '--json', '--as-of', '2010-01-01']);
    expect(early.status).toBe(1);
    expect(json(early.stdout).issues.some((i) => i.code === 'DATE_IN_FUTURE')).toBe(true);
    expect(runCli(['validate', filledPath, '--as-of', '2025-07-30']).status).toBe(0);
    // more than 30 days after the 填报日期 (2025-06-30): FILING_DATE_OUT_OF_RANGE is the one error
    const late = runCli(['validate', filledPath, '--json', '--as-of', '2030-01-01']);
    expect(late.status).toBe(1);
    expect(
      json(late.stdout)
        .issues.filter((i) => i.severity === 'error')
        .map((i) => i.code),
    ).toEqual(['FILING_DATE_OUT_OF_RANGE']);
    const badJson = runCli(['validate', filledPath, '--json', '--as-of', '2023-02-30']);
    expect(badJson.status).toBe(2);
    expectExit2Json(badJson.stdout, 'AS_OF_INVALID', '--as-of');
    for (const bad of ['2023-02-30', '2025/1/1', 'tomorrow', '']) {
      const r = runCli(['validate', filledPath, '--as-of', bad]);
      expect(r.status, bad).toBe(2);
      expect(r.stderr).toContain('--as-of');
      noStack(r.stderr);
    }
  });

  it('a missing file or a folder exits 2 with a Chinese message', () => {
    const missing = runCli(['validate', join(dir, 'nope.xlsx')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
    const folder = runCli(['validate', dir]);
    expect(folder.status).toBe(2);
    expect(folder.stderr).toContain('文件夹');
    const missingJson = runCli(['validate', join(dir, 'nope.xlsx'), '--json']);
    expect(missingJson.status).toBe(2);
    expectExit2Json(missingJson.stdout, 'FILE_NOT_FOUND', '找不到文件');
  });

  it('misuse with --json (no file, two files, an unknown option) still answers one JSON object', () => {
    for (const [args, message] of [
      [['validate', '--json'], '请指定要校验的台账文件'],
      [['validate', '--json', 'a.xlsx', 'b.xlsx'], '一次只能校验一个文件'],
      [['validate', '--json', filledPath, '--strict'], '--strict'],
    ] as const) {
      const r = runCli([...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expectExit2Json(r.stdout, 'USAGE', message);
      noStack(r.stderr);
    }
  });

  const bad: [string, WorkbookReadErrorCode, () => Uint8Array][] = [
    ['empty.xlsx', 'EMPTY_FILE', () => new Uint8Array(0)],
    ['random.xlsx', 'NOT_A_WORKBOOK', () => new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 251)],
    ['names.xlsx', 'CSV_FILE', () => strToU8('序号,姓名,身份证号码\r\n1,张三,11010119900307123X\r\n')],
    ['archive.xlsx', 'NOT_A_WORKBOOK', () => zipSync({ 'readme.txt': strToU8('not a workbook') })],
    ['old.xlsx', 'LEGACY_XLS', () => makeCompoundFile(['Workbook'])],
    ['locked.xlsx', 'ENCRYPTED_WORKBOOK', () => makeCompoundFile(['EncryptionInfo', 'EncryptedPackage'])],
  ];
  for (const [name, code, make] of bad) {
    it(`${name} → exit 2 (${code})`, () => {
      const p = file(name, make());
      const r = runCli(['validate', p]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(WORKBOOK_READ_ERROR_MESSAGES[code]);
      expect(r.stdout).toBe('');
      noStack(r.stderr);
      const j = runCli(['validate', p, '--json']);
      expect(j.status).toBe(2);
      expectExit2Json(j.stdout, code, WORKBOOK_READ_ERROR_MESSAGES[code]);
    });
  }

  it('a truncated workbook → exit 2 (CORRUPT_WORKBOOK)', () => {
    const whole = readFileSync(errorsPath);
    const r = runCli(['validate', file('cut.xlsx', new Uint8Array(whole.subarray(0, whole.length - 200)))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(WORKBOOK_READ_ERROR_MESSAGES.CORRUPT_WORKBOOK);
  });

  it('LibreOffice: a re-saved ledger validates to the same issues; a real .xls exits 2', { timeout: 240_000 }, () => {
    const original = new Uint8Array(readFileSync(errorsPath));
    const resaved = file('resaved.xlsx', sofficeConvert(original, 'ledger.xlsx', 'xlsx'));
    const a = runCli(['validate', errorsPath, '--json']);
    const b = runCli(['validate', resaved, '--json']);
    expect(b.status).toBe(a.status);
    expect(json(b.stdout)).toEqual(json(a.stdout));
    // The filled template keeps its version stamp and stays clean after a LibreOffice round trip.
    const filledResaved = file('filled-resaved.xlsx', sofficeConvert(new Uint8Array(readFileSync(filledPath)), 'filled.xlsx', 'xlsx'));
    expect(readWorkbook(new Uint8Array(readFileSync(filledResaved))).templateVersion).toBe(TEMPLATE_VERSION);
    const c = runCli(['validate', filledResaved, '--json']);
    expect(c.status).toBe(0);
    expect(json(c.stdout)).toEqual(json(runCli(['validate', filledPath, '--json']).stdout));
    const xls = file('ledger.xls', sofficeConvert(original, 'ledger.xlsx', 'xls'));
    const r = runCli(['validate', xls]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(WORKBOOK_READ_ERROR_MESSAGES.LEGACY_XLS);
  });

  it('`npx taizhang validate` works from the project root', () => {
    const r = spawnSync('npx', ['--no-install', 'taizhang', 'validate', errorsPath, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(json(r.stdout).summary.errors).toBe(3);
    expect(existsSync(join(ROOT, 'bin/taizhang.mjs'))).toBe(true);
  });
});
