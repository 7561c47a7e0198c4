// The rule catalogue (spec: ledger-template.md, "Rule catalogue"): code, severity and the plain-Chinese
// explanation shown in the task pane, the CLI report and the 填表说明 sheet.

import type { EnumValue } from '../template/definition';

export const SEVERITIES = ['error', 'warning', 'finding'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABEL: Record<Severity, string> = {
  error: '错误',
  warning: '提醒',
  finding: '问题发现',
};

export type RuleScope = 'template' | 'cell' | 'row' | 'unit' | 'office';

export interface RuleDef {
  severity: Severity;
  scope: RuleScope;
  /** Short Chinese name of the rule. */
  title: string;
  /** What the rule means and how to fix it, in plain Chinese. */
  explain: string;
}

/** Parameters of the row and unit rules (spec: ledger-template.md, "Rule catalogue"). */
export const RULE_PARAMS = {
  /** PROHIBITED_POST: 岗位类别 values where off-staff personnel may not be used. */
  prohibitedPostCategories: ['行政管理', '行政执法', '人事财务', '涉密'] satisfies EnumValue<'postCategory'>[],
  /** OUTSOURCEABLE_POST: 岗位名称 keywords of posts that should be bought as services. */
  outsourceablePostKeywords: [
    '保洁',
    '保安',
    '安保',
    '门卫',
    '物业',
    '绿化',
    '食堂',
    '餐饮',
    '厨',
    '驾驶',
    '司机',
    '会议保障',
    '文印',
    '维修',
  ],
  /** SALARY_OUTLIER: monthly salary outside [min, max] yuan. */
  salaryMin: 1000,
  salaryMax: 30000,
  /** UNDERAGE_AT_HIRE: minimum age on 入职日期. */
  minHireAge: 16,
  /** DISPATCH_OVER_TEN_PERCENT: dispatched rows may not exceed this share of (在编 + 编外). */
  dispatchMaxPercent: 10,
  /** TERM_OVER_ONE_YEAR: longest term in months. */
  maxTermMonths: 12,
  /** FILING_DATE_OUT_OF_RANGE: 填报日期 may be at most this many days before as-of (and never after it). */
  filingDateMaxAgeDays: 30,
} as const;

const P = RULE_PARAMS;

export const RULES = {
  TEMPLATE_SHEET_MISSING: {
    severity: 'error',
    scope: 'template',
    title: '缺少工作表',
    explain: '工作簿必须包含“单位基本情况”和“编外人员台账”两张工作表，请使用标准模板，不要改动工作表名称。',
  },
  TEMPLATE_COLUMN_MISSING: {
    severity: 'error',
    scope: 'template',
    title: '缺少必填列',
    explain: '台账缺少必填的列标题或单位信息项，请使用标准模板，不要删除或改写列标题。',
  },
  REQUIRED_MISSING: { severity: 'error', scope: 'cell', title: '必填项为空', explain: '该项为必填项，请补充填写。' },
  ENUM_INVALID: {
    severity: 'error',
    scope: 'cell',
    title: '不在可选范围',
    explain: '请从下拉列表中选择规定的选项，不要自行填写其他写法。',
  },
  DATE_INVALID: {
    severity: 'error',
    scope: 'cell',
    title: '日期无效',
    explain: '日期无法识别或不存在。请填写如 2024-03-01、2024/3/1、2024.3.1 或 2024年3月1日 的真实日期。',
  },
  FILING_DATE_OUT_OF_RANGE: {
    severity: 'error',
    scope: 'unit',
    title: '填报日期不在有效范围',
    explain: `填报日期须为本次实际填报的日期：不能晚于核查日期（报送当天），也不能比核查日期早${P.filingDateMaxAgeDays}天以上。请改为实际填报的日期后报送。`,
  },
  NUMBER_INVALID: { severity: 'error', scope: 'cell', title: '数字无效', explain: '请填写不小于0的数字；人数等须为整数。' },
  TEXT_TOO_LONG: { severity: 'error', scope: 'cell', title: '内容过长', explain: '内容超过规定长度，请精简。' },
  PHONE_INVALID: {
    severity: 'error',
    scope: 'cell',
    title: '手机号码无效',
    explain: '联络员手机须为11位大陆手机号码，以1开头、第二位为3至9。',
  },
  USCC_INVALID: {
    severity: 'warning',
    scope: 'cell',
    title: '统一社会信用代码存疑',
    explain:
      '统一社会信用代码位数、字符或校验位不符合国家标准（GB 32100-2015）。请对照法人证书核对；个别早期代码确实不符合，可在核对无误后照常报送。',
  },
  ID_FORMAT: {
    severity: 'error',
    scope: 'cell',
    title: '身份证号码格式错误',
    explain:
      '身份证号码应为18位：前17位为数字，最后一位为数字或X（15位旧号码也可识别）。请检查位数，并将单元格设为文本格式，防止被转成科学计数。',
  },
  ID_15_DIGIT: {
    severity: 'warning',
    scope: 'cell',
    title: '15位旧身份证号码',
    explain: '这是15位旧身份证号码，已按规则升位后校验。请尽量改填18位号码。',
  },
  ID_REGION_INVALID: {
    severity: 'error',
    scope: 'cell',
    title: '身份证地区码无效',
    explain: '身份证号码前两位不是有效的省级行政区划代码，请核对。',
  },
  ID_BIRTHDATE_INVALID: {
    severity: 'error',
    scope: 'cell',
    title: '身份证出生日期无效',
    explain: '身份证号码中的出生日期（第7至14位）不存在或晚于核查日期，请核对。',
  },
  ID_CHECKSUM: {
    severity: 'error',
    scope: 'cell',
    title: '身份证校验位错误',
    explain: '身份证号码最后一位校验码与前17位不符，通常是某一位录入错误，请对照身份证逐位核对。',
  },
  ID_DUPLICATE: {
    severity: 'error',
    scope: 'cell',
    title: '身份证号码重复',
    explain: '同一身份证号码在本台账中出现多次，同一人只应填写一行。',
  },
  GENDER_MISMATCH: {
    severity: 'error',
    scope: 'cell',
    title: '性别与身份证不符',
    explain: '身份证号码第17位为奇数是男性、偶数是女性，请核对性别或号码。',
  },
  BIRTHDATE_MISMATCH: {
    severity: 'error',
    scope: 'cell',
    title: '出生日期与身份证不符',
    explain: '填写的出生日期与身份证号码中的出生日期不一致，请核对。',
  },
  DATE_IN_FUTURE: {
    severity: 'error',
    scope: 'cell',
    title: '日期晚于核查日期',
    explain: '入职日期或审批日期不能晚于核查（填报）日期，请核对。',
  },
  TERM_END_BEFORE_START: { severity: 'error', scope: 'cell', title: '使用期限止早于起', explain: '使用期限止不能早于使用期限起，请核对。' },
  UNDERAGE_AT_HIRE: {
    severity: 'error',
    scope: 'cell',
    title: `入职时未满${P.minHireAge}周岁`,
    explain: `按身份证出生日期，入职时未满${P.minHireAge}周岁，请核对入职日期或身份证号码。`,
  },
  DISPATCH_COMPANY_MISSING: {
    severity: 'error',
    scope: 'cell',
    title: '缺少劳务派遣单位',
    explain: '用工形式为劳务派遣的，必须填写劳务派遣单位名称。',
  },
  COUNT_MISMATCH: {
    severity: 'error',
    scope: 'unit',
    title: '编外人员数不符',
    explain: '“单位基本情况”中的编外人员数必须等于台账中填写的人员行数，请核对，确保一人不漏。',
  },
  SALARY_OUTLIER: {
    severity: 'warning',
    scope: 'cell',
    title: '月工资异常',
    explain: `月工资低于${P.salaryMin}元或高于${P.salaryMax}元，请核对是否填错单位或位数；确实如此的可照常报送。`,
  },
  DISPOSITION_UNEXPLAINED: {
    severity: 'warning',
    scope: 'cell',
    title: '拟保留未说明理由',
    explain: '该人员存在禁止岗位、超龄、退休返聘或领导亲属等问题，拟处理意见为保留的，请在备注中说明理由。',
  },
  PROHIBITED_POST: {
    severity: 'finding',
    scope: 'row',
    title: '禁止使用编外人员的岗位',
    explain: `${P.prohibitedPostCategories.join('、')}岗位不得使用编外人员。如实填报即可，领导小组办公室汇总后统一研究处理。`,
  },
  NOT_LABOR_DISPATCH: {
    severity: 'finding',
    scope: 'row',
    title: '非劳务派遣或政府购买服务用工',
    explain: '今后编外用工原则上只采用劳务派遣或政府购买服务方式。如实填报即可。',
  },
  REHIRED_RETIREE: {
    severity: 'finding',
    scope: 'row',
    title: '退休返聘',
    explain: '该人员为退休返聘人员，列为问题供汇总研究。如实填报即可。',
  },
  OVER_RETIREMENT_AGE: {
    severity: 'finding',
    scope: 'row',
    title: '超过法定退休年龄',
    explain: '按出生日期和渐进式延迟退休规定，该人员已超过法定退休年龄且用工形式不是退休返聘。如实填报即可。',
  },
  NO_COLLECTIVE_DECISION: {
    severity: 'finding',
    scope: 'row',
    title: '未经集体研究',
    explain: '使用编外人员未经党委（党组）集体研究。如实填报即可。',
  },
  NO_APPROVAL: {
    severity: 'finding',
    scope: 'row',
    title: '未经审批',
    explain: '审批文号或审批日期为空，视为未经审批使用。如实填报即可。',
  },
  HIRED_BEFORE_APPROVAL: {
    severity: 'finding',
    scope: 'row',
    title: '先用后批',
    explain: '入职日期早于审批日期（先斩后奏）。如实填报即可。',
  },
  TERM_OVER_ONE_YEAR: {
    severity: 'finding',
    scope: 'row',
    title: '使用期限超过一年',
    explain: '编外人员原则上一年一签，本期使用期限超过一年。如实填报即可。',
  },
  NO_TERM: { severity: 'finding', scope: 'row', title: '未约定使用期限', explain: '使用期限起或止为空，未明确使用期限。如实填报即可。' },
  QUALIFICATION_MISSING: {
    severity: 'finding',
    scope: 'row',
    title: '技术岗位无资格证书',
    explain: '技术性岗位应持证上岗，职业资格证书为空。如实填报即可。',
  },
  RELATIVE_OF_LEADER: {
    severity: 'finding',
    scope: 'row',
    title: '领导干部亲属',
    explain: '该人员与本单位领导干部有亲属关系。如实填报即可。',
  },
  OUTSOURCEABLE_POST: {
    severity: 'finding',
    scope: 'row',
    title: '可购买服务的岗位',
    explain: '保洁、保安、门卫、物业、绿化、食堂、驾驶、会议保障、文印、维修等岗位应通过政府购买服务解决。如实填报即可。',
  },
  UNIT_OVER_ESTABLISHMENT: {
    severity: 'finding',
    scope: 'unit',
    title: '满编超编仍使用编外人员',
    explain: '实有在编人数已达到或超过核定编制数，满编超编单位不得使用编外人员。如实填报即可。',
  },
  DISPATCH_OVER_TEN_PERCENT: {
    severity: 'finding',
    scope: 'unit',
    title: `劳务派遣超过用工总量${P.dispatchMaxPercent}%`,
    explain: `劳务派遣人员超过用工总量（在编人数加编外人数）的${P.dispatchMaxPercent}%（《劳务派遣暂行规定》第四条）。如实填报即可。`,
  },
  CROSS_UNIT_DUPLICATE: {
    severity: 'finding',
    scope: 'office',
    title: '多个单位重复填报',
    explain: '同一身份证号码出现在两个及以上单位的台账中，需核实是否一人多处领取报酬。',
  },
  ON_STAFF_OVERLAP: {
    severity: 'finding',
    scope: 'office',
    title: '与在编人员名单重合',
    explain: '该身份证号码同时在在编人员名单中，存在吃空饷、在编不在岗风险，需核实。',
  },
} as const satisfies Record<string, RuleDef>;

export type RuleCode = keyof typeof RULES;
export const RULE_CODES = Object.keys(RULES) as RuleCode[];
