// Deterministic, fast builders of sample ledgers (zero errors, zero warnings; varied findings on some rows).
// Used by the demo seeding (`npm start`, `npm run demo`), the tests, the benchmarks and the e2e run.
import { ROSTER_FIELDS, TEMPLATE_VERSION, SHEET_ROSTER, SHEET_UNIT, UNIT_FIELDS, type RosterKey, type UnitKey } from '../shared/template/definition';
import type { Cell, Ledger, LedgerRow, UnitSheet } from '../shared/ledger/schema';
import { addMonths, ymdToIso, type Ymd } from '../shared/dates';
import { makeIdNumber } from '../shared/id/idcard';
import { makeUscc } from '../shared/id/uscc';

export type RosterValues = Record<RosterKey, Cell>;
export type UnitValues = Record<UnitKey, Cell>;

/** The filing date of the sample unit; the default as-of of a check. */
export const SAMPLE_FILING_DATE = '2025-06-30';
/** Worksheet row of the roster header in makeSheets (title in row 1, a note in row 2). */
export const SAMPLE_HEADER_ROW = 3;

const REGIONS = ['110101', '310104', '440305', '510107', '330106', '420102', '610113', '370202'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平'];
const EDUCATION = ['研究生', '大学本科', '大学专科', '中专', '高中', '初中及以下'];
const FUNDING = ['财政拨款', '单位自有资金', '专项经费', '其他'];
const FORMS = ['劳务派遣', '劳务派遣', '劳务派遣', '劳务派遣', '政府购买服务', '政府购买服务', '政府购买服务', '单位直接聘用', '退休返聘', '临时用工'];
const POSTS: [string, string][] = [
  ['技术性', '信息技术员'], ['技术性', '检验检测员'], ['技术性', '水质化验员'],
  ['服务性', '窗口服务'], ['服务性', '保洁员'], ['服务性', '驾驶员'], ['服务性', '接待服务'],
  ['辅助性', '文秘辅助'], ['辅助性', '档案整理'], ['辅助性', '数据录入'],
  ['行政管理', '综合管理'], ['其他', '协管员'],
];
const DISPOSITIONS = ['保留', '清退', '转为劳务派遣', '转为政府购买服务', '调整岗位', '保留'];

const ymd = (y: number, m: number, d: number): Ymd => y * 10000 + m * 100 + d;

/**
 * A valid roster row (normalised values, dates 'YYYY-MM-DD'). Row i has a unique ID for i < 13,000,000.
 * Findings vary with i: over retirement age, prohibited post, rehired retiree, no approval, no term, …
 */
export function validRosterRow(i: number): RosterValues {
  const birthYear = 1962 + (i % 39);
  const birthMonth = 1 + (Math.floor(i / 39) % 12);
  const birthDay = 1 + (Math.floor(i / 468) % 28);
  const male = i % 2 === 1;
  const seq = (Math.floor(i / 13104) * 2 + (male ? 1 : 0)) % 1000;
  const birth = ymd(birthYear, birthMonth, birthDay);
  const id = makeIdNumber(REGIONS[i % REGIONS.length], String(birth), seq, male);
  const [postCategory, postName] = POSTS[i % POSTS.length];
  const form = FORMS[i % FORMS.length];
  const hireYear = Math.min(birthYear + 18 + (i % 7), 2024);
  const hire = ymd(hireYear, 1 + (i % 12), 1 + (i % 28));
  const approval = i % 11 === 5 ? addMonths(hire, 1) : addMonths(hire, -1);
  const noApproval = i % 19 === 7;
  const termStart = ymd(2025, 1 + (i % 6), 1 + (i % 28));
  const noTerm = i % 13 === 3;
  const termEnd = addMonths(termStart, i % 17 === 9 ? 36 : 12);
  const disposition = DISPOSITIONS[i % DISPOSITIONS.length];
  return {
    seq: i + 1,
    name: SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / 20) % GIVEN.length] + (i % 3 === 0 ? GIVEN[i % GIVEN.length] : ''),
    gender: male ? '男' : '女',
    idNumber: id,
    birthDate: i % 4 === 0 ? ymdToIso(birth) : null,
    education: EDUCATION[i % EDUCATION.length],
    major: i % 5 === 0 ? null : '计算机应用',
    qualification: postCategory === '技术性' && i % 5 !== 0 ? '初级专业技术资格' : null,
    postName,
    postCategory,
    employmentForm: form,
    dispatchCompany: form === '劳务派遣' ? '示范县人力资源服务有限公司' : null,
    hireDate: ymdToIso(hire),
    termStart: noTerm ? null : ymdToIso(termStart),
    termEnd: noTerm ? null : ymdToIso(termEnd),
    collectiveDecision: i % 23 === 4 ? '否' : '是',
    approvalNo: noApproval ? null : `示编办〔${hireYear}〕${(i % 90) + 1}号`,
    approvalDate: noApproval ? null : ymdToIso(approval),
    fundingSource: FUNDING[i % FUNDING.length],
    monthlySalary: 2500 + ((i * 37) % 55) * 100,
    relativeOfLeader: i % 29 === 11 ? '是' : '否',
    disposition,
    // Rows kept despite a problem explain why, so the sample has no DISPOSITION_UNEXPLAINED warning.
    remarks: disposition === '保留' ? '经研究拟保留，理由已另行说明' : null,
  };
}

/**
 * A roster row with no issue at all on SAMPLE_FILING_DATE (a 35-year-old dispatched window clerk, approved,
 * one-year term), for tests that change one value and look for one rule.
 */
export function cleanRosterValues(patch: Partial<RosterValues> = {}): RosterValues {
  return {
    seq: 1,
    name: '张伟',
    gender: '男',
    idNumber: makeIdNumber('110101', '19900315', 13, true),
    birthDate: null,
    education: '大学本科',
    major: null,
    qualification: null,
    postName: '窗口服务',
    postCategory: '服务性',
    employmentForm: '劳务派遣',
    dispatchCompany: '示范县人力资源服务有限公司',
    hireDate: '2020-03-01',
    termStart: '2025-01-01',
    termEnd: '2025-12-31',
    collectiveDecision: '是',
    approvalNo: '示编办〔2020〕1号',
    approvalDate: '2020-02-01',
    fundingSource: '财政拨款',
    monthlySalary: 4500,
    relativeOfLeader: '否',
    disposition: '保留',
    remarks: null,
    ...patch,
  };
}

/** A ledger of clean rows (each patch applied to cleanRosterValues, IDs made unique) and a matching unit. */
export function cleanLedger(patches: Partial<RosterValues>[] = [{}], unit: Partial<UnitValues> = {}): Ledger {
  const rows = patches.map((p, i) => ({
    row: rowNumberOf(i),
    values: cleanRosterValues({ seq: i + 1, idNumber: makeIdNumber('110101', '19900315', 10 + 2 * i + 1, true), ...p }),
  }));
  return {
    templateVersion: TEMPLATE_VERSION,
    unit: validUnitSheet(rows.length, unit),
    roster: { headerRow: SAMPLE_HEADER_ROW, columns: standardColumns(), rows },
  };
}

/** Valid unit facts for a roster of n rows (no unit-level findings unless overridden). */
export function validUnitValues(n: number, overrides: Partial<UnitValues> = {}): UnitValues {
  return {
    unitName: '示范县数据资源管理局',
    creditCode: makeUscc('12330100MB1234567'),
    supervisingDept: '示范县人民政府办公室',
    unitCategory: '事业单位',
    fundingType: '全额拨款',
    authorisedPosts: n * 10 + 100,
    onStaffCount: n * 9 + 80,
    offStaffCount: n,
    headName: '李建国',
    leaderName: '王志强',
    liaisonName: '陈晓燕',
    liaisonPhone: '13812345678',
    filingDate: SAMPLE_FILING_DATE,
    ...overrides,
  };
}

/** The parsed unit sheet as parseLedger returns it for makeSheets (labels from row 2). */
export function validUnitSheet(n = 0, overrides: Partial<UnitValues> = {}): UnitSheet {
  const values = validUnitValues(n, overrides);
  const rows: UnitSheet['rows'] = {};
  UNIT_FIELDS.forEach((d, i) => { rows[d.key] = i + 2; });
  return { values, rows };
}

/** Roster column index of each field in the standard layout (template order from column A). */
export function standardColumns(): Record<RosterKey, number> {
  return Object.fromEntries(ROSTER_FIELDS.map((d, i) => [d.key, i])) as Record<RosterKey, number>;
}

/** Worksheet row of roster row i (0-based) in makeSheets / makeLedger. */
export const rowNumberOf = (i: number) => SAMPLE_HEADER_ROW + 1 + i;

/** A valid parsed Ledger with n roster rows, equal to parseLedger({ sheets: makeSheets(n) }). */
export function makeLedger(n: number, unit: Partial<UnitValues> = {}): Ledger {
  const rows: LedgerRow[] = new Array(n);
  for (let i = 0; i < n; i++) rows[i] = { row: rowNumberOf(i), values: validRosterRow(i) };
  return {
    templateVersion: TEMPLATE_VERSION,
    unit: validUnitSheet(n, unit),
    roster: { headerRow: SAMPLE_HEADER_ROW, columns: standardColumns(), rows },
  };
}

export interface SheetOptions {
  /** How date cells are written: ISO text (default) or JS Date objects at UTC midnight (as ExcelJS reads dates). */
  dates?: 'text' | 'date';
  unit?: Partial<UnitValues>;
}

const DATE_KEYS = new Set(ROSTER_FIELDS.filter((d) => d.type.kind === 'date').map((d) => d.key as string));
const toDate = (iso: string) => new Date(iso + 'T00:00:00Z');

/** Raw 2-D arrays laid out like the template: row 0 = worksheet row 1, column 0 = column A. */
export function makeSheets(n: number, opts: SheetOptions = {}): Record<string, unknown[][]> {
  const asDate = opts.dates === 'date';
  const unitValues = validUnitValues(n, opts.unit);
  const unit: unknown[][] = [['单位基本情况', null]];
  for (const d of UNIT_FIELDS) {
    const v = unitValues[d.key];
    unit.push([d.header, asDate && d.type.kind === 'date' && typeof v === 'string' ? toDate(v) : v]);
  }
  const width = ROSTER_FIELDS.length;
  const roster: unknown[][] = new Array(SAMPLE_HEADER_ROW + n);
  roster[0] = ['示范县机关事业单位编外人员台账', ...new Array(width - 1).fill(null)];
  roster[1] = ['填报单位：示范县数据资源管理局（盖章）', ...new Array(width - 1).fill(null)];
  roster[2] = ROSTER_FIELDS.map((d) => d.header);
  for (let i = 0; i < n; i++) {
    const v = validRosterRow(i);
    const line = new Array(width);
    for (let c = 0; c < width; c++) {
      const key = ROSTER_FIELDS[c].key;
      const x = v[key];
      line[c] = asDate && typeof x === 'string' && DATE_KEYS.has(key) ? toDate(x) : x;
    }
    roster[SAMPLE_HEADER_ROW + i] = line;
  }
  return { [SHEET_UNIT]: unit, [SHEET_ROSTER]: roster };
}

