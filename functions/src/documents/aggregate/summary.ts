// 汇总: per-unit counters gathered while the units' rows stream past, written at the end as one row per
// unit in scope and a bold total row.
import { ENUMS } from '../../../../shared/template/definition';
import type { RuleCode } from '../../../../shared/rules/catalogue';
import { FINDING_CODES, TOTAL_LABEL, UNIT_STATUS_LABEL } from '../../../../shared/desk/sheets';
import type { CellValue } from '../../../../shared/node/xlsxWriter';
import type { SheetSink } from '../sink';
import { SUMMARY_COLUMNS } from './columns';
import type { DeskUnit } from './types';

export interface Counters {
  persons: number;
  employment: Map<string, number>;
  funding: Map<string, number>;
  disposition: Map<string, number>;
  rules: Map<RuleCode, number>;
  findings: number;
  authorisedPosts: CellValue;
  onStaffCount: CellValue;
}

export function newCounters(): Counters {
  return {
    persons: 0,
    employment: new Map(),
    funding: new Map(),
    disposition: new Map(),
    rules: new Map(),
    findings: 0,
    authorisedPosts: null,
    onStaffCount: null,
  };
}

export const bump = <K>(m: Map<K, number>, k: K, by = 1) => m.set(k, (m.get(k) ?? 0) + by);

export const countFinding = (c: Counters, code: RuleCode) => {
  c.findings++;
  bump(c.rules, code);
};

const yesNo = (b: boolean | null) => (b === null ? null : b ? '是' : '否');
const numOrNull = (v: CellValue): number | null => (typeof v === 'number' ? v : null);

/** One row per unit (counts empty for a unit without a ledger), then the totals; ends the sheet. */
export function writeSummary(sheet: SheetSink, units: readonly DeskUnit[], counters: ReadonlyMap<string, Counters>): void {
  const cols = SUMMARY_COLUMNS;
  const totals: number[] = new Array(cols.length).fill(0);
  const numeric = cols.map((c) => c.kind === 'integer' && c.header !== '报送版本');
  for (const u of units) {
    const c = counters.get(u.unitId) ?? newCounters();
    const has = counters.has(u.unitId);
    const n = (v: number) => (has ? v : null);
    const row: CellValue[] = [
      u.unitId,
      u.name,
      u.parentName,
      numOrNull(c.authorisedPosts),
      numOrNull(c.onStaffCount),
      n(c.persons),
      ...ENUMS.employmentForm.map((v) => n(c.employment.get(v) ?? 0)),
      ...ENUMS.fundingSource.map((v) => n(c.funding.get(v) ?? 0)),
      ...FINDING_CODES.map((code) => n(c.rules.get(code) ?? 0)),
      n(c.findings),
      ...ENUMS.disposition.map((v) => n(c.disposition.get(v) ?? 0)),
      u.underReports,
      u.suspectedUnreported,
      UNIT_STATUS_LABEL[u.status],
      u.version,
      u.submittedAt,
      u.signedAt,
      u.sealedAt,
      u.endorsedAt,
      u.acceptedAt,
      yesNo(u.onTime),
      u.overdueDays,
    ];
    row.forEach((v, i) => {
      if (numeric[i] && typeof v === 'number') totals[i] += v;
    });
    sheet.row(row);
  }
  const totalRow: CellValue[] = cols.map((_, i) => (numeric[i] ? totals[i] : null));
  totalRow[0] = TOTAL_LABEL;
  totalRow[1] = `${units.length}个单位`;
  const reported = units.filter((u) => u.reported).length;
  totalRow[cols.findIndex((c) => c.header === '状态')] = `已报送${reported}个`;
  sheet.row(totalRow, 'bold');
  sheet.end();
}
