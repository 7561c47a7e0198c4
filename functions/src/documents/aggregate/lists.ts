// The sheets written straight from lists the route already holds (no ledger needed): 进度 (one row per
// unit and milestone), 责任追究 (under-reporting records) and 疑似漏报 (leads from external rosters).
import { MILESTONE_STATE_LABEL, UNIT_STATUS_LABEL } from '../../../../shared/desk/sheets';
import { ROSTER_SOURCE_LABEL } from '../../../../shared/rosters/external';
import { OUT_OF_SCOPE_UNIT } from '../../domain/officeChecks';
import { VERIFICATION_KIND_LABEL, type UnderReport } from '../../domain/verification';
import type { CellValue } from '../../../../shared/node/xlsxWriter';
import type { SheetSink } from '../sink';
import type { DeskUnit, SuspectedRow } from './types';

const SUSPECTED_KIND_LABEL: Record<SuspectedRow['kind'], string> = { lead: '疑似漏报', elsewhere: '在其他单位台账中' };

export function writeProgress(sheet: SheetSink, units: readonly DeskUnit[]): void {
  for (const u of units) {
    for (const m of u.milestones) {
      sheet.row([
        u.unitId,
        u.name,
        u.parentName,
        m.id,
        m.title,
        m.due,
        m.extended ? '是' : '否',
        m.doneAt,
        MILESTONE_STATE_LABEL[m.state],
        m.overdueDays,
        UNIT_STATUS_LABEL[u.status],
        u.endorsedAt,
      ]);
    }
  }
  sheet.end();
}

/** One row per record of a unit in `unitById` (the caller's scope); records of other units are left out. */
function writeInScope<T extends { unitId: string }>(
  sheet: SheetSink,
  records: readonly T[],
  unitById: ReadonlyMap<string, DeskUnit>,
  cells: (r: T, unit: DeskUnit) => CellValue[],
): void {
  for (const r of records) {
    const unit = unitById.get(r.unitId);
    if (unit) sheet.row(cells(r, unit));
  }
  sheet.end();
}

export function writeAccountability(sheet: SheetSink, records: readonly UnderReport[], unitById: ReadonlyMap<string, DeskUnit>): void {
  writeInScope(sheet, records, unitById, (r, unit) => [
    r.verificationId,
    VERIFICATION_KIND_LABEL[r.kind],
    r.at,
    r.unitId,
    unit.name,
    r.name,
    r.idNumber,
    r.ledgerVersion,
    r.heads.join('、'),
    r.leaders.join('、'),
    r.liaisons.join('、'),
    r.summary,
    r.recordedBy,
    r.recordedAt,
  ]);
}

/** Ledger units outside `unitById` are named only as out of scope. */
export function writeSuspected(sheet: SheetSink, rows: readonly SuspectedRow[], unitById: ReadonlyMap<string, DeskUnit>): void {
  writeInScope(sheet, rows, unitById, (r, unit) => [
    SUSPECTED_KIND_LABEL[r.kind],
    r.unitId,
    unit.name,
    unit.parentName,
    r.name,
    r.idNumber,
    r.sources.map((x) => ROSTER_SOURCE_LABEL[x]).join('、'),
    r.ledgerUnitIds.map((id) => unitById.get(id)?.name ?? OUT_OF_SCOPE_UNIT).join('、') || null,
    r.verificationId,
  ]);
}
