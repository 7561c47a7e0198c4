// The fast writer's output read back with ExcelJS (and its raw XML with fflate): values, types,
// formats, frozen header, autofilter, and formula-injection safety.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { unzipSync, strFromU8 } from 'fflate';
import {
  collectXlsx,
  looksLikeFormula,
  MAX_CELL_CHARS,
  safeSheetName,
  XlsxStreamWriter,
  type SheetSpec,
} from '../../shared/node/xlsxWriter';

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return wb;
}

const SPEC: SheetSpec = {
  name: '汇总',
  columns: [
    { header: '单位名称', kind: 'text' },
    { header: '人数', kind: 'integer' },
    { header: '工资', kind: 'number' },
    { header: '入职日期', kind: 'date' },
    { header: '提交时间', kind: 'datetime' },
  ],
};

const DANGEROUS = ['=HYPERLINK("http://x","y")', '+1+2', '-3+4', '@SUM(A1)', '\t=1+1', '\r=1+1', '＝1+1'];

describe('XlsxStreamWriter', () => {
  it('writes typed cells that ExcelJS reads back with the right values and formats', async () => {
    const bytes = collectXlsx((w) => {
      const s = w.addSheet(SPEC);
      s.row(['示范县数据局', 12, 3500.5, '2024-03-01', '2024-03-01T02:30:00Z']);
      s.row(['<&> "quoted" ', 0, null, 'not a date', null]);
      s.row(['合计', 12, 3500.5], 'bold');
    });
    const wb = await load(bytes);
    const ws = wb.getWorksheet('汇总')!;
    expect(ws.getRow(1).values).toEqual([undefined, '单位名称', '人数', '工资', '入职日期', '提交时间']);
    expect(ws.getCell('A2').value).toBe('示范县数据局');
    expect(ws.getCell('B2').value).toBe(12);
    expect(ws.getCell('B2').numFmt).toBe('0');
    expect(ws.getCell('C2').value).toBe(3500.5);
    expect(ws.getCell('D2').value).toEqual(new Date('2024-03-01T00:00:00Z'));
    expect(ws.getCell('D2').numFmt).toContain('yyyy');
    // shown in China time
    expect(ws.getCell('E2').value).toEqual(new Date('2024-03-01T10:30:00Z'));
    expect(ws.getCell('A3').value).toBe('<&> "quoted" ');
    expect(ws.getCell('B3').value).toBe(0);
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('D3').value).toBe('not a date');
    expect(ws.getCell('A4').font?.bold).toBe(true);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:E4');
  });

  it('never writes a formula: dangerous text stays a string with a quote-prefix style', async () => {
    const bytes = collectXlsx((w) => {
      const s = w.addSheet(SPEC);
      for (const d of DANGEROUS) s.row([d]);
    });
    const wb = await load(bytes);
    const ws = wb.getWorksheet('汇总')!;
    DANGEROUS.forEach((d, i) => {
      const c = ws.getCell(`A${i + 2}`);
      expect(c.type).toBe(ExcelJS.ValueType.String);
      expect(c.formula).toBeUndefined();
      expect(c.value).toBe(d);
    });
    const files = unzipSync(bytes);
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).not.toContain('<f>');
    const styles = strFromU8(files['xl/styles.xml']);
    const xfs = [...styles.split('<cellXfs')[1].matchAll(/<xf [^>]*>/g)].map((m) => m[0]);
    for (let i = 0; i < DANGEROUS.length; i++) {
      const m = new RegExp(`<c r="A${i + 2}" s="(\\d+)" t="inlineStr">`).exec(sheet);
      expect(m, DANGEROUS[i]).not.toBeNull();
      expect(xfs[Number(m![1])]).toContain('quotePrefix="1"');
    }
    // harmless text gets no quote prefix
    expect(looksLikeFormula('张三')).toBe(false);
    expect(looksLikeFormula('')).toBe(false);
  });

  it('keeps several sheets open at once and orders them as added', async () => {
    const parts: Uint8Array[] = [];
    const w = new XlsxStreamWriter((c) => parts.push(c), { chunkSize: 1024 });
    const a = w.addSheet({ name: 'first', columns: [{ header: 'n', kind: 'integer' }] });
    const b = w.addSheet({ name: 'second', columns: [{ header: 'n', kind: 'integer' }] });
    for (let i = 0; i < 5000; i++) {
      b.row([i]);
      if (i % 2 === 0) a.row([i]);
    }
    w.finish();
    const bytes = Buffer.concat(parts);
    const wb = await load(bytes);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['first', 'second']);
    expect(wb.getWorksheet('first')!.rowCount).toBe(2501);
    expect(wb.getWorksheet('second')!.rowCount).toBe(5001);
    expect(wb.getWorksheet('second')!.getCell('A5001').value).toBe(4999);
  });

  it('writes a large sheet through many deflate chunks', async () => {
    const bytes = collectXlsx(
      (w) => {
        const s = w.addSheet({
          name: 'big',
          columns: [
            { header: '身份证号码', kind: 'text' },
            { header: 'i', kind: 'integer' },
          ],
        });
        for (let i = 0; i < 20000; i++) s.row([`1101011990010${String(i).padStart(5, '0')}`, i]);
      },
      { chunkSize: 64 * 1024 },
    );
    const wb = await load(bytes);
    const ws = wb.getWorksheet('big')!;
    expect(ws.rowCount).toBe(20001);
    expect(ws.getCell('A20001').value).toBe('110101199001019999');
    expect(ws.getCell('B12346').value).toBe(12344);
  });

  it('cleans sheet names and control characters, and truncates text Excel would refuse', async () => {
    expect(safeSheetName('a/b:c?d*e[f]g')).toBe('a_b_c_d_e_f_g');
    expect(safeSheetName('x'.repeat(40))).toHaveLength(31);
    const bytes = collectXlsx((w) => {
      const s = w.addSheet({ name: '明细', columns: [{ header: 't', kind: 'text' }] });
      s.row(['a\u0001b\u0007c']);
      s.row(['备'.repeat(40_000)]);
    });
    const ws = (await load(bytes)).getWorksheet('明细')!;
    expect(ws.getCell('A2').value).toBe('abc');
    const long = String(ws.getCell('A3').value);
    expect(long).toHaveLength(MAX_CELL_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });
});
