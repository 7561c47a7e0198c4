// The small pure modules under the engine: dates, ID numbers, credit codes, retirement, cell normalisation.
import { describe, expect, it } from 'vitest';
import { addMonths, isoToYmd, parseDateText, serialToIso, todayInChina, dateObjectToIso } from '../../shared/dates';
import { analyseId, idCheckChar, idKey, makeIdNumber, upgradeId15 } from '../../shared/id/idcard';
import { checkUscc, makeUscc, usccCheckChar } from '../../shared/id/uscc';
import { retirementDate, retirementDelayMonths } from '../../shared/retirement';
import { isExcelError, normaliseCell, normaliseHeader, parseNumberText, toHalfWidth, unwrapCell } from '../../shared/ledger/normalise';

describe('dates', () => {
  it('Excel 1900 serials, including the fictitious 1900-02-29 (serial 60) and fractions', () => {
    expect(serialToIso(1)).toBe('1900-01-01');
    expect(serialToIso(59)).toBe('1900-02-28');
    expect(serialToIso(60)).toBeNull();
    expect(serialToIso(61)).toBe('1900-03-01');
    expect(serialToIso(45000)).toBe('2023-03-15');
    expect(serialToIso(45000.99)).toBe('2023-03-15');
    expect(serialToIso(2958465)).toBe('9999-12-31');
    for (const bad of [0, -1, 0.5, 2958466, NaN, Infinity]) expect(serialToIso(bad)).toBeNull();
  });

  it('text forms, real dates only', () => {
    expect(parseDateText('2023-3-5')).toEqual({ recognised: true, iso: '2023-03-05' });
    expect(parseDateText('2023/03/05')).toEqual({ recognised: true, iso: '2023-03-05' });
    expect(parseDateText('2023.3.5')).toEqual({ recognised: true, iso: '2023-03-05' });
    expect(parseDateText('2023年3月5日')).toEqual({ recognised: true, iso: '2023-03-05' });
    expect(parseDateText('2023-03-05 00:00:00')).toEqual({ recognised: true, iso: '2023-03-05' });
    expect(parseDateText('2023-02-30')).toEqual({ recognised: true, iso: null });
    expect(parseDateText('1900-02-29')).toEqual({ recognised: true, iso: null });
    expect(parseDateText('2000-02-29').iso).toBe('2000-02-29');
    expect(parseDateText('2023-3')).toEqual({ recognised: false, iso: null });
    expect(isoToYmd('2024-02-29')).toBe(20240229);
    expect(isoToYmd('2023-02-29')).toBe(0);
  });

  it('Date objects are UTC calendar dates; invalid ones are rejected', () => {
    expect(dateObjectToIso(new Date('2024-03-01T00:00:00Z'))).toBe('2024-03-01');
    expect(dateObjectToIso(new Date('2024-03-01T23:59:59Z'))).toBe('2024-03-01');
    expect(dateObjectToIso(new Date(NaN))).toBeNull();
  });

  it('month arithmetic clamps to the month end; today is China time', () => {
    expect(addMonths(20240131, 1)).toBe(20240229);
    expect(addMonths(20240229, 12)).toBe(20250228);
    expect(addMonths(20241231, -12)).toBe(20231231);
    expect(todayInChina(Date.UTC(2025, 0, 1, 15, 59))).toBe('2025-01-01');
    expect(todayInChina(Date.UTC(2025, 0, 1, 16, 0))).toBe('2025-01-02');
  });
});

describe('ID numbers (GB 11643-1999)', () => {
  it('check character from the weights and the 1 0 X 9 … table', () => {
    // A published example: 11010519491231002X
    expect(idCheckChar('11010519491231002')).toBe('X');
    const id = makeIdNumber('110101', '19900315', 13, true);
    expect(id).toHaveLength(18);
    expect(analyseId(id)).toMatchObject({ checksumOk: true, regionOk: true, birth: 19900315, male: true, from15: false });
    expect(analyseId(makeIdNumber('110101', '19900315', 13, false))!.male).toBe(false);
  });

  it('15-digit upgrade inserts 19 and appends the check character', () => {
    const up = upgradeId15('110105491231002');
    expect(up).toBe('11010519491231002X');
    expect(analyseId('110105491231002')).toMatchObject({ id18: up, from15: true, birth: 19491231, male: false });
  });

  it('idKey normalises width, case, spaces and 15 digits', () => {
    expect(idKey('１１０１０５１９４９１２３１００２ｘ')).toBe('11010519491231002X');
    expect(idKey(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(idKey('110105491231002')).toBe('11010519491231002X');
    expect(idKey(110105491231002)).toBe('11010519491231002X');
    expect(idKey('1101051949123100')).toBeNull();
    expect(idKey(1.1e17)).toBeNull();
    expect(idKey(null)).toBeNull();
  });

  it('shapes that are not IDs', () => {
    expect(analyseId('11010519491231002Y')).toBeNull();
    expect(analyseId('1101051949123100X2')).toBeNull();
    expect(analyseId('11010519491231002x')).toBeNull(); // callers upper-case first
  });
});

describe('credit codes (GB 32100-2015)', () => {
  it('check character and shape', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true });
    expect(checkUscc('91350100M000100Y44')).toEqual({ ok: false, reason: 'check', expected: '3', actual: '4' });
    expect(checkUscc('91350100M000100Y4')).toMatchObject({ ok: false, reason: 'length', length: 17 });
    expect(checkUscc('91350100M000100O43')).toMatchObject({ ok: false, reason: 'chars', bad: 'O' });
    const made = makeUscc('12330100MB1234567');
    expect(checkUscc(made)).toEqual({ ok: true });
  });
});

describe('retirement', () => {
  it('delay months per group and caps', () => {
    expect(retirementDelayMonths('male60', 1964, 12)).toBe(0);
    expect(retirementDelayMonths('male60', 1965, 1)).toBe(1);
    expect(retirementDelayMonths('male60', 1965, 4)).toBe(1);
    expect(retirementDelayMonths('male60', 1965, 5)).toBe(2);
    expect(retirementDelayMonths('male60', 1976, 12)).toBe(36);
    expect(retirementDelayMonths('male60', 1990, 1)).toBe(36);
    expect(retirementDelayMonths('female55', 1970, 1)).toBe(1);
    expect(retirementDelayMonths('female55', 1969, 12)).toBe(0);
    expect(retirementDelayMonths('female55', 1990, 1)).toBe(36);
    expect(retirementDelayMonths('female50', 1975, 1)).toBe(1);
    expect(retirementDelayMonths('female50', 1975, 2)).toBe(1);
    expect(retirementDelayMonths('female50', 1975, 3)).toBe(2);
    expect(retirementDelayMonths('female50', 1984, 12)).toBe(60);
    expect(retirementDelayMonths('female50', 1995, 1)).toBe(60);
  });

  it('retirement date keeps the day and clamps to the month end', () => {
    expect(retirementDate(19650131, 'male60')).toBe(20250228);
    expect(retirementDate(19640229, 'male60')).toBe(20240229);
    expect(retirementDate(19750131, 'female50')).toBe(20250228);
    expect(retirementDate(19700101, 'female55')).toBe(20250201);
  });
});

describe('normaliseCell', () => {
  it('unwraps ExcelJS values', () => {
    expect(unwrapCell({ formula: 'A1', result: 5 })).toBe(5);
    expect(unwrapCell({ sharedFormula: 'A1', result: '男' })).toBe('男');
    expect(unwrapCell({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(unwrapCell({ text: '链接', hyperlink: 'https://example.com' })).toBe('链接');
    expect(unwrapCell({ error: '#N/A' })).toBe('#N/A');
    expect(unwrapCell({ formula: 'X()', result: { error: '#NAME?' } })).toBe('#NAME?');
    expect(unwrapCell({ foo: 1 })).toBeNull();
    expect(unwrapCell(Object.create(null))).toBeNull();
  });

  it('Excel errors are recognised and kept as text', () => {
    for (const e of ['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NUM!', '#NAME?', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA']) {
      expect(isExcelError(e)).toBe(true);
      expect(normaliseCell(e, { kind: 'date' })).toBe(e);
    }
    expect(isExcelError('#1号楼')).toBe(false);
  });

  it('per type', () => {
    expect(normaliseCell('  张三 ', { kind: 'text' })).toBe('张三');
    expect(normaliseCell('   ', { kind: 'text' })).toBeNull();
    expect(normaliseCell(' 劳务 派遣 ', { kind: 'enum', values: 'employmentForm' })).toBe('劳务派遣');
    expect(normaliseCell(45000, { kind: 'date' })).toBe('2023-03-15');
    expect(normaliseCell('２０２３年３月１５日', { kind: 'date' })).toBe('2023-03-15');
    expect(normaliseCell(' 2023-02-30 ', { kind: 'date' })).toBe('2023-02-30');
    expect(normaliseCell(new Date(NaN), { kind: 'date' })).toBe('Invalid Date');
    expect(normaliseCell(' １２，３４５．５ ', { kind: 'number', min: 0 })).toBe(12345.5);
    expect(normaliseCell('1,2345', { kind: 'number', min: 0 })).toBe('1,2345');
    expect(normaliseCell(NaN, { kind: 'number', min: 0 })).toBe('NaN');
    expect(normaliseCell(Infinity, { kind: 'integer', min: 0 })).toBe('Infinity');
    expect(normaliseCell(110105491231002, { kind: 'idNumber' })).toBe('110105491231002');
    expect(normaliseCell(110105194912310020, { kind: 'idNumber' })).toMatch(/^1\.\d+E\+17$/);
    expect(normaliseCell('１１０１０５１９４９１２３１００２ｘ', { kind: 'idNumber' })).toBe('11010519491231002X');
    expect(normaliseCell(13812345678, { kind: 'mobile' })).toBe('13812345678');
    expect(normaliseCell(true, { kind: 'text' })).toBe('TRUE');
    expect(normaliseCell(12, { kind: 'text' })).toBe('12');
    expect(normaliseCell(undefined)).toBeNull();
  });

  it('headers: whitespace, required markers, parentheses width', () => {
    expect(normaliseHeader(' *月工资\n(元) ')).toBe(normaliseHeader('月工资（元）'));
    expect(normaliseHeader('＊身份证号码')).toBe('身份证号码');
    expect(normaliseHeader('单位名称：')).toBe('单位名称');
    expect(toHalfWidth('ＡＢＣ１２３')).toBe('ABC123');
    expect(parseNumberText('-1')).toBe(-1);
    expect(parseNumberText('1e3')).toBeNull();
  });
});
