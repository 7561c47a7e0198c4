// The standard template prints as a person expects: every sheet one A4 page wide, the roster in
// landscape with its title and header rows repeated on each page and 第 N 页 共 M 页 in the footer. Checked
// in the workbook's own print settings and by printing it with LibreOffice (单位基本情况 on one page, its
// title whole and its 填写说明 column on that same page).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildTemplateWorkbook } from '../../shared/node/templateWorkbook';

describe('template print setup', () => {
  it('sets A4, one page wide, landscape roster with repeated header rows and a page-count footer', async () => {
    const files = unzipSync(await buildTemplateWorkbook());
    const wb = strFromU8(files['xl/workbook.xml']);
    expect(wb).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="1">(&apos;|')编外人员台账(&apos;|')!\$1:\$3<\/definedName>/);
    for (const n of [1, 2, 3]) {
      const ws = strFromU8(files[`xl/worksheets/sheet${n}.xml`]);
      expect(ws, `sheet${n}`).toContain('<pageSetUpPr fitToPage="1"/>');
      expect(ws, `sheet${n}`).toMatch(/<pageSetup paperSize="9" orientation="(portrait|landscape)"[^>]*fitToWidth="1" fitToHeight="0"/);
      expect(ws, `sheet${n}`).toContain('<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>');
    }
    expect(strFromU8(files['xl/worksheets/sheet2.xml'])).toContain('orientation="landscape"');
    expect(strFromU8(files['xl/worksheets/sheet1.xml'])).toContain('orientation="portrait"');
  });

  it('prints 单位基本情况 on one page with its title whole (LibreOffice → PDF)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tz-print-'));
    writeFileSync(join(dir, 't.xlsx'), await buildTemplateWorkbook());
    execFileSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, join(dir, 't.xlsx')],
      { timeout: 280_000, stdio: 'ignore' },
    );
    const pages = execFileSync('pdftotext', ['-layout', join(dir, 't.pdf'), '-'], { encoding: 'utf8' }).split('\f');
    const first = pages[0];
    expect(first).toContain('单位基本情况');
    expect(first).toContain('填写说明');
    expect(first).toMatch(/第\s*1\s*页\s*共\s*\d+\s*页/);
    // The unit sheet's rows all on page 1; the roster starts on page 2 with its header.
    expect(pages[1]).toContain('身份证号码');
  }, 300_000);
});
