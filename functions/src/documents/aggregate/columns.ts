// The columns of the aggregated workbook's sheets, in sheet order. Headers of roster fields, enum
// values and finding codes derive from the template definition and the rule catalogue.
import { ENUMS, ROSTER_FIELD_BY_KEY, ROSTER_FIELDS, type RosterKey } from '../../../../shared/template/definition';
import { FINDING_CODES, summaryHeader } from '../../../../shared/desk/sheets';
import type { ColumnKind, ColumnSpec } from '../../../../shared/node/xlsxWriter';

const KIND_OF: Record<string, ColumnKind> = { date: 'date', integer: 'integer', number: 'number' };
const rosterKind = (k: RosterKey): ColumnKind => KIND_OF[ROSTER_FIELDS.find((f) => f.key === k)!.type.kind] ?? 'text';

/** A column of one kind; without a width the writer sizes it from the header. */
const column =
  (kind: ColumnKind) =>
  (header: string, width?: number): ColumnSpec =>
    width === undefined ? { header, kind } : { header, kind, width };
const text = column('text');
const int = column('integer');
const date = column('date');
const datetime = column('datetime');

/** Columns several sheets share, defined once. */
const UNIT_ID = text('单位编号', 12);
const UNIT_NAME = text('单位名称', 24);
const PARENT = text('主管部门', 20);
const LEDGER_ROW = int('台账行号', 9);
const PERSON_NAME = text(ROSTER_FIELD_BY_KEY.name.header, 10);
const ID_NUMBER = text(ROSTER_FIELD_BY_KEY.idNumber.header, 21);
const ENDORSED_AT = datetime('主管部门审核时间');
const OVERDUE_DAYS = int('逾期天数');

/** 汇总: one row per unit in scope, then the total row. */
export const SUMMARY_COLUMNS: ColumnSpec[] = [
  UNIT_ID,
  text('单位名称', 28),
  text('主管部门', 22),
  int('核定编制数'),
  int('实有在编人数'),
  int('编外人员数'),
  ...ENUMS.employmentForm.map((v) => int(summaryHeader.employmentForm(v))),
  ...ENUMS.fundingSource.map((v) => int(summaryHeader.fundingSource(v))),
  ...FINDING_CODES.map((c) => int(summaryHeader.rule(c), 14)),
  int('问题合计'),
  ...ENUMS.disposition.map((v) => int(summaryHeader.disposition(v))),
  int('漏报瞒报人数'),
  int('疑似漏报人数'),
  text('状态', 14),
  int('报送版本'),
  datetime('提交时间'),
  datetime('签字时间'),
  datetime('盖章时间'),
  ENDORSED_AT,
  datetime('通过时间'),
  text('是否按时', 9),
  OVERDUE_DAYS,
];

/** The roster fields written to 明细 (序号 is the unit's own numbering, replaced by 台账行号). */
export const DETAIL_FIELDS = ROSTER_FIELDS.filter((f) => f.key !== 'seq');

export const DETAIL_COLUMNS: ColumnSpec[] = [
  UNIT_ID,
  UNIT_NAME,
  LEDGER_ROW,
  ...DETAIL_FIELDS.map((f) => column(rosterKind(f.key))(f.header, f.width)),
];

export const FINDING_COLUMNS: ColumnSpec[] = [
  UNIT_ID,
  UNIT_NAME,
  text('工作表', 14),
  LEDGER_ROW,
  text('单元格', 8),
  PERSON_NAME,
  ID_NUMBER,
  text('问题代码', 24),
  text('问题', 22),
  text('说明', 40),
  text('政策解释', 50),
];

export const CROSS_COLUMNS: ColumnSpec[] = [
  text('核查类型', 18),
  text('问题代码', 22),
  ID_NUMBER,
  PERSON_NAME,
  UNIT_ID,
  UNIT_NAME,
  LEDGER_ROW,
  int('涉及单位数'),
  text('其他单位', 40),
];

export const PROGRESS_COLUMNS: ColumnSpec[] = [
  UNIT_ID,
  UNIT_NAME,
  PARENT,
  text('时间节点', 12),
  text('节点名称', 20),
  date('截止日期'),
  text('是否延期', 9),
  datetime('完成时间'),
  text('完成情况', 10),
  OVERDUE_DAYS,
  text('单位状态', 14),
  ENDORSED_AT,
];

export const ACCOUNTABILITY_COLUMNS: ColumnSpec[] = [
  text('核查编号', 14),
  text('核查方式', 10),
  date('核查日期'),
  UNIT_ID,
  UNIT_NAME,
  PERSON_NAME,
  ID_NUMBER,
  int('核查时台账版本'),
  text('单位主要负责人（第一责任人）', 20),
  text('分管负责人（主要责任人）', 20),
  text('联络员（直接责任人）', 20),
  text('核查情况', 40),
  text('登记人', 12),
  datetime('登记时间'),
];

export const SUSPECTED_COLUMNS: ColumnSpec[] = [
  text('类型', 16),
  UNIT_ID,
  UNIT_NAME,
  PARENT,
  PERSON_NAME,
  ID_NUMBER,
  text('名单来源', 30),
  text('列入台账的单位', 24),
  text('核查记录', 16),
];
