// The one definition of the standard ledger template (version TEMPLATE_VERSION).
// Every header text, enum list, type and length in the project derives from here.

export const TEMPLATE_VERSION = '1';
/** Defined name in the template workbook whose cell holds TEMPLATE_VERSION. */
export const TEMPLATE_VERSION_NAME = 'taizhang.templateVersion';

export const SHEET_UNIT = '单位基本情况';
export const SHEET_ROSTER = '编外人员台账';
/** Default file name of the template workbook. */
export const TEMPLATE_FILE_NAME = `${SHEET_ROSTER}模板.xlsx`;
export const SHEET_GUIDE = '填表说明';
export const LEDGER_SHEETS = [SHEET_UNIT, SHEET_ROSTER] as const;
export type LedgerSheetName = (typeof LEDGER_SHEETS)[number];

/** The roster's header row is the first row within this many that contains the ID header. */
export const HEADER_SEARCH_ROWS = 10;

export const ENUMS = {
  unitCategory: ['机关', '参公事业单位', '事业单位', '其他'],
  fundingType: ['全额拨款', '差额补贴', '经费自理'],
  gender: ['男', '女'],
  education: ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'],
  postCategory: ['技术性', '服务性', '辅助性', '行政管理', '行政执法', '人事财务', '涉密', '其他'],
  employmentForm: ['劳务派遣', '单位直接聘用', '退休返聘', '政府购买服务', '公益性岗位', '临时用工', '借用借调', '其他'],
  yesNo: ['是', '否'],
  fundingSource: ['财政拨款', '单位自有资金', '专项经费', '其他'],
  disposition: ['保留', '清退', '转为劳务派遣', '转为政府购买服务', '调整岗位'],
} as const;
export type EnumName = keyof typeof ENUMS;
/** One value of an enum list: code that names a value is checked against the list by the compiler. */
export type EnumValue<E extends EnumName> = (typeof ENUMS)[E][number];

export type FieldType =
  | { kind: 'text'; maxLength?: number; minLength?: number }
  | { kind: 'enum'; values: EnumName }
  | { kind: 'date' }
  | { kind: 'integer'; min: number }
  | { kind: 'number'; min: number }
  | { kind: 'idNumber' }
  | { kind: 'creditCode' }
  | { kind: 'mobile' };

export interface FieldDef<K extends string = string> {
  key: K;
  /** Exact header (roster) or label (unit sheet) text. */
  header: string;
  type: FieldType;
  required: boolean;
  /** Plain-Chinese guidance: the input prompt and the 填表说明 line. */
  help: string;
  /** Column width in the template, in characters. */
  width?: number;
}

const f = <K extends string>(d: FieldDef<K>) => d;

export const UNIT_FIELDS = [
  f({
    key: 'unitName',
    header: '单位名称',
    type: { kind: 'text', maxLength: 100 },
    required: true,
    help: '填写单位全称，与公章一致，不超过100字。',
  }),
  f({
    key: 'creditCode',
    header: '统一社会信用代码',
    type: { kind: 'creditCode' },
    required: true,
    help: '18位统一社会信用代码，见单位法人证书。',
  }),
  f({ key: 'supervisingDept', header: '主管部门', type: { kind: 'text' }, required: true, help: '填写主管部门全称。' }),
  f({
    key: 'unitCategory',
    header: '单位类别',
    type: { kind: 'enum', values: 'unitCategory' },
    required: true,
    help: '从下拉列表选择：机关、参公事业单位、事业单位或其他。',
  }),
  f({
    key: 'fundingType',
    header: '经费形式',
    type: { kind: 'enum', values: 'fundingType' },
    required: true,
    help: '从下拉列表选择：全额拨款、差额补贴或经费自理。',
  }),
  f({
    key: 'authorisedPosts',
    header: '核定编制数',
    type: { kind: 'integer', min: 0 },
    required: true,
    help: '编制部门核定的编制数，整数。',
  }),
  f({
    key: 'onStaffCount',
    header: '实有在编人数',
    type: { kind: 'integer', min: 0 },
    required: true,
    help: '截至填报日期实际在编人数，整数。',
  }),
  f({
    key: 'offStaffCount',
    header: '编外人员数',
    type: { kind: 'integer', min: 0 },
    required: true,
    help: '必须等于“编外人员台账”中填写的人员行数。',
  }),
  f({
    key: 'headName',
    header: '单位主要负责人',
    type: { kind: 'text' },
    required: true,
    help: '单位一把手姓名（第一责任人），负责签字。',
  }),
  f({ key: 'leaderName', header: '分管负责人', type: { kind: 'text' }, required: true, help: '分管负责人姓名（主要责任人）。' }),
  f({ key: 'liaisonName', header: '联络员', type: { kind: 'text' }, required: true, help: '联络员姓名（直接责任人）。' }),
  f({ key: 'liaisonPhone', header: '联络员手机', type: { kind: 'mobile' }, required: true, help: '11位手机号码。' }),
  f({ key: 'filingDate', header: '填报日期', type: { kind: 'date' }, required: true, help: '日期，如 2026-11-26。' }),
] as const;

export const ROSTER_FIELDS = [
  f({ key: 'seq', header: '序号', type: { kind: 'integer', min: 0 }, required: false, help: '可选，流水号。', width: 6 }),
  f({
    key: 'name',
    header: '姓名',
    type: { kind: 'text', minLength: 1, maxLength: 30 },
    required: true,
    help: '与身份证一致，不超过30字。',
    width: 10,
  }),
  f({
    key: 'gender',
    header: '性别',
    type: { kind: 'enum', values: 'gender' },
    required: true,
    help: '男或女，须与身份证号码一致。',
    width: 6,
  }),
  f({
    key: 'idNumber',
    header: '身份证号码',
    type: { kind: 'idNumber' },
    required: true,
    help: '18位公民身份号码，末位X大写；请设为文本格式，避免变成科学计数。',
    width: 21,
  }),
  f({ key: 'birthDate', header: '出生日期', type: { kind: 'date' }, required: false, help: '可选；填写时须与身份证号码一致。', width: 12 }),
  f({
    key: 'education',
    header: '学历',
    type: { kind: 'enum', values: 'education' },
    required: true,
    help: '从下拉列表选择最高学历。',
    width: 11,
  }),
  f({ key: 'major', header: '所学专业', type: { kind: 'text' }, required: false, help: '可选。', width: 14 }),
  f({
    key: 'qualification',
    header: '职业资格证书',
    type: { kind: 'text' },
    required: false,
    help: '技术性岗位须填写所持证书（持证上岗）。',
    width: 14,
  }),
  f({
    key: 'postName',
    header: '岗位名称',
    type: { kind: 'text' },
    required: true,
    help: '实际从事的岗位，如“窗口服务”“驾驶员”。',
    width: 14,
  }),
  f({
    key: 'postCategory',
    header: '岗位类别',
    type: { kind: 'enum', values: 'postCategory' },
    required: true,
    help: '从下拉列表选择；行政管理、行政执法、人事财务、涉密岗位不得使用编外人员，会列为问题。',
    width: 11,
  }),
  f({
    key: 'employmentForm',
    header: '用工形式',
    type: { kind: 'enum', values: 'employmentForm' },
    required: true,
    help: '从下拉列表选择实际用工形式。',
    width: 13,
  }),
  f({
    key: 'dispatchCompany',
    header: '劳务派遣单位',
    type: { kind: 'text' },
    required: false,
    help: '用工形式为劳务派遣时必填。',
    width: 18,
  }),
  f({ key: 'hireDate', header: '入职日期', type: { kind: 'date' }, required: true, help: '到本单位工作的日期。', width: 12 }),
  f({
    key: 'termStart',
    header: '使用期限起',
    type: { kind: 'date' },
    required: false,
    help: '本期派遣协议或聘用合同起始日期。',
    width: 12,
  }),
  f({
    key: 'termEnd',
    header: '使用期限止',
    type: { kind: 'date' },
    required: false,
    help: '本期期限终止日期；原则上一年一签。',
    width: 12,
  }),
  f({
    key: 'collectiveDecision',
    header: '是否经集体研究',
    type: { kind: 'enum', values: 'yesNo' },
    required: true,
    help: '是否经党委（党组）集体研究决定使用。',
    width: 9,
  }),
  f({
    key: 'approvalNo',
    header: '审批文号',
    type: { kind: 'text' },
    required: false,
    help: '审批文件文号；未经审批留空，会列为问题。',
    width: 16,
  }),
  f({ key: 'approvalDate', header: '审批日期', type: { kind: 'date' }, required: false, help: '审批文件日期。', width: 12 }),
  f({
    key: 'fundingSource',
    header: '经费来源',
    type: { kind: 'enum', values: 'fundingSource' },
    required: true,
    help: '从下拉列表选择。',
    width: 12,
  }),
  f({
    key: 'monthlySalary',
    header: '月工资（元）',
    type: { kind: 'number', min: 0 },
    required: true,
    help: '应发月工资，单位元，数字。',
    width: 11,
  }),
  f({
    key: 'relativeOfLeader',
    header: '是否与单位领导干部有亲属关系',
    type: { kind: 'enum', values: 'yesNo' },
    required: true,
    help: '与本单位领导干部是否有夫妻、直系血亲、三代以内旁系血亲或近姻亲关系。',
    width: 12,
  }),
  f({
    key: 'disposition',
    header: '拟处理意见',
    type: { kind: 'enum', values: 'disposition' },
    required: true,
    help: '从下拉列表选择；存在问题仍拟保留的，请在备注中说明理由。',
    width: 14,
  }),
  f({ key: 'remarks', header: '备注', type: { kind: 'text' }, required: false, help: '需要说明的情况。', width: 24 }),
] as const;

export type UnitKey = (typeof UNIT_FIELDS)[number]['key'];
export type RosterKey = (typeof ROSTER_FIELDS)[number]['key'];

export const ROSTER_FIELD_BY_KEY = Object.fromEntries(ROSTER_FIELDS.map((d) => [d.key, d])) as Record<RosterKey, FieldDef<RosterKey>>;
/** The roster header that locates the header row. */
export const ROSTER_ANCHOR_HEADER = ROSTER_FIELD_BY_KEY.idNumber.header;
