// parseLedger on real .xlsx files written and read back by ExcelJS, and on raw arrays.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { findHeaderRow, mapColumns, parseLedger, parseRosterRow } from '../../shared/ledger/parse';
import { checkLedger } from '../../shared/rules/engine';
import { LedgerSchema } from '../../shared/ledger/schema';
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION } from '../../shared/template/definition';
import { makeIdNumber } from '../../shared/id/idcard';
import { makeLedger, makeSheets, cleanRosterValues } from '../../fixtures/sampleLedgers';

/** ExcelJS getSheetValues() is 1-based and sparse; our sheets are 0-based (row 0 = worksheet row 1). */
function toArrays(ws: ExcelJS.Worksheet): unknown[][] {
  const v = ws.getSheetValues() as unknown[];
  const out: unknown[][] = [];
  for (let r = 1; r < v.length; r++) {
    const row = v[r];
    out[r - 1] = Array.isArray(row) ? row.slice(1) : [];
  }
  return out;
}

/** Write values cell by cell from column A (row.values = [...] treats a leading empty value as sparse). */
function setRow(ws: ExcelJS.Worksheet, rowNo: number, values: unknown[]) {
  const row = ws.getRow(rowNo);
  values.forEach((v, c) => {
    if (v !== null && v !== undefined) row.getCell(c + 1).value = v as ExcelJS.CellValue;
  });
}

async function roundTrip(build: (wb: ExcelJS.Workbook) => void): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const buf = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buf as ArrayBuffer);
  const sheets: Record<string, unknown[][]> = {};
  back.eachSheet((ws) => {
    sheets[ws.name] = toArrays(ws);
  });
  return sheets;
}

const ID_A = makeIdNumber('110101', '19900315', 13, true);
const ID_15 = '110101900315151';

function writeUnit(wb: ExcelJS.Workbook) {
  const ws = wb.addWorksheet(SHEET_UNIT);
  [
    ['单位基本情况', null],
    // any order; required markers, colons and spacing on labels
    ['*填报日期', new Date(Date.UTC(2025, 5, 30))],
    ['单位名称：', '  示范县数据资源管理局 '],
    ['统一社会信用代码', '９１３５０１００ｍ０００１００ｙ４３'],
    ['主管部门', '示范县人民政府办公室'],
    ['单位类别', '事业单位'],
    ['经费形式', '全额拨款'],
    ['核定编制数', '１，２００'],
    ['实有在编人数', 1100],
    ['编外人员数', { formula: '3', result: 3 }],
    ['单位主要负责人', { richText: [{ text: '李' }, { text: '建国' }] }],
    ['分管负责人', '王志强'],
    ['联络员', '陈晓燕'],
    ['联络员手机', 13812345678],
  ].forEach((r, i) => setRow(ws, i + 1, r));
}

describe('parseLedger on ExcelJS workbooks', () => {
  it('reads a filled template with titles, shuffled/marked headers and every kind of cell value', async () => {
    const sheets = await roundTrip((wb) => {
      writeUnit(wb);
      const ws = wb.addWorksheet(SHEET_ROSTER);
      setRow(ws, 1, ['示范县编外人员台账']);
      ws.mergeCells('A1:F1');
      setRow(ws, 2, ['填报单位：（盖章）']);
      const headers = [
        '序号',
        '*姓名',
        '性别',
        '身份证\n号码',
        '出生日期',
        '学历',
        '所学专业',
        '职业资格证书',
        '岗位名称',
        '岗位类别',
        '用工形式',
        '劳务派遣单位',
        '入职日期',
        '使用期限起',
        '使用期限止',
        '是否经集体研究',
        '审批文号',
        '审批日期',
        '经费来源',
        '月工资(元)',
        '是否与单位领导干部有亲属关系',
        '拟处理意见',
        '备注',
      ];
      // move 备注 first and 序号 last to prove columns are found by header text
      const order = [22, ...Array.from({ length: 21 }, (_, i) => i + 1), 0];
      setRow(
        ws,
        3,
        order.map((c) => headers[c]),
      );
      const put = (rowNo: number, vals: unknown[]) =>
        setRow(
          ws,
          rowNo,
          order.map((c) => vals[c]),
        );
      put(4, [
        1,
        '张伟',
        '男',
        ID_A.slice(0, 17) + ID_A[17].toLowerCase(),
        new Date(Date.UTC(1990, 2, 15)),
        '大学本科',
        null,
        null,
        '窗口服务',
        '服务性',
        '劳务派遣',
        '某人力公司',
        '２０２０年３月１日',
        45658,
        '2025/12/31',
        '是',
        '示编办〔2020〕1号',
        '2020.2.1',
        '财政拨款',
        ' ４，５００ ',
        '否',
        '保留',
        null,
      ]);
      put(5, [2]); // pre-numbered empty row: skipped
      put(6, [
        3,
        { formula: 'B4', result: '王芳' },
        { formula: 'C4', result: { error: '#N/A' } },
        ID_15,
        null,
        '大学专科',
        null,
        null,
        { text: '保洁员', hyperlink: 'https://example.com' },
        '服务性',
        ' 劳务派遣 ',
        '某人力公司',
        '2023-02-30',
        null,
        null,
        '是',
        null,
        null,
        '财政拨款',
        'abc',
        '否',
        '清退',
        { richText: [{ text: '备' }, { text: '注' }] },
      ]);
      put(8, [
        4,
        '李四',
        '男',
        1.10101199003151e17,
        null,
        '高中',
        null,
        null,
        '驾驶员',
        '服务性',
        '政府购买服务',
        null,
        43891,
        null,
        null,
        '否',
        null,
        null,
        '其他',
        3000,
        '否',
        '清退',
        null,
      ]);
    });
    const ledger = LedgerSchema.parse(parseLedger({ sheets, templateVersion: TEMPLATE_VERSION }));
    expect(ledger.templateVersion).toBe('1');
    expect(ledger.unit!.values).toMatchObject({
      unitName: '示范县数据资源管理局',
      creditCode: '91350100M000100Y43',
      authorisedPosts: 1200,
      onStaffCount: 1100,
      offStaffCount: 3,
      headName: '李建国',
      liaisonPhone: '13812345678',
      filingDate: '2025-06-30',
    });
    expect(ledger.unit!.rows).toMatchObject({ filingDate: 2, unitName: 3, liaisonPhone: 14 });
    const roster = ledger.roster!;
    expect(roster.headerRow).toBe(3);
    expect(roster.columns.remarks).toBe(0);
    expect(roster.columns.seq).toBe(22);
    expect(roster.rows.map((r) => r.row)).toEqual([4, 6, 8]);
    const [a, b, c] = roster.rows.map((r) => r.values);
    expect(a).toMatchObject({
      seq: 1,
      idNumber: ID_A,
      birthDate: '1990-03-15',
      hireDate: '2020-03-01',
      termStart: '2025-01-01',
      termEnd: '2025-12-31',
      approvalDate: '2020-02-01',
      monthlySalary: 4500,
      remarks: null,
    });
    expect(b).toMatchObject({
      name: '王芳',
      gender: '#N/A',
      idNumber: ID_15,
      postName: '保洁员',
      employmentForm: '劳务派遣',
      hireDate: '2023-02-30',
      monthlySalary: 'abc',
      remarks: '备注',
    });
    expect(c).toMatchObject({ hireDate: '2020-03-01', monthlySalary: 3000 });
    expect(c.idNumber).toMatch(/E\+17$/);

    const r = checkLedger(ledger);
    const at = (row: number) => r.issues.filter((i) => i.row === row && i.sheet === SHEET_ROSTER).map((i) => i.code);
    expect(at(4)).toEqual([]);
    expect(at(6)).toEqual(
      expect.arrayContaining(['ENUM_INVALID', 'ID_15_DIGIT', 'DATE_INVALID', 'NUMBER_INVALID', 'OUTSOURCEABLE_POST', 'NO_APPROVAL']),
    );
    expect(at(8)).toEqual(expect.arrayContaining(['ID_FORMAT', 'NO_COLLECTIVE_DECISION']));
    // cells point at the real (shuffled) columns: 备注 in A, 身份证号码 in D, 序号 in W
    expect(r.issues.find((i) => i.code === 'ID_FORMAT')!.cell).toBe('D8');
    expect(r.issues.filter((i) => i.sheet === SHEET_UNIT)).toEqual([]);
  });

  it('makeSheets written by ExcelJS (dates as date cells) parses back to makeLedger', async () => {
    const n = 60;
    const raw = makeSheets(n, { dates: 'date' });
    const sheets = await roundTrip((wb) => {
      for (const [name, rows] of Object.entries(raw)) {
        const ws = wb.addWorksheet(name);
        rows.forEach((r, i) => setRow(ws, i + 1, r));
      }
    });
    expect(parseLedger({ sheets, templateVersion: TEMPLATE_VERSION })).toEqual(makeLedger(n));
  });

  it('the header row must be within the first 10 rows', async () => {
    const sheets = await roundTrip((wb) => {
      writeUnit(wb);
      const ws = wb.addWorksheet(SHEET_ROSTER);
      setRow(ws, 11, ['序号', '姓名', '身份证号码']);
      setRow(ws, 12, [1, '张伟', ID_A]);
    });
    // the sheet is there (not null), without a header row: nothing can be read from it
    expect(parseLedger({ sheets }).roster).toEqual({ headerRow: null, columns: {}, rows: [] });
    const moved = sheets[SHEET_ROSTER].slice(1);
    expect(parseLedger({ sheets: { ...sheets, [SHEET_ROSTER]: moved } }).roster!.headerRow).toBe(10);
  });
});

describe('parse helpers', () => {
  it('findHeaderRow / mapColumns / parseRosterRow', () => {
    const sheet = makeSheets(2)[SHEET_ROSTER];
    expect(findHeaderRow(sheet)).toBe(2);
    expect(findHeaderRow([[], ['x']])).toBe(-1);
    const cols = mapColumns(sheet[2]);
    expect(Object.keys(cols)).toHaveLength(23);
    expect(parseRosterRow([5, null, ' ', undefined], cols, 9)).toBeNull();
    const row = parseRosterRow(sheet[3], cols, 4)!;
    expect(row).toEqual(makeLedger(1).roster!.rows[0]);
    // duplicate headers: the first wins
    expect(mapColumns(['姓名', '身份证号码', '姓名']).name).toBe(0);
  });

  it('tolerates garbage input without throwing', () => {
    expect(
      parseLedger({
        sheets: {
          [SHEET_UNIT]: 'x' as unknown as unknown[][],
          [SHEET_ROSTER]: [null, 5, ['身份证号码'], 'row', [null, 'x']] as unknown as unknown[][],
        },
      }),
    ).toEqual({
      templateVersion: null,
      unit: null,
      roster: { headerRow: 3, columns: { idNumber: 0 }, rows: [] },
    });
    expect(parseLedger(null as unknown as { sheets: Record<string, unknown[][]> })).toEqual({
      templateVersion: null,
      unit: null,
      roster: null,
    });
    const sparse: unknown[][] = [];
    sparse[2] = ['身份证号码', '姓名'];
    sparse[6] = [cleanRosterValues().idNumber, '张伟'];
    expect(parseLedger({ sheets: { [SHEET_ROSTER]: sparse } }).roster!.rows).toEqual([
      { row: 7, values: { name: '张伟', idNumber: cleanRosterValues().idNumber } },
    ]);
  });
});
