// The aggregated workbook (汇总工作簿): builds its seven sheets from the campaign's progress and the
// units' current ledgers, streaming each unit's rows out as it is read so memory stays flat for
// 100,000 persons. Storage-free: the work pool's thread (work/aggregate.worker.ts) and the bench feed
// it; the writer is a WorkbookSink.
import { RULES } from '../../../../shared/rules/catalogue';
import { SHEETS } from '../../../../shared/desk/sheets';
import type { Issue, LedgerRow } from '../../../../shared/ledger/schema';
import type { CellValue } from '../../../../shared/node/xlsxWriter';
import type { SheetSink, WorkbookSink } from '../sink';
import { officeChecks, slimRows, OUT_OF_SCOPE_UNIT, type DeskOfficeFinding, type SlimRoster } from '../../domain/officeChecks';
import {
  ACCOUNTABILITY_COLUMNS,
  CROSS_COLUMNS,
  DETAIL_COLUMNS,
  DETAIL_FIELDS,
  FINDING_COLUMNS,
  PROGRESS_COLUMNS,
  SUMMARY_COLUMNS,
  SUSPECTED_COLUMNS,
} from './columns';
import { bump, countFinding, newCounters, writeSummary, type Counters } from './summary';
import { writeAccountability, writeProgress, writeSuspected } from './lists';
import type { AggregateInput, AggregateStats, DeskUnit } from './types';

export type { AggregateInput, AggregateStats, DeskUnit, SuspectedRow, UnitLedger } from './types';

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));

/** A 问题清单 row (FINDING_COLUMNS). */
const findingRow = (unit: DeskUnit, is: Issue, name: string | null, idNumber: string | null): CellValue[] => [
  unit.unitId,
  unit.name,
  is.sheet,
  is.row,
  is.cell,
  name,
  idNumber,
  is.code,
  RULES[is.code].title,
  is.message,
  RULES[is.code].explain,
];

async function* asAsync<T>(it: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* it as AsyncIterable<T>;
}

/**
 * Writes the seven sheets to `out`. Units are streamed: 明细 and 问题清单 rows of a unit are written
 * as soon as its ledger arrives; 汇总 (first in the workbook) is filled at the end from counters.
 */
export async function writeAggregate(input: AggregateInput, out: WorkbookSink): Promise<AggregateStats> {
  const t0 = performance.now();
  let readMs = 0;
  const unitById = new Map(input.units.map((u) => [u.unitId, u]));
  const counters = new Map<string, Counters>();
  const rosters: SlimRoster[] = [];

  const summary = out.addSheet({ name: SHEETS.summary, columns: SUMMARY_COLUMNS });
  const detail = out.addSheet({ name: SHEETS.detail, columns: DETAIL_COLUMNS });
  const findings = out.addSheet({ name: SHEETS.findings, columns: FINDING_COLUMNS });
  const cross = out.addSheet({ name: SHEETS.crossUnit, columns: CROSS_COLUMNS });
  const progress = out.addSheet({ name: SHEETS.progress, columns: PROGRESS_COLUMNS });
  const accountability = out.addSheet({ name: SHEETS.accountability, columns: ACCOUNTABILITY_COLUMNS });

  let persons = 0;
  let findingRows = 0;
  const it = asAsync(input.ledgers)[Symbol.asyncIterator]();
  for (;;) {
    const r0 = performance.now();
    const next = await it.next();
    readMs += performance.now() - r0;
    if (next.done) break;
    const ul = next.value;
    const unit = unitById.get(ul.unitId);
    const rows = ul.ledger.roster?.rows ?? [];
    const inScope = ul.inScope && unit !== undefined;
    rosters.push({
      unitId: ul.unitId,
      unitName: unit?.name ?? ul.unitId,
      inScope,
      columns: ul.ledger.roster?.columns,
      rows: slimRows(rows),
    });
    if (!inScope) continue;
    const c = newCounters();
    counters.set(ul.unitId, c);
    c.authorisedPosts = ul.ledger.unit?.values.authorisedPosts ?? null;
    c.onStaffCount = ul.ledger.unit?.values.onStaffCount ?? null;
    const byRow = new Map<number, LedgerRow>();
    for (const r of rows) {
      byRow.set(r.row, r);
      const v = r.values;
      c.persons++;
      if (v.employmentForm) bump(c.employment, String(v.employmentForm));
      if (v.fundingSource) bump(c.funding, String(v.fundingSource));
      if (v.disposition) bump(c.disposition, String(v.disposition));
      writeDetailRow(detail, unit, r);
    }
    persons += c.persons;
    for (const is of ul.issues) {
      if (is.severity !== 'finding') continue;
      countFinding(c, is.code);
      const p = is.row !== null && is.sheet !== '单位基本情况' ? byRow.get(is.row) : undefined;
      findings.row(findingRow(unit, is, text(p?.values.name), text(p?.values.idNumber)));
      findingRows++;
    }
  }

  // Office-level findings: across all units read (in scope or not), reported for units in scope.
  const office = officeChecks(rosters, input.onStaff);
  rosters.length = 0;
  let crossRows = 0;
  for (const f of office) {
    const unit = unitById.get(f.unitId)!;
    const is = f.issue;
    const c = counters.get(f.unitId);
    if (c) countFinding(c, is.code);
    findings.row(findingRow(unit, is, f.name, f.idNumber));
    findingRows++;
    cross.row([
      RULES[is.code].title,
      is.code,
      f.idNumber,
      f.name,
      unit.unitId,
      unit.name,
      is.row,
      f.unitCount,
      officeOthers(is.code, f, unitById),
    ]);
    crossRows++;
  }
  cross.end();
  detail.end();
  findings.end();

  writeSummary(summary, input.units, counters);
  writeProgress(progress, input.units);
  writeAccountability(accountability, input.underReports, unitById);
  writeSuspected(out.addSheet({ name: SHEETS.suspected, columns: SUSPECTED_COLUMNS }), input.suspected ?? [], unitById);

  const total = performance.now() - t0;
  return { units: input.units.length, persons, findings: findingRows, crossUnit: crossRows, readMs, writeMs: total - readMs };
}

function writeDetailRow(detail: SheetSink, unit: DeskUnit, r: LedgerRow): void {
  const vals: CellValue[] = [unit.unitId, unit.name, r.row];
  for (const f of DETAIL_FIELDS) {
    const v = r.values[f.key];
    // Text columns stay text even when a number slipped in (an ID must never become 1.1E+17).
    vals.push(
      v === null || v === undefined
        ? null
        : f.type.kind === 'number' || f.type.kind === 'integer' || f.type.kind === 'date'
          ? v
          : String(v),
    );
  }
  detail.row(vals);
}

function officeOthers(code: string, f: DeskOfficeFinding, units: Map<string, DeskUnit>): string | null {
  if (code !== 'CROSS_UNIT_DUPLICATE') return '在编人员名单';
  const names = f.otherUnitIds.filter((id) => units.has(id)).map((id) => units.get(id)!.name);
  const hidden = f.otherUnitIds.length - names.length;
  if (hidden > 0) names.push(`${OUT_OF_SCOPE_UNIT}${hidden}个`);
  return names.join('、') || null;
}
