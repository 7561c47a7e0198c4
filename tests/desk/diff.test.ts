import { describe, expect, it } from 'vitest';
import { diffLedgers } from '../../functions/src/domain/ledgerDiff';
import { makeLedger, validRosterRow } from '../../fixtures/sampleLedgers';
import { upgradeId15 } from '../../shared/id/idcard';

const clone = <T>(x: T): T => structuredClone(x);

describe('diffLedgers', () => {
  it('lists exactly the persons added, removed and changed, matched by ID number', () => {
    const v1 = makeLedger(10);
    const v2 = clone(v1);
    const rows = v2.roster!.rows;
    const removed = rows.splice(2, 1)[0]; // person 2 removed
    rows[0].values.postName = '综合窗口'; // person 0 changed (one field)
    rows[4].values.monthlySalary = 9999; // person 5 (index 4 after splice) changed
    rows[4].values.disposition = '清退';
    const added = { row: 99, values: validRosterRow(50) };
    rows.push(added);
    // re-sorting and renumbering rows is not a change
    rows.reverse();
    rows.forEach((r, i) => {
      r.row = 4 + i;
      r.values.seq = i + 1;
    });
    const d = diffLedgers(v1, v2);
    expect(d.added.map((p) => p.idNumber)).toEqual([added.values.idNumber]);
    expect(d.removed.map((p) => p.idNumber)).toEqual([removed.values.idNumber]);
    expect(d.removed[0].name).toBe(removed.values.name);
    const changed = Object.fromEntries(d.changed.map((c) => [c.idNumber, c.changes.map((x) => [x.column, x.before, x.after])]));
    expect(Object.keys(changed).sort()).toEqual([v1.roster!.rows[0].values.idNumber, v1.roster!.rows[5].values.idNumber].sort());
    expect(changed[v1.roster!.rows[0].values.idNumber as string]).toEqual([['岗位名称', v1.roster!.rows[0].values.postName, '综合窗口']]);
    expect(changed[v1.roster!.rows[5].values.idNumber as string]).toEqual([
      ['月工资（元）', v1.roster!.rows[5].values.monthlySalary, 9999],
      ['拟处理意见', v1.roster!.rows[5].values.disposition, '清退'],
    ]);
    expect(d.summary).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 7, unitChanges: 0 });
  });

  it('reports unit sheet changes and treats 15- and 18-digit forms of one ID as the same person', () => {
    const v1 = makeLedger(1);
    v1.roster!.rows[0].values.idNumber = '110101900101123';
    const v2 = clone(v1);
    v2.roster!.rows[0].values.idNumber = upgradeId15('110101900101123').toLowerCase();
    v2.unit!.values.onStaffCount = 1;
    const d = diffLedgers(v1, v2);
    expect(d.added).toEqual([]);
    expect(d.removed).toEqual([]);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0].changes.map((c) => c.column)).toEqual(['身份证号码']);
    expect(d.unitChanges).toEqual([{ field: 'onStaffCount', column: '实有在编人数', before: v1.unit!.values.onStaffCount, after: 1 }]);
  });
});
