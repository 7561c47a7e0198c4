// shared/dates.ts as the one home of day arithmetic: China day, add-days, days-between, Excel serials.
import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  addDays,
  addDaysYmd,
  chinaDay,
  chinaTime,
  dateToExcelSerial,
  daysBetween,
  excelSerialToDate,
  instantToChinaSerial,
  isoToSerial,
  serialToIso,
  todayInChina,
  ymdToEpochDay,
} from '../../shared/dates';

describe('China days', () => {
  it('chinaDay turns at 16:00 UTC; todayInChina agrees', () => {
    expect(chinaDay('2025-06-30T15:59:59Z')).toBe('2025-06-30');
    expect(chinaDay('2025-06-30T16:00:00Z')).toBe('2025-07-01');
    expect(chinaDay(new Date('2025-12-31T16:00:00Z'))).toBe('2026-01-01');
    expect(todayInChina(Date.parse('2025-06-30T16:00:00Z'))).toBe(chinaDay(Date.parse('2025-06-30T16:00:00Z')));
    expect(chinaTime('2025-06-30T16:05:06Z')).toBe('2025-07-01 00:05:06');
  });

  it('addDays and daysBetween across month, year and leap-day boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2025-06-30', '2025-07-30')).toBe(30);
    expect(daysBetween('2025-07-30', '2025-06-30')).toBe(-30);
    expect(addDaysYmd(20240301, -1)).toBe(20240229);
    expect(addDaysYmd(20251231, 1)).toBe(20260101);
    expect(ymdToEpochDay(19700101)).toBe(0);
  });
});

describe('Excel serials, both epochs, both directions', () => {
  it('1900 system: agrees with serialToIso and ExcelJS, incl. the phantom 1900-02-29', async () => {
    for (const s of [1, 59, 61, 45000, 45000.5, 2958465]) {
      const d = excelSerialToDate(s);
      expect(dateToExcelSerial(d)).toBeCloseTo(s, 6);
      if (Number.isInteger(s)) expect(d.toISOString().slice(0, 10)).toBe(serialToIso(s));
    }
    expect(isoToSerial('2023-03-15')).toBe(45000);
    expect(isoToSerial('1900-03-01')).toBe(61);
    expect(isoToSerial('2023-02-30')).toBeNull();
    // ExcelJS reads serial cells the same way
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('s').getCell('A1').value = new Date(Date.UTC(2023, 2, 15, 12));
    const back = new ExcelJS.Workbook();
    await back.xlsx.load((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(back.getWorksheet('s')!.getCell('A1').value).toEqual(excelSerialToDate(45000.5));
  });

  it('1904 system: serial 0 is 1904-01-01', () => {
    expect(excelSerialToDate(0, true).toISOString()).toBe('1904-01-01T00:00:00.000Z');
    expect(isoToSerial('2023-03-15', true)).toBe(45000 - 1462);
    expect(dateToExcelSerial(excelSerialToDate(43538.25, true), true)).toBeCloseTo(43538.25, 6);
  });

  it('an instant as the serial of its China wall-clock time', () => {
    expect(instantToChinaSerial('2023-03-14T16:00:00Z')).toBe(45000);
    expect(instantToChinaSerial('not a date')).toBeNull();
  });
});
