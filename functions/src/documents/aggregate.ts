// The aggregated workbook (汇总工作簿): builds its seven sheets from the campaign's progress and the
// units' current ledgers, streaming each unit's rows out as it is read so memory stays flat for
// 100,000 persons. Storage-free: the route (and the bench) feed it; the writer is a WorkbookSink.
import { ENUMS, ROSTER_FIELDS, type RosterKey } from '../../../shared/template/definition';
import { RULES, type RuleCode } from '../../../shared/rules/catalogue';
import { SHEETS, FINDING_CODES, summaryHeader, TOTAL_LABEL, MILESTONE_STATE_LABEL, UNIT_STATUS_LABEL } from '../../../shared/desk/sheets';
import type { Issue, Ledger, LedgerRow } from '../../../shared/ledger/schema';
import type { ProgressRow } from '../../../shared/api/contract';
import type { ColumnKind, ColumnSpec, CellValue } from '../../../shared/node/xlsxWriter';
import type { SheetSink, WorkbookSink } from './sink';
import { officeChecks, slimRows, OUT_OF_SCOPE_UNIT, type DeskOfficeFinding, type SlimRoster } from '../domain/officeChecks';
import { ROSTER_SOURCE_LABEL, type RosterSource } from '../../../shared/rosters/external';
import { VERIFICATION_KIND_LABEL, type UnderReport } from '../domain/verification';

/** A unit as the desk shows it: its progress row (with underReports) plus its supervising unit's name. */
export interface DeskUnit extends ProgressRow {
  /** Name of the supervising unit (主管部门) in the campaign's tree, null at the top. */
  parentName: string | null;
}

export interface UnitLedger {
  unitId: string;
  version: number;
  ledger: Ledger;
  /** The issues stored with that version (the server's own check at submission). */
  issues: Issue[];
  /**
   * False for a unit outside the caller's subtree: its IDs take part in the cross-unit check (so a
   * duplicate across two supervisors is still found) but none of its data is written.
   */
  inScope: boolean;
}

export interface AggregateInput {
  campaignId: string;
  title: string;
  asOf: string;
  /** The units in scope, in display order. */
  units: DeskUnit[];
  /** Current versions, in any order; units without a submission are simply absent. */
  ledgers: AsyncIterable<UnitLedger> | Iterable<UnitLedger>;
  /** idKeys of the on-staff roster (在编人员名单). */
  onStaff: ReadonlySet<string>;
  /** Under-reporting records (one per person) of units in scope. */
  underReports: readonly UnderReport[];
  /** Suspected under-reporting from the external rosters (疑似漏报), units in scope; none when no roster is loaded. */
  suspected?: readonly SuspectedRow[];
}

/** A 疑似漏报 row: a lead, or a person on a unit's roster listed in another unit's ledger. */
export interface SuspectedRow {
  kind: 'lead' | 'elsewhere';
  unitId: string;
  idNumber: string;
  name: string;
  sources: RosterSource[];
  ledgerUnitIds: string[];
  verificationId: string | null;
}

const SUSPECTED_KIND_LABEL: Record<SuspectedRow['kind'], string> = { lead: '疑似漏报', elsewhere: '在其他单位台账中' };
const SUSPECTED_COLUMNS: ColumnSpec[] = [
  { header: '类型', kind: 'text', width: 16 },
  { header: '单位编号', kind: 'text', width: 12 },
  { header: '单位名称', kind: 'text', width: 24 },
  { header: '主管部门', kind: 'text', width: 20 },
  { header: '姓名', kind: 'text', width: 10 },
  { header: '身份证号码', kind: 'text', width: 21 },
  { header: '名单来源', kind: 'text', width: 30 },
  { header: '列入台账的单位', kind: 'text', width: 24 },
  { header: '核查记录', kind: 'text', width: 16 },
];

export interface AggregateStats {
  units: number;
  persons: number;
  findings: number;
  crossUnit: number;
  /** ms spent waiting for ledgers (reading storage) and building the workbook. */
  readMs: number;
  writeMs: number;
}

const KIND_OF: Record<string, ColumnKind> = { date: 'date', integer: 'integer', number: 'number' };
const rosterKind = (k: RosterKey): ColumnKind => KIND_OF[ROSTER_FIELDS.find((f) => f.key === k)!.type.kind] ?? 'text';

const text = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const yesNo = (b: boolean | null) => (b === null ? null : b ? '是' : '否');

interface Counters {
  persons: number;
  employment: Map<string, number>;
  funding: Map<string, number>;
  disposition: Map<string, number>;
  rules: Map<RuleCode, number>;
  findings: number;
  authorisedPosts: CellValue;
  onStaffCount: CellValue;
}

function newCounters(): Counters {
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
const bump = <K>(m: Map<K, number>, k: K, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
const countFinding = (c: Counters, code: RuleCode) => {
  c.findings++;
  bump(c.rules, code);
};

function summaryColumns(): ColumnSpec[] {
  return [
    { header: '单位编号', kind: 'text', width: 12 },
    { header: '单位名称', kind: 'text', width: 28 },
    { header: '主管部门', kind: 'text', width: 22 },
    { header: '核定编制数', kind: 'integer' },
    { header: '实有在编人数', kind: 'integer' },
    { header: '编外人员数', kind: 'integer' },
    ...ENUMS.employmentForm.map((v) => ({ header: summaryHeader.employmentForm(v), kind: 'integer' as const })),
    ...ENUMS.fundingSource.map((v) => ({ header: summaryHeader.fundingSource(v), kind: 'integer' as const })),
    ...FINDING_CODES.map((c) => ({ header: summaryHeader.rule(c), kind: 'integer' as const, width: 14 })),
    { header: '问题合计', kind: 'integer' },
    ...ENUMS.disposition.map((v) => ({ header: summaryHeader.disposition(v), kind: 'integer' as const })),
    { header: '漏报瞒报人数', kind: 'integer' },
    { header: '疑似漏报人数', kind: 'integer' },
    { header: '状态', kind: 'text', width: 14 },
    { header: '报送版本', kind: 'integer' },
    { header: '提交时间', kind: 'datetime' },
    { header: '签字时间', kind: 'datetime' },
    { header: '盖章时间', kind: 'datetime' },
    { header: '主管部门审核时间', kind: 'datetime' },
    { header: '通过时间', kind: 'datetime' },
    { header: '是否按时', kind: 'text', width: 9 },
    { header: '逾期天数', kind: 'integer' },
  ];
}

const DETAIL_FIELDS = ROSTER_FIELDS.filter((f) => f.key !== 'seq');
function detailColumns(): ColumnSpec[] {
  return [
    { header: '单位编号', kind: 'text', width: 12 },
    { header: '单位名称', kind: 'text', width: 24 },
    { header: '台账行号', kind: 'integer', width: 9 },
    ...DETAIL_FIELDS.map((f) => ({ header: f.header, kind: rosterKind(f.key), width: f.width })),
  ];
}

const FINDING_COLUMNS: ColumnSpec[] = [
  { header: '单位编号', kind: 'text', width: 12 },
  { header: '单位名称', kind: 'text', width: 24 },
  { header: '工作表', kind: 'text', width: 14 },
  { header: '台账行号', kind: 'integer', width: 9 },
  { header: '单元格', kind: 'text', width: 8 },
  { header: '姓名', kind: 'text', width: 10 },
  { header: '身份证号码', kind: 'text', width: 21 },
  { header: '问题代码', kind: 'text', width: 24 },
  { header: '问题', kind: 'text', width: 22 },
  { header: '说明', kind: 'text', width: 40 },
  { header: '政策解释', kind: 'text', width: 50 },
];

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

const CROSS_COLUMNS: ColumnSpec[] = [
  { header: '核查类型', kind: 'text', width: 18 },
  { header: '问题代码', kind: 'text', width: 22 },
  { header: '身份证号码', kind: 'text', width: 21 },
  { header: '姓名', kind: 'text', width: 10 },
  { header: '单位编号', kind: 'text', width: 12 },
  { header: '单位名称', kind: 'text', width: 24 },
  { header: '台账行号', kind: 'integer', width: 9 },
  { header: '涉及单位数', kind: 'integer' },
  { header: '其他单位', kind: 'text', width: 40 },
];

const PROGRESS_COLUMNS: ColumnSpec[] = [
  { header: '单位编号', kind: 'text', width: 12 },
  { header: '单位名称', kind: 'text', width: 24 },
  { header: '主管部门', kind: 'text', width: 20 },
  { header: '时间节点', kind: 'text', width: 12 },
  { header: '节点名称', kind: 'text', width: 20 },
  { header: '截止日期', kind: 'date' },
  { header: '是否延期', kind: 'text', width: 9 },
  { header: '完成时间', kind: 'datetime' },
  { header: '完成情况', kind: 'text', width: 10 },
  { header: '逾期天数', kind: 'integer' },
  { header: '单位状态', kind: 'text', width: 14 },
  { header: '主管部门审核时间', kind: 'datetime' },
];

const ACCOUNTABILITY_COLUMNS: ColumnSpec[] = [
  { header: '核查编号', kind: 'text', width: 14 },
  { header: '核查方式', kind: 'text', width: 10 },
  { header: '核查日期', kind: 'date' },
  { header: '单位编号', kind: 'text', width: 12 },
  { header: '单位名称', kind: 'text', width: 24 },
  { header: '姓名', kind: 'text', width: 10 },
  { header: '身份证号码', kind: 'text', width: 21 },
  { header: '核查时台账版本', kind: 'integer' },
  { header: '单位主要负责人（第一责任人）', kind: 'text', width: 20 },
  { header: '分管负责人（主要责任人）', kind: 'text', width: 20 },
  { header: '联络员（直接责任人）', kind: 'text', width: 20 },
  { header: '核查情况', kind: 'text', width: 40 },
  { header: '登记人', kind: 'text', width: 12 },
  { header: '登记时间', kind: 'datetime' },
];

async function* asAsync<T>(it: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  yield* it as AsyncIterable<T>;
}

/**
 * Writes the six sheets to `out`. Units are streamed: 明细 and 问题清单 rows of a unit are written
 * as soon as its ledger arrives; 汇总 (first in the workbook) is filled at the end from counters.
 */
export async function writeAggregate(input: AggregateInput, out: WorkbookSink): Promise<AggregateStats> {
  const t0 = performance.now();
  let readMs = 0;
  const unitById = new Map(input.units.map((u) => [u.unitId, u]));
  const counters = new Map<string, Counters>();
  const rosters: SlimRoster[] = [];

  const summary = out.addSheet({ name: SHEETS.summary, columns: summaryColumns() });
  const detail = out.addSheet({ name: SHEETS.detail, columns: detailColumns() });
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

  // 汇总, with a total row.
  const cols = summaryColumns();
  const totals: number[] = new Array(cols.length).fill(0);
  const numeric = cols.map((c) => c.kind === 'integer' && c.header !== '报送版本');
  for (const u of input.units) {
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
    summary.row(row);
  }
  const totalRow: CellValue[] = cols.map((_, i) => (numeric[i] ? totals[i] : null));
  totalRow[0] = TOTAL_LABEL;
  totalRow[1] = `${input.units.length}个单位`;
  const reported = input.units.filter((u) => u.reported).length;
  totalRow[cols.findIndex((c) => c.header === '状态')] = `已报送${reported}个`;
  summary.row(totalRow, 'bold');
  summary.end();

  for (const u of input.units) {
    for (const m of u.milestones) {
      progress.row([
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
  progress.end();

  for (const r of input.underReports) {
    const unit = unitById.get(r.unitId);
    if (!unit) continue;
    accountability.row([
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
  accountability.end();

  const suspected = out.addSheet({ name: SHEETS.suspected, columns: SUSPECTED_COLUMNS });
  for (const r of input.suspected ?? []) {
    const unit = unitById.get(r.unitId);
    if (!unit) continue;
    suspected.row([
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
  suspected.end();

  const total = performance.now() - t0;
  return { units: input.units.length, persons, findings: findingRows, crossUnit: crossRows, readMs, writeMs: total - readMs };
}

function numOrNull(v: CellValue): number | null {
  return typeof v === 'number' ? v : null;
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
