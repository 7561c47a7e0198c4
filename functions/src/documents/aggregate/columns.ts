// The columns of the aggregated workbook's sheets, in sheet order. Headers of roster fields, enum
// values and finding codes derive from the template definition and the rule catalogue.
import { ENUMS, ROSTER_FIELDS, type RosterKey } from '../../../../shared/template/definition';
import { FINDING_CODES, summaryHeader } from '../../../../shared/desk/sheets';
import type { ColumnKind, ColumnSpec } from '../../../../shared/node/xlsxWriter';

const KIND_OF: Record<string, ColumnKind> = { date: 'date', integer: 'integer', number: 'number' };
const rosterKind = (k: RosterKey): ColumnKind => KIND_OF[ROSTER_FIELDS.find((f) => f.key === k)!.type.kind] ?? 'text';

/** 汇总: one row per unit in scope, then the total row. */
export const SUMMARY_COLUMNS: ColumnSpec[] = [
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

/** The roster fields written to 明细 (序号 is the unit's own numbering, replaced by 台账行号). */
export const DETAIL_FIELDS = ROSTER_FIELDS.filter((f) => f.key !== 'seq');

export const DETAIL_COLUMNS: ColumnSpec[] = [
  { header: '单位编号', kind: 'text', width: 12 },
  { header: '单位名称', kind: 'text', width: 24 },
  { header: '台账行号', kind: 'integer', width: 9 },
  ...DETAIL_FIELDS.map((f) => ({ header: f.header, kind: rosterKind(f.key), width: f.width })),
];

export const FINDING_COLUMNS: ColumnSpec[] = [
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

export const CROSS_COLUMNS: ColumnSpec[] = [
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

export const PROGRESS_COLUMNS: ColumnSpec[] = [
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

export const ACCOUNTABILITY_COLUMNS: ColumnSpec[] = [
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

export const SUSPECTED_COLUMNS: ColumnSpec[] = [
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
