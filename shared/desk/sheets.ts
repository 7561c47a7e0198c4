// Sheet names, derived 汇总 headers and the status words of the aggregated workbook: shared by the
// server (which writes them) and the add-in (which inserts the sheets, charts them and shows the same
// words). Pure; browser-safe.
import { RULES, RULE_CODES, type RuleCode } from '../rules/catalogue';
import type { MilestoneState, UnitStatus } from '../api/enums';

export const SHEETS = {
  summary: '汇总',
  detail: '明细',
  findings: '问题清单',
  crossUnit: '跨单位核查',
  progress: '进度',
  accountability: '问责线索',
  suspected: '疑似漏报',
} as const;

/** Finding rules, in catalogue order: one 汇总 column each. */
export const FINDING_CODES: RuleCode[] = RULE_CODES.filter((c) => RULES[c].severity === 'finding');

export const summaryHeader = {
  employmentForm: (v: string) => `用工形式-${v}`,
  fundingSource: (v: string) => `经费来源-${v}`,
  disposition: (v: string) => `拟处理-${v}`,
  rule: (c: RuleCode) => `问题-${RULES[c].title}`,
};

export const UNIT_STATUS_LABEL: Record<UnitStatus, string> = {
  not_started: '未报送',
  submitted: '已提交待签字',
  signed: '已签字待盖章',
  sealed: '已报送',
  endorsed: '主管部门已审核',
  returned: '已退回',
  accepted: '已通过',
};

export const MILESTONE_STATE_LABEL: Record<MilestoneState, string> = {
  due: '未到期',
  done_on_time: '按时完成',
  done_late: '逾期完成',
  overdue: '已逾期',
};

/** The 汇总 total row's first cell. */
export const TOTAL_LABEL = '合计';
