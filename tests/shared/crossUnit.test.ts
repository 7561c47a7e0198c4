// Office-level helpers: CROSS_UNIT_DUPLICATE and ON_STAFF_OVERLAP.
import { describe, expect, it } from 'vitest';
import { findCrossUnitDuplicates, findOnStaffOverlap, type UnitRoster } from '../../shared/rules/crossUnit';
import { makeIdNumber, upgradeId15 } from '../../shared/id/idcard';
import { IssueSchema } from '../../shared/ledger/schema';
import { cleanRosterValues, standardColumns } from '../../fixtures/sampleLedgers';

const A = makeIdNumber('110101', '19900315', 11, true);
const B = makeIdNumber('110101', '19850101', 22, false);
const C15 = '110101900315031';
const row = (n: number, idNumber: string | null) => ({ row: n, values: cleanRosterValues({ idNumber }) });

describe('CROSS_UNIT_DUPLICATE', () => {
  it('reports every row of every unit holding an ID found in two or more units', () => {
    const units: UnitRoster[] = [
      { unitId: 'u1', unitName: '县财政局', rows: [row(4, A), row(5, B)], columns: standardColumns() },
      { unitId: 'u2', unitName: '县教育局', rows: [row(4, A.toLowerCase()), row(6, upgradeId15(C15))] },
      { unitId: 'u3', rows: [row(9, C15), row(10, 'bad'), row(11, null)] },
    ];
    const f = findCrossUnitDuplicates(units);
    expect(f.map((x) => [x.unitId, x.issue.row, x.idNumber, x.otherUnitIds])).toEqual([
      ['u1', 4, A, ['u2']],
      ['u2', 4, A, ['u1']],
      ['u2', 6, upgradeId15(C15), ['u3']],
      ['u3', 9, upgradeId15(C15), ['u2']],
    ]);
    for (const x of f) {
      IssueSchema.parse(x.issue);
      expect(x.issue).toMatchObject({ code: 'CROSS_UNIT_DUPLICATE', severity: 'finding', column: '身份证号码' });
    }
    expect(f[0].issue.cell).toBe('D4');
    expect(f[1].issue.cell).toBeNull();
    expect(f[0].issue.message).toContain('县教育局');
  });

  it('near miss: the same ID twice within one unit is ID_DUPLICATE, not a cross-unit finding', () => {
    expect(
      findCrossUnitDuplicates([
        { unitId: 'u1', rows: [row(4, A), row(5, A)] },
        { unitId: 'u2', rows: [row(4, B)] },
      ]),
    ).toEqual([]);
  });
});

describe('ON_STAFF_OVERLAP', () => {
  it('reports rows whose ID is on the on-staff list (list IDs normalised too)', () => {
    const units: UnitRoster[] = [{ unitId: 'u1', rows: [row(4, A), row(5, B), row(6, C15)], columns: standardColumns() }];
    const f = findOnStaffOverlap(units, [' ' + A.toLowerCase() + ' ', C15, 'garbage']);
    expect(f.map((x) => [x.issue.row, x.issue.cell, x.issue.code, x.issue.severity])).toEqual([
      [4, 'D4', 'ON_STAFF_OVERLAP', 'finding'],
      [6, 'D6', 'ON_STAFF_OVERLAP', 'finding'],
    ]);
    expect(f[0].issue.message).toContain('在编人员名单');
  });

  it('near miss: nobody on the list, or an empty list', () => {
    const units: UnitRoster[] = [{ unitId: 'u1', rows: [row(4, A)] }];
    expect(findOnStaffOverlap(units, [B])).toEqual([]);
    expect(findOnStaffOverlap(units, [])).toEqual([]);
  });
});
