// Review notes: resolved to the person on the noted row, then placed on a later version by ID number.
import { describe, expect, it } from 'vitest';
import { makeLedger, rowNumberOf, standardColumns } from '../../fixtures/sampleLedgers';
import { columnLetter } from '../../shared/a1';
import { placeNotes, resolveNote, type ResolvedNote } from '../../shared/ledger/reviewNotes';
import { SHEET_ROSTER, SHEET_UNIT } from '../../shared/template/definition';

const v1 = makeLedger(5);
const note = (row: number, column: string | null) =>
  resolveNote({ sheet: SHEET_ROSTER, row, column, text: '请核实' }, v1, 1) as ResolvedNote;

describe('review notes', () => {
  it('resolve to the person on that row; an unknown row or column is refused', () => {
    const n = note(rowNumberOf(2), '岗位名称');
    expect(n).toMatchObject({ version: 1, idNumber: v1.roster!.rows[2].values.idNumber, name: v1.roster!.rows[2].values.name });
    expect(resolveNote({ sheet: SHEET_ROSTER, row: 999, column: null, text: 'x' }, v1, 1)).toBe('row');
    expect(resolveNote({ sheet: SHEET_ROSTER, row: rowNumberOf(0), column: '不存在', text: 'x' }, v1, 1)).toBe('column');
    expect(resolveNote({ sheet: SHEET_UNIT, row: v1.unit!.rows.headName!, column: '单位主要负责人', text: 'x' }, v1, 1)).toMatchObject({
      idNumber: null,
    });
  });

  it('follow the person to another row by ID; tell unchanged, changed (that column or the whole row) and removed', () => {
    const notes = [
      note(rowNumberOf(0), '岗位名称'),
      note(rowNumberOf(1), null),
      note(rowNumberOf(2), '岗位名称'),
      note(rowNumberOf(3), null),
    ];
    const v2 = structuredClone(v1);
    const rows = v2.roster!.rows;
    rows.reverse().forEach((r, i) => (r.row = rowNumberOf(i))); // re-sorted: persons move rows
    const byId = (id: unknown) => rows.find((r) => r.values.idNumber === id)!;
    byId(v1.roster!.rows[1].values.idNumber).values.education =
      '研究生' === byId(v1.roster!.rows[1].values.idNumber).values.education ? '大学本科' : '研究生';
    byId(v1.roster!.rows[2].values.idNumber).values.major = '改了别的列';
    v2.roster!.rows = rows.filter((r) => r.values.idNumber !== v1.roster!.rows[3].values.idNumber);
    const placed = placeNotes(notes, v2);
    expect(placed.map((p) => p.state)).toEqual(['unchanged', 'changed', 'unchanged', 'removed']);
    expect(placed[0].row).toBe(byId(v1.roster!.rows[0].values.idNumber).row);
    expect(placed[0].cell).toBe(columnLetter(standardColumns().postName) + placed[0].row);
    expect(placed[1].cell).toBe(columnLetter(standardColumns().idNumber) + placed[1].row);
    expect(placed[3].cell).toBeNull();
  });
});
