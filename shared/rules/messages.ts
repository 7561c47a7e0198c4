// Chinese messages of the row, unit and duplicate rules. Every threshold comes from RULE_PARAMS, so a
// changed parameter changes the rule and its wording together. Messages that depend only on an enum value
// are built once and cached (large ledgers repeat them thousands of times).
import { RULE_PARAMS } from './catalogue';
import { HEADER_SEARCH_ROWS, ROSTER_ANCHOR_HEADER, SHEET_ROSTER, SHEET_UNIT } from '../template/definition';
import { ymdToIso, type Ymd } from '../dates';
import { RETIREMENT_RULES, type RetirementGroup } from '../retirement';
import { show } from './fields';

const P = RULE_PARAMS;
const iso = ymdToIso;

// ---- template
export const msgSheetMissing = (sheet: string) => `工作簿中没有“${sheet}”工作表，请使用标准模板，不要删除或改名工作表。`;
export const MSG_ROSTER_HEADER_NOT_FOUND =
  `“${SHEET_ROSTER}”表前${HEADER_SEARCH_ROWS}行中找不到“${ROSTER_ANCHOR_HEADER}”列标题，无法读取人员信息。` +
  `请使用标准模板，不要删除或改写列标题，表头须在前${HEADER_SEARCH_ROWS}行内。`;
export const msgRosterColumnMissing = (header: string) =>
  `“${SHEET_ROSTER}”表头缺少必填列“${header}”，请使用标准模板，不要删除或改写列标题。`;
export const msgUnitLabelMissing = (label: string) => `“${SHEET_UNIT}”表A列缺少“${label}”一项，请使用标准模板，不要删除或改写该项名称。`;

// ---- identity
export const msgId15 = (given: string, id18: string) => `“${given}”是15位旧身份证号码，已按规则升位为“${id18}”后校验。请尽量改填18位号码。`;
export const msgIdRegion = (id18: string) => `身份证号码前两位“${id18.slice(0, 2)}”不是有效的省级行政区划代码，请核对。`;
export const msgIdBirthMissing = (id18: string) => `身份证号码第7至14位的出生日期“${id18.slice(6, 14)}”不存在，请核对。`;
export const msgIdBirthAfterAsOf = (birth: Ymd, asOf: string) => `身份证号码中的出生日期 ${iso(birth)} 晚于核查日期 ${asOf}，请核对。`;
export const msgIdChecksum = (expected: string, actual: string) =>
  `身份证号码最后一位应为“${expected}”（按前17位计算），实际为“${actual}”，通常是某一位录入错误，请对照身份证逐位核对。`;
export const msgGender = (given: string, male: boolean) =>
  `性别填写为“${given}”，但身份证号码第17位为${male ? '奇数，对应“男”' : '偶数，对应“女”'}，请核对性别或身份证号码。`;
export const msgBirthMismatch = (cell: Ymd, id: Ymd) => `出生日期填写为 ${iso(cell)}，但身份证号码中的出生日期为 ${iso(id)}，请核对。`;

/** At most this many other rows are named in an ID_DUPLICATE message; the total is given beyond it. */
export const DUPLICATE_ROWS_LISTED = 8;
/** `others`: the first other rows (up to DUPLICATE_ROWS_LISTED + 1); `otherCount`: all other rows. */
export function msgDuplicate(id: string, others: readonly number[], otherCount: number): string {
  const rows =
    otherCount > DUPLICATE_ROWS_LISTED
      ? `${others.slice(0, DUPLICATE_ROWS_LISTED).join('、')} 行等共 ${otherCount} 行`
      : `${others.join('、')} 行`;
  return `身份证号码 ${id} 与第 ${rows}重复，同一人只应填写一行，请删除重复行或更正号码。`;
}

// ---- dates and terms
export const msgUnderage = (birth: Ymd, hire: Ymd, ofAge: Ymd) =>
  `按身份证出生日期 ${iso(birth)}，入职日期 ${iso(hire)} 时未满${P.minHireAge}周岁（满${P.minHireAge}周岁之日为 ${iso(ofAge)}），请核对入职日期或身份证号码。`;
export const msgHireInFuture = (hire: Ymd, asOf: string) => `入职日期 ${iso(hire)} 晚于核查日期 ${asOf}，请核对。`;
export const msgApprovalInFuture = (approval: Ymd, asOf: string) => `审批日期 ${iso(approval)} 晚于核查日期 ${asOf}，请核对。`;
export const msgTermEndBeforeStart = (start: Ymd, end: Ymd) => `使用期限止 ${iso(end)} 早于使用期限起 ${iso(start)}，请核对。`;
export const msgTermTooLong = (start: Ymd, end: Ymd, limit: Ymd) =>
  `使用期限 ${iso(start)} 至 ${iso(end)} 超过${termText()}（${termText()}期满为 ${iso(limit)}），编外人员原则上一年一签。如实填报即可。`;
function termText(): string {
  return P.maxTermMonths % 12 === 0 ? `${P.maxTermMonths / 12 === 1 ? '一' : P.maxTermMonths / 12}年` : `${P.maxTermMonths}个月`;
}
export const MSG_NO_TERM_BOTH = '使用期限起、止均为空，未明确本期使用期限。如实填报即可。';
export const MSG_NO_TERM_START = '“使用期限起”为空，未明确本期使用期限。如实填报即可。';
export const MSG_NO_TERM_END = '“使用期限止”为空，未明确本期使用期限。如实填报即可。';

// ---- employment
export const MSG_DISPATCH_COMPANY_MISSING = '用工形式为劳务派遣，但“劳务派遣单位”为空，请填写派遣单位全称。';
export const msgSalary = (pay: number) =>
  `月工资 ${pay} 元${pay < P.salaryMin ? `低于${P.salaryMin}元` : `高于${P.salaryMax}元`}，请核对是否填错单位（元）或位数；确实如此的可照常报送。`;
const overRetirement = new Map<string, string>();
let overRetirementAsOf = '';
/**
 * Remembered per (birth date, group, form) for one as-of date: the delay and the retirement date follow
 * from birth and group. Rows copied many times (the same person pasted 20,000 times) then cost one message.
 */
export function msgOverRetirement(
  birth: Ymd,
  group: RetirementGroup,
  delayMonths: number,
  retire: Ymd,
  asOf: string,
  form: string,
): string {
  if (asOf !== overRetirementAsOf || overRetirement.size >= 4096) {
    overRetirement.clear();
    overRetirementAsOf = asOf;
  }
  const key = form + '\u0001' + group + '\u0001' + birth;
  let m = overRetirement.get(key);
  if (m === undefined) {
    const label = RETIREMENT_RULES[group].label;
    overRetirement.set(
      key,
      (m = `按身份证出生日期 ${iso(birth)}（${label}${delayMonths > 0 ? `，延迟 ${delayMonths} 个月` : ''}），法定退休日期为 ${iso(retire)}，核查日期 ${asOf} 已超过法定退休年龄，用工形式为“${form}”而非退休返聘。如实填报即可。`),
    );
  }
  return m;
}
export const MSG_REHIRED_RETIREE = '用工形式为退休返聘。如实填报即可。';

const notLabourDispatch = new Map<string, string>();
export function msgNotLabourDispatch(form: string): string {
  let m = notLabourDispatch.get(form);
  if (m === undefined) notLabourDispatch.set(form, (m = `用工形式为“${form}”，不是劳务派遣或政府购买服务。如实填报即可。`));
  return m;
}

const outsource = new Map<string, string>();
export function msgOutsource(postName: string, keyword: string, form: string): string {
  const k = postName + '\u0001' + form;
  let m = outsource.get(k);
  if (m === undefined) {
    if (outsource.size > 2000) outsource.clear(); // post names are free text: keep the cache bounded
    outsource.set(
      k,
      (m = `岗位名称“${show(postName)}”含“${keyword}”，此类岗位应通过政府购买服务解决，当前用工形式为“${form}”。如实填报即可。`),
    );
  }
  return m;
}

// ---- findings
const prohibited = new Map<string, string>();
export function msgProhibited(category: string): string {
  let m = prohibited.get(category);
  if (m === undefined)
    prohibited.set(category, (m = `岗位类别为“${category}”，属于不得使用编外人员的岗位。如实填报即可，领导小组办公室汇总后统一研究处理。`));
  return m;
}
export const MSG_NO_COLLECTIVE_DECISION = '是否经集体研究为“否”，使用该人员未经党委（党组）集体研究。如实填报即可。';
export const MSG_NO_APPROVAL_BOTH = '审批文号和审批日期均为空，视为未经审批使用。如实填报即可。';
export const MSG_NO_APPROVAL_NO = '“审批文号”为空，视为未经审批使用。如实填报即可。';
export const MSG_NO_APPROVAL_DATE = '“审批日期”为空，视为未经审批使用。如实填报即可。';
export const msgHiredBeforeApproval = (hire: Ymd, approval: Ymd) =>
  `入职日期 ${iso(hire)} 早于审批日期 ${iso(approval)}（先用后批）。如实填报即可。`;
export const MSG_QUALIFICATION_MISSING = '岗位类别为技术性，但“职业资格证书”为空（应持证上岗）。如实填报即可。';
export const MSG_RELATIVE_OF_LEADER = '该人员与本单位领导干部有亲属关系。如实填报即可。';
export const msgDispositionUnexplained = (reasons: readonly string[]) =>
  `该人员存在“${reasons.join('”“')}”问题，拟处理意见为保留，请在“备注”中说明保留理由。`;

// ---- unit rules
export const msgCountMismatch = (declared: number, rows: number) =>
  `编外人员数填写为 ${declared}，但“编外人员台账”中有 ${rows} 行人员，请核对，确保一人不漏。`;
export const msgOverEstablishment = (onStaff: number, posts: number, rows: number) =>
  `实有在编人数 ${onStaff} ${onStaff > posts ? '超过' : '已达到'}核定编制数 ${posts}，仍使用编外人员 ${rows} 人（满编超编不得使用编外人员）。如实填报即可。`;
export function msgDispatchShare(dispatched: number, onStaff: number, rows: number): string {
  const total = onStaff + rows;
  const limit = ((total * P.dispatchMaxPercent) / 100).toFixed(1).replace(/\.0$/, '');
  return `劳务派遣 ${dispatched} 人，超过用工总量 ${total} 人（在编 ${onStaff} 人 + 编外 ${rows} 人）的${P.dispatchMaxPercent}%（${limit} 人）。如实填报即可。`;
}
export const msgFilingAfterAsOf = (filing: Ymd, asOf: string) =>
  `填报日期 ${iso(filing)} 晚于核查日期 ${asOf}（报送当天），请填写实际填报的日期。`;
export const msgFilingTooOld = (filing: Ymd, asOf: string, days: number) =>
  `填报日期 ${iso(filing)} 比核查日期 ${asOf} 早 ${days} 天，超过${P.filingDateMaxAgeDays}天，请改为本次实际填报的日期。`;
