// The sheets written straight from lists the route already holds (no ledger needed): 进度 (one row per
// unit and milestone), 责任追究 (under-reporting records) and 疑似漏报 (leads from external rosters).
import { MILESTONE_STATE_LABEL, UNIT_STATUS_LABEL } from '../../../../shared/desk/sheets';
import { ROSTER_SOURCE_LABEL } from '../../../../shared/rosters/external';
import { OUT_OF_SCOPE_UNIT } from '../../domain/officeChecks';
import { VERIFICATION_KIND_LABEL, type UnderReport } from '../../domain/verification';
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

/** Records of units not in `unitById` (outside the caller's scope) are left out. */
export function writeAccountability(sheet: SheetSink, records: readonly UnderReport[], unitById: ReadonlyMap<string, DeskUnit>): void {
  for (const r of records) {
    const unit = unitById.get(r.unitId);
    if (!unit) continue;
    sheet.row([
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
  sheet.end();
}

/** Rows of units not in `unitById` are left out; ledger units outside it are named only as out of scope. */
export function writeSuspected(sheet: SheetSink, rows: readonly SuspectedRow[], unitById: ReadonlyMap<string, DeskUnit>): void {
  for (const r of rows) {
    const unit = unitById.get(r.unitId);
    if (!unit) continue;
    sheet.row([
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
  sheet.end();
}
