// Sheet names and derived 汇总 headers of the aggregated workbook: shared by the server (which writes
// them) and the add-in (which inserts the sheets and charts them). Pure; browser-safe.
import { RULES, RULE_CODES, type RuleCode } from '../rules/catalogue';

export const SHEETS = {
  summary: '汇总',
  detail: '明细',
  findings: '问题清单',
  crossUnit: '跨单位核查',
  progress: '进度',
  accountability: '问责线索',
} as const;

/** Finding rules, in catalogue order: one 汇总 column each. */
export const FINDING_CODES: RuleCode[] = RULE_CODES.filter((c) => RULES[c].severity === 'finding');

export const summaryHeader = {
  employmentForm: (v: string) => `用工形式-${v}`,
  fundingSource: (v: string) => `经费来源-${v}`,
  disposition: (v: string) => `拟处理-${v}`,
  rule: (c: RuleCode) => `问题-${RULES[c].title}`,
};

/** The 汇总 total row's first cell. */
export const TOTAL_LABEL = '合计';
