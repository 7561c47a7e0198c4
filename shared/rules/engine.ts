// The rule engine: Ledger → CheckResult, implementing every row-, cell-, unit- and template-level rule of
// ledger-template.md (office-level rules live in crossUnit.ts). Pure, synchronous, browser-safe.
//
// Design: per-field validators are precomputed once per ledger (column letter, enum Set, limits); each row
// is checked independently into a small sorted issue list; the only cross-row state is the ID index
// (ID_DUPLICATE) and the counts behind the unit-level rules. checkLedger is `new LedgerChecker().result()`,
// so the incremental path and the full path are one code path.
import {
  ENUMS, HEADER_SEARCH_ROWS, ROSTER_ANCHOR_HEADER, ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT, UNIT_FIELDS,
  type EnumValue, type FieldType, type RosterKey, type UnitKey,
} from '../template/definition';
import { RULES, RULE_CODES, RULE_PARAMS, type RuleCode, type Severity } from './catalogue';
import type { Cell, CheckResult, Issue, Ledger, LedgerRow, Summary, UnitSheet } from '../ledger/schema';
import { isExcelError, normaliseCell, parseNumberText, toHalfWidth } from '../ledger/normalise';
import { addMonths, addYears, isoToYmd, parseDateText, todayInChina, ymdToIso, type Ymd } from '../dates';
import { analyseIdInto, idShape, type IdAnalysis } from '../id/idcard';
import { checkUscc } from '../id/uscc';
import { columnLetter } from '../a1';
import { RETIREMENT_RULES, retirementDate, retirementDelayMonths, retirementGroup } from '../retirement';

export interface CheckOptions {
  /** Reference date 'YYYY-MM-DD'; default: the unit sheet's valid 填报日期, else today in China (UTC+8). */
  asOf?: string;
}

/** What one incremental update changed: issues that disappeared and issues that appeared. */
export interface IssueDelta {
  added: Issue[];
  removed: Issue[];
}

export class CheckOptionsError extends Error {
  readonly code = 'AS_OF_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'CheckOptionsError';
  }
}

// ---------------------------------------------------------------------------------------------------
// Precomputed field specs

const enum Kind { Text, Enum, Date, Integer, Number, Id, Credit, Mobile }

interface Spec {
  key: string;
  header: string;
  /** Index in the template definition. */
  fieldIndex: number;
  kind: Kind;
  type: FieldType;
  required: boolean;
  maxLength: number;
  min: number;
  enumSet: Set<string> | null;
  enumValues: readonly string[] | null;
  enumList: string;
  /** The REQUIRED_MISSING message of an empty cell. */
  msgRequired: string;
  /** Column letter (roster) or 'B' (unit sheet); null when the column / label is absent. */
  letter: string | null;
  /** Present in the sheet (column mapped / label found). */
  present: boolean;
  /** Sort order within a row: worksheet column index, or 100000 + field index when absent. */
  order: number;
}

function kindOf(t: FieldType): Kind {
  switch (t.kind) {
    case 'text': return Kind.Text;
    case 'enum': return Kind.Enum;
    case 'date': return Kind.Date;
    case 'integer': return Kind.Integer;
    case 'number': return Kind.Number;
    case 'idNumber': return Kind.Id;
    case 'creditCode': return Kind.Credit;
    case 'mobile': return Kind.Mobile;
  }
}

function makeSpec(d: { key: string; header: string; type: FieldType; required: boolean }, fieldIndex: number): Spec {
  const t = d.type;
  const values = t.kind === 'enum' ? (ENUMS[t.values] as readonly string[]) : null;
  return {
    key: d.key,
    header: d.header,
    fieldIndex,
    kind: kindOf(t),
    type: t,
    required: d.required,
    maxLength: t.kind === 'text' && t.maxLength !== undefined ? t.maxLength : Infinity,
    min: t.kind === 'integer' || t.kind === 'number' ? t.min : -Infinity,
    enumSet: values ? new Set(values) : null,
    enumValues: values,
    enumList: values ? values.join('、') : '',
    msgRequired: `“${d.header}”为必填项，当前为空，请填写。`,
    letter: null,
    present: false,
    order: 100000 + fieldIndex,
  };
}


const R = Object.fromEntries(ROSTER_FIELDS.map((d, i) => [d.key, i])) as Record<RosterKey, number>;
const U = Object.fromEntries(UNIT_FIELDS.map((d, i) => [d.key, i])) as Record<UnitKey, number>;
const CODE_ORDER = Object.fromEntries(RULE_CODES.map((c, i) => [c, i])) as Record<RuleCode, number>;

/** A rule code with its severity and catalogue order, resolved once (call sites pass `C.X`, no lookups per issue). */
interface Code {
  code: RuleCode;
  severity: Severity;
  order: number;
}
const C = {} as { readonly [K in RuleCode]: Code };
for (const c of RULE_CODES) (C as Record<RuleCode, Code>)[c] = { code: c, severity: RULES[c].severity, order: CODE_ORDER[c] };

const PROHIBITED = new Set<string>(RULE_PARAMS.prohibitedPostCategories);
const OUTSOURCEABLE = new RegExp(RULE_PARAMS.outsourceablePostKeywords.join('|'));
const MOBILE = /^1[3-9]\d{9}$/;
// Enum values the rules name; typed against the lists in definition.ts so a typo does not compile.
const LABOUR_DISPATCH: EnumValue<'employmentForm'> = '劳务派遣';
const PURCHASED_SERVICE: EnumValue<'employmentForm'> = '政府购买服务';
const REHIRED_RETIREE_FORM: EnumValue<'employmentForm'> = '退休返聘';
const YES: EnumValue<'yesNo'> = '是';
const NO: EnumValue<'yesNo'> = '否';
const KEEP: EnumValue<'disposition'> = '保留';
const MALE: EnumValue<'gender'> = '男';
const TECHNICAL: EnumValue<'postCategory'> = '技术性';

// ---------------------------------------------------------------------------------------------------
// Message helpers

function show(v: unknown): string {
  let s: string;
  if (typeof v === 'string') s = v;
  else if (typeof v === 'number') s = String(v);
  else {
    const n = normaliseCell(v);
    s = n === null ? '' : String(n);
  }
  return s.length > 40 ? s.slice(0, 40) + '…' : s;
}

function formulaError(header: string, err: string): string {
  return `“${header}”的公式返回错误值 ${err}，请修正公式或直接填写内容。`;
}

/** The characters String.prototype.trim removes, without a regex. */
function isWs(c: number): boolean {
  if (c < 0x85) return c <= 32;
  if (c > 0x3000 && c < 0xfeff) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

function needsTrim(s: string): boolean {
  return isWs(s.charCodeAt(0)) || isWs(s.charCodeAt(s.length - 1));
}

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

function fmtNumber(n: number): string {
  return String(n);
}

// ---------------------------------------------------------------------------------------------------
// One field: validate, emit its own issues, leave the parsed value in ST / PV / PS.

/** 0 = empty, 1 = valid, 2 = present but invalid. */
let ST = 0;
/** Parsed value: string for text/enum/id/codes, Ymd for dates, number for numbers. */
let PV: string | number = 0;

type Emit = (spec: Spec, code: Code, message: string) => void;

function checkField(spec: Spec, raw: unknown, emit: Emit): void {
  let v: unknown = raw;
  // Parsed ledgers hold normalised values; anything else (objects, untrimmed text) is normalised here.
  if (v !== null && v !== undefined && typeof v !== 'number' && (typeof v !== 'string' || (v !== '' && (spec.kind === Kind.Text || spec.kind === Kind.Enum) && needsTrim(v)))) {
    v = normaliseCell(v, spec.type);
  }
  if (v === null || v === undefined || v === '') {
    ST = 0;
    if (spec.required && spec.present) emit(spec, C.REQUIRED_MISSING, spec.msgRequired);
    return;
  }
  const err = typeof v === 'string' && v.charCodeAt(0) === 35 && isExcelError(v) ? (v as string) : null;
  const h = spec.header;
  switch (spec.kind) {
    case Kind.Text: {
      if (err) {
        ST = 0;
        if (spec.required && spec.present) emit(spec, C.REQUIRED_MISSING, formulaError(h, err));
        return;
      }
      const s = typeof v === 'string' ? v : String(v);
      if (s.length > spec.maxLength) {
        const n = codePointLength(s);
        if (n > spec.maxLength) emit(spec, C.TEXT_TOO_LONG, `“${h}”共 ${n} 个字，超过 ${spec.maxLength} 字的上限，请精简。`);
      }
      ST = 1;
      PV = s;
      return;
    }
    case Kind.Enum: {
      const set = spec.enumSet as Set<string>;
      if (typeof v === 'string' && set.has(v)) { ST = 1; PV = v; return; }
      if (!err) {
        const n = normaliseCell(v, spec.type);
        if (typeof n === 'string' && set.has(n)) { ST = 1; PV = n; return; }
      }
      ST = 2;
      emit(spec, C.ENUM_INVALID, err
        ? `“${h}”的公式返回错误值 ${err}，请从下拉列表中选择（${spec.enumList}）。`
        : `“${h}”填写了“${show(v)}”，不在可选范围（${spec.enumList}）内，请从下拉列表中选择。`);
      return;
    }
    case Kind.Date: {
      let y: Ymd = typeof v === 'string' ? isoToYmd(v) : 0;
      if (y === 0 && !err) {
        const n = normaliseCell(v, spec.type);
        if (typeof n === 'string') y = isoToYmd(n);
      }
      if (y !== 0) { ST = 1; PV = y; return; }
      ST = 2;
      let msg: string;
      if (err) msg = `“${h}”的公式返回错误值 ${err}，请修正公式或直接填写日期，如 2024-03-01。`;
      else if (typeof v === 'number') msg = `“${h}”的数值 ${fmtNumber(v)} 不是有效的Excel日期，请填写真实日期，如 2024-03-01。`;
      else {
        const s = show(v);
        msg = parseDateText(toHalfWidth(s).trim()).recognised
          ? `“${h}”填写的“${s}”不是存在的日期，请核对年月日，如 2024-03-01。`
          : `“${h}”填写的“${s}”无法识别为日期，请按 2024-03-01、2024/3/1、2024.3.1 或 2024年3月1日 的格式填写。`;
      }
      emit(spec, C.DATE_INVALID, msg);
      return;
    }
    case Kind.Integer:
    case Kind.Number: {
      const x = typeof v === 'number' ? v : err ? null : parseNumberText(typeof v === 'string' ? v : show(v));
      if (x === null || !Number.isFinite(x)) {
        ST = 2;
        emit(spec, C.NUMBER_INVALID, err
          ? `“${h}”的公式返回错误值 ${err}，请修正公式或直接填写数字。`
          : `“${h}”填写的“${show(v)}”不是数字，请只填写阿拉伯数字，不要带单位或文字。`);
        return;
      }
      if (x < spec.min) {
        ST = 2;
        emit(spec, C.NUMBER_INVALID, `“${h}”为 ${fmtNumber(x)}，不能为负数，请核对。`);
        return;
      }
      if (spec.kind === Kind.Integer && !Number.isInteger(x)) {
        ST = 2;
        emit(spec, C.NUMBER_INVALID, `“${h}”为 ${fmtNumber(x)}，须为整数，请核对。`);
        return;
      }
      ST = 1;
      PV = x;
      return;
    }
    case Kind.Id: {
      let s = typeof v === 'string' ? v : '';
      if (err) {
        ST = 2;
        emit(spec, C.ID_FORMAT, `“${h}”的公式返回错误值 ${err}，请直接填写18位身份证号码。`);
        return;
      }
      if (typeof v !== 'string' || idShape(s) === null) {
        const n = normaliseCell(v, spec.type);
        s = typeof n === 'string' ? n : n === null ? '' : String(n);
      }
      if (idShape(s) !== null) { ST = 1; PV = s; return; }
      ST = 2;
      let msg: string;
      if (/^\d(?:\.\d+)?E[+-]?\d+$/.test(s)) {
        msg = `身份证号码被Excel存成了数字（${s}），后几位已丢失。请将该列设为文本格式，再重新输入完整的18位号码。`;
      } else {
        const n = codePointLength(s);
        msg = n === 18 || n === 15
          ? `身份证号码“${show(s)}”含有数字和X以外的字符（X只能在最后一位），请逐位核对。`
          : `身份证号码“${show(s)}”有 ${n} 位，应为18位（前17位为数字，最后一位为数字或X），请核对位数。`;
      }
      emit(spec, C.ID_FORMAT, msg);
      return;
    }
    case Kind.Mobile: {
      let s = typeof v === 'string' ? v : '';
      if (!err && (typeof v !== 'string' || !MOBILE.test(s))) {
        const n = normaliseCell(v, spec.type);
        s = typeof n === 'string' ? n : n === null ? '' : String(n);
      }
      if (!err && MOBILE.test(s)) { ST = 1; PV = s; return; }
      ST = 2;
      emit(spec, C.PHONE_INVALID, err
        ? `“${h}”的公式返回错误值 ${err}，请直接填写11位手机号码。`
        : `“${h}”填写的“${show(s)}”不是11位大陆手机号码（以1开头、第二位为3至9），请核对。`);
      return;
    }
    case Kind.Credit: {
      if (err) {
        ST = 2;
        emit(spec, C.USCC_INVALID, `“${h}”的公式返回错误值 ${err}，请直接填写18位统一社会信用代码。`);
        return;
      }
      const n = normaliseCell(v, spec.type);
      const s = typeof n === 'string' ? n : n === null ? '' : String(n);
      const c = checkUscc(s);
      if (c.ok) { ST = 1; PV = s; return; }
      ST = 2;
      let msg: string;
      if (c.reason === 'length') msg = `统一社会信用代码“${show(s)}”有 ${c.length} 位，应为18位，请对照法人证书核对。`;
      else if (c.reason === 'chars') msg = `统一社会信用代码“${show(s)}”含有不允许的字符“${c.bad}”（不使用I、O、Z、S、V），请对照法人证书核对。`;
      else msg = `统一社会信用代码“${s}”的校验位应为“${c.expected}”，实际为“${c.actual}”。请对照法人证书核对；个别早期代码确实不符合的，核对无误后可照常报送。`;
      emit(spec, C.USCC_INVALID, msg);
      return;
    }
  }
}

// Messages that depend only on an enum value are built once (fewer allocations on large ledgers).
const MSG_PROHIBITED = new Map<string, string>();
const MSG_NOT_LABOUR_DISPATCH = new Map<string, string>();
const MSG_OUTSOURCE = new Map<string, string>();

function msgProhibited(v: string): string {
  let m = MSG_PROHIBITED.get(v);
  if (m === undefined) MSG_PROHIBITED.set(v, (m = `岗位类别为“${v}”，属于不得使用编外人员的岗位。如实填报即可，领导小组办公室汇总后统一研究处理。`));
  return m;
}

function msgNotLabourDispatch(v: string): string {
  let m = MSG_NOT_LABOUR_DISPATCH.get(v);
  if (m === undefined) MSG_NOT_LABOUR_DISPATCH.set(v, (m = `用工形式为“${v}”，不是劳务派遣或政府购买服务。如实填报即可。`));
  return m;
}

function msgOutsource(postName: string, keyword: string, form: string): string {
  const k = postName + '\u0001' + form;
  let m = MSG_OUTSOURCE.get(k);
  if (m === undefined) {
    if (MSG_OUTSOURCE.size > 2000) MSG_OUTSOURCE.clear(); // post names are free text: keep the cache bounded
    MSG_OUTSOURCE.set(k, (m = `岗位名称“${show(postName)}”含“${keyword}”，此类岗位应通过政府购买服务解决，当前用工形式为“${form}”。如实填报即可。`));
  }
  return m;
}

const MSG_NO_TERM_BOTH = '使用期限起、止均为空，未明确本期使用期限。如实填报即可。';
const MSG_NO_TERM_START = '“使用期限起”为空，未明确本期使用期限。如实填报即可。';
const MSG_NO_TERM_END = '“使用期限止”为空，未明确本期使用期限。如实填报即可。';
const MSG_NO_APPROVAL_BOTH = '审批文号和审批日期均为空，视为未经审批使用。如实填报即可。';
const MSG_NO_APPROVAL_NO = '“审批文号”为空，视为未经审批使用。如实填报即可。';
const MSG_NO_APPROVAL_DATE = '“审批日期”为空，视为未经审批使用。如实填报即可。';

// ---------------------------------------------------------------------------------------------------
// Roster rows

interface RowState {
  /** Worksheet row number. */
  n: number;
  /** The row's own issues in sort order (column order, then catalogue order); never mutated once built. */
  issues: Issue[];
  /** Where this row's ID_DUPLICATE issue, when it has one, goes in `issues`. */
  dupAt: number;
  /** Normalised (upgraded) ID for ID_DUPLICATE, null when the ID has no ID shape. */
  idKey: string | null;
  labourDispatch: boolean;
  /** The row as given. */
  data: LedgerRow;
}

interface Ctx {
  asOf: Ymd;
  asOfIso: string;
  specs: Spec[];
  idSpec: Spec;
}

const ST_ = new Uint8Array(ROSTER_FIELDS.length);
const PV_: (string | number)[] = new Array(ROSTER_FIELDS.length).fill(0);

// Scratch for the row being checked: issues are insertion-sorted here by key (column order * 64 + catalogue
// order), then copied once into an exact-size array, so a row costs one small array instead of two growing ones.
let ROW_N = 0;
const ID: IdAnalysis = { id18: '', from15: false, regionOk: false, birth: 0, checksumOk: false, expectedCheck: '', male: false };
let CNT = 0;
const SCR_I: Issue[] = [];
const SCR_K: number[] = [];
// Shared by rows without issues; never mutated.
const NO_ISSUES: Issue[] = [];

function strAt(k: number): string | null {
  return ST_[k] === 1 ? (PV_[k] as string) : null;
}

function ymdAt(k: number): Ymd {
  return ST_[k] === 1 ? (PV_[k] as number) : 0;
}

function emitRoster(spec: Spec, c: Code, message: string): void {
  const n = ROW_N;
  const issue: Issue = {
    sheet: SHEET_ROSTER,
    row: n,
    column: spec.header,
    cell: spec.letter === null ? null : spec.letter + n,
    code: c.code,
    severity: c.severity,
    message,
  };
  const key = spec.order * 64 + c.order;
  let i = CNT;
  while (i > 0 && SCR_K[i - 1] > key) {
    SCR_I[i] = SCR_I[i - 1];
    SCR_K[i] = SCR_K[i - 1];
    i--;
  }
  SCR_I[i] = issue;
  SCR_K[i] = key;
  CNT++;
}

const KEYS: readonly string[] = ROSTER_FIELDS.map((d) => d.key);
const NF = KEYS.length;
const KEY_INDEX = new Map<string, number>(KEYS.map((k, i) => [k, i]));
/** SEEN[i] === generation of the current row when field i has been checked. */
const SEEN = new Uint32Array(NF);
let GEN = 0;
function nextGen(): number {
  if (GEN === 0xffffffff) { SEEN.fill(0); GEN = 0; }
  return ++GEN;
}
/** Set when the ID cell's fast path has already analysed the row's ID into `ID`. */
let ID_DONE = false;

/** One roster cell: fast paths for the normalised values parseLedger produces, else checkField. */
function checkCell(spec: Spec, i: number, v: unknown): void {
  if (v === null || v === undefined) {
    ST_[i] = 0;
    if (spec.required && spec.present) emitRoster(spec, C.REQUIRED_MISSING, spec.msgRequired);
    return;
  }
  if (typeof v === 'string') {
    const k = spec.kind;
    if (k === Kind.Enum) {
      // The lists are short (≤ 8): a scan of === beats a Set lookup here.
      const list = spec.enumValues as readonly string[];
      for (let e = 0; e < list.length; e++) if (list[e] === v) { ST_[i] = 1; PV_[i] = v; return; }
    } else if (k === Kind.Date) {
      const y = isoToYmd(v);
      if (y !== 0) { ST_[i] = 1; PV_[i] = y; return; }
    } else if (k === Kind.Text) {
      if (v.length <= spec.maxLength && v.length > 0 && v.charCodeAt(0) !== 35 && !needsTrim(v)) { ST_[i] = 1; PV_[i] = v; return; }
    } else if (k === Kind.Id) {
      if (i === R.idNumber ? (ID_DONE = analyseIdInto(v, ID)) : idShape(v) !== null) { ST_[i] = 1; PV_[i] = v; return; }
    }
  } else if (typeof v === 'number' && v >= spec.min && v < Infinity && (spec.kind === Kind.Number || (spec.kind === Kind.Integer && Number.isInteger(v)))) {
    ST_[i] = 1; PV_[i] = v; return;
  }
  checkField(spec, v, emitRoster);
  ST_[i] = ST;
  PV_[i] = ST === 0 ? 0 : PV;
}

function checkRow(data: LedgerRow, cx: Ctx): RowState {
  const n = data.row;
  ROW_N = n;
  CNT = 0;
  ID_DONE = false;
  let idKey: string | null = null;
  const specs = cx.specs;
  const vals = (data.values !== null && typeof data.values === 'object' ? data.values : {}) as Record<string, Cell | undefined>;
  // Walk the row's keys with for-in: V8 then loads each value through its enum cache instead of doing 23
  // megamorphic lookups by name. Keys in template order (parseLedger, fixtures, posted JSON) match KEYS[j]
  // by pointer; any other key is looked up; fields the walk did not meet are read by name afterwards.
  const gen = nextGen();
  let j = 0;
  for (const key in vals) {
    let i: number;
    if (j < NF && key === KEYS[j]) i = j++;
    else {
      const x = KEY_INDEX.get(key);
      if (x === undefined || SEEN[x] === gen) continue;
      i = x;
    }
    SEEN[i] = gen;
    checkCell(specs[i], i, vals[key]);
  }
  if (j < NF) for (let i = 0; i < NF; i++) if (SEEN[i] !== gen) checkCell(specs[i], i, vals[KEYS[i]]);
  const asOf = cx.asOf;

  // Identity
  let id: IdAnalysis | null = null;
  let idValid = false;
  if (ST_[R.idNumber] === 1) {
    const sp = specs[R.idNumber];
    if (ID_DONE || analyseIdInto(PV_[R.idNumber] as string, ID)) {
      id = ID;
      idKey = id.id18;
      if (id.from15) emitRoster(sp, C.ID_15_DIGIT, `“${PV_[R.idNumber]}”是15位旧身份证号码，已按规则升位为“${id.id18}”后校验。请尽量改填18位号码。`);
      if (!id.regionOk) emitRoster(sp, C.ID_REGION_INVALID, `身份证号码前两位“${id.id18.slice(0, 2)}”不是有效的省级行政区划代码，请核对。`);
      const bd = id.id18.slice(6, 14);
      if (id.birth === 0) {
        emitRoster(sp, C.ID_BIRTHDATE_INVALID, `身份证号码第7至14位的出生日期“${bd}”不存在，请核对。`);
      } else if (id.birth > asOf) {
        emitRoster(sp, C.ID_BIRTHDATE_INVALID, `身份证号码中的出生日期 ${ymdToIso(id.birth)} 晚于核查日期 ${cx.asOfIso}，请核对。`);
      }
      if (!id.from15 && !id.checksumOk) {
        emitRoster(sp, C.ID_CHECKSUM, `身份证号码最后一位应为“${id.expectedCheck}”（按前17位计算），实际为“${id.id18[17]}”，通常是某一位录入错误，请对照身份证逐位核对。`);
      }
      idValid = id.regionOk && id.birth !== 0 && id.birth <= asOf && (id.from15 || id.checksumOk);
    }
  }

  const gender = strAt(R.gender);
  const postCategory = strAt(R.postCategory);
  const form = strAt(R.employmentForm);
  const hire = ymdAt(R.hireDate);
  const approval = ymdAt(R.approvalDate);
  const termStart = ymdAt(R.termStart);
  const termEnd = ymdAt(R.termEnd);
  let overAge = false;

  if (id && idValid) {
    if (gender !== null && (gender === MALE) !== id.male) {
      emitRoster(specs[R.gender], C.GENDER_MISMATCH, `性别填写为“${gender}”，但身份证号码第17位为${id.male ? '奇数，对应“男”' : '偶数，对应“女”'}，请核对性别或身份证号码。`);
    }
    const birthCell = ymdAt(R.birthDate);
    if (birthCell !== 0 && birthCell !== id.birth) {
      emitRoster(specs[R.birthDate], C.BIRTHDATE_MISMATCH, `出生日期填写为 ${ymdToIso(birthCell)}，但身份证号码中的出生日期为 ${ymdToIso(id.birth)}，请核对。`);
    }
    if (hire !== 0) {
      const sixteen = addYears(id.birth, RULE_PARAMS.minHireAge);
      if (hire < sixteen) {
        emitRoster(specs[R.hireDate], C.UNDERAGE_AT_HIRE, `按身份证出生日期 ${ymdToIso(id.birth)}，入职日期 ${ymdToIso(hire)} 时未满16周岁（满16周岁之日为 ${ymdToIso(sixteen)}），请核对入职日期或身份证号码。`);
      }
    }
    if (form !== null && form !== REHIRED_RETIREE_FORM) {
      const group = retirementGroup(id.male, postCategory);
      const retire = retirementDate(id.birth, group);
      if (asOf >= retire) {
        overAge = true;
        const rule = RETIREMENT_RULES[group];
        const delay = retirementDelayMonths(group, Math.floor(id.birth / 10000), Math.floor(id.birth / 100) % 100);
        emitRoster(specs[R.idNumber], C.OVER_RETIREMENT_AGE, `按身份证出生日期 ${ymdToIso(id.birth)}（${rule.label}${delay > 0 ? `，延迟 ${delay} 个月` : ''}），法定退休日期为 ${ymdToIso(retire)}，核查日期 ${cx.asOfIso} 已超过法定退休年龄，用工形式为“${form}”而非退休返聘。如实填报即可。`);
      }
    }
  }

  if (hire > asOf) emitRoster(specs[R.hireDate], C.DATE_IN_FUTURE, `入职日期 ${ymdToIso(hire)} 晚于核查日期 ${cx.asOfIso}，请核对。`);
  if (approval > asOf) emitRoster(specs[R.approvalDate], C.DATE_IN_FUTURE, `审批日期 ${ymdToIso(approval)} 晚于核查日期 ${cx.asOfIso}，请核对。`);
  if (termStart !== 0 && termEnd !== 0) {
    if (termEnd < termStart) {
      emitRoster(specs[R.termEnd], C.TERM_END_BEFORE_START, `使用期限止 ${ymdToIso(termEnd)} 早于使用期限起 ${ymdToIso(termStart)}，请核对。`);
    } else {
      const limit = addMonths(termStart, RULE_PARAMS.maxTermMonths);
      if (termEnd > limit) emitRoster(specs[R.termEnd], C.TERM_OVER_ONE_YEAR, `使用期限 ${ymdToIso(termStart)} 至 ${ymdToIso(termEnd)} 超过一年（一年期满为 ${ymdToIso(limit)}），编外人员原则上一年一签。如实填报即可。`);
    }
  }
  if (ST_[R.termStart] === 0 || ST_[R.termEnd] === 0) {
    const k = ST_[R.termStart] === 0 ? R.termStart : R.termEnd;
    emitRoster(specs[k], C.NO_TERM, ST_[R.termStart] === 0 && ST_[R.termEnd] === 0 ? MSG_NO_TERM_BOTH : k === R.termStart ? MSG_NO_TERM_START : MSG_NO_TERM_END);
  }
  if (form === LABOUR_DISPATCH && ST_[R.dispatchCompany] === 0) {
    emitRoster(specs[R.dispatchCompany], C.DISPATCH_COMPANY_MISSING, `用工形式为劳务派遣，但“劳务派遣单位”为空，请填写派遣单位全称。`);
  }
  if (ST_[R.monthlySalary] === 1) {
    const pay = PV_[R.monthlySalary] as number;
    if (pay < RULE_PARAMS.salaryMin || pay > RULE_PARAMS.salaryMax) {
      emitRoster(specs[R.monthlySalary], C.SALARY_OUTLIER, `月工资 ${fmtNumber(pay)} 元${pay < RULE_PARAMS.salaryMin ? '低于1000元' : '高于30000元'}，请核对是否填错单位（元）或位数；确实如此的可照常报送。`);
    }
  }

  // Findings
  const prohibited = postCategory !== null && PROHIBITED.has(postCategory);
  if (prohibited) emitRoster(specs[R.postCategory], C.PROHIBITED_POST, msgProhibited(postCategory));
  if (form !== null && form !== LABOUR_DISPATCH && form !== PURCHASED_SERVICE) {
    emitRoster(specs[R.employmentForm], C.NOT_LABOR_DISPATCH, msgNotLabourDispatch(form));
  }
  const rehiredRetiree = form === REHIRED_RETIREE_FORM;
  if (rehiredRetiree) emitRoster(specs[R.employmentForm], C.REHIRED_RETIREE, `用工形式为退休返聘。如实填报即可。`);
  if (strAt(R.collectiveDecision) === NO) emitRoster(specs[R.collectiveDecision], C.NO_COLLECTIVE_DECISION, `是否经集体研究为“否”，使用该人员未经党委（党组）集体研究。如实填报即可。`);
  if (ST_[R.approvalNo] === 0 || ST_[R.approvalDate] === 0) {
    const k = ST_[R.approvalNo] === 0 ? R.approvalNo : R.approvalDate;
    emitRoster(specs[k], C.NO_APPROVAL, ST_[R.approvalNo] === 0 && ST_[R.approvalDate] === 0 ? MSG_NO_APPROVAL_BOTH : k === R.approvalNo ? MSG_NO_APPROVAL_NO : MSG_NO_APPROVAL_DATE);
  }
  if (hire !== 0 && approval !== 0 && hire < approval) {
    emitRoster(specs[R.hireDate], C.HIRED_BEFORE_APPROVAL, `入职日期 ${ymdToIso(hire)} 早于审批日期 ${ymdToIso(approval)}（先用后批）。如实填报即可。`);
  }
  if (postCategory === TECHNICAL && ST_[R.qualification] === 0) {
    emitRoster(specs[R.qualification], C.QUALIFICATION_MISSING, `岗位类别为技术性，但“职业资格证书”为空（应持证上岗）。如实填报即可。`);
  }
  const relative = strAt(R.relativeOfLeader) === YES;
  if (relative) emitRoster(specs[R.relativeOfLeader], C.RELATIVE_OF_LEADER, `该人员与本单位领导干部有亲属关系。如实填报即可。`);
  const postName = strAt(R.postName);
  if (postName !== null && form !== null && form !== PURCHASED_SERVICE) {
    const m = OUTSOURCEABLE.exec(postName);
    if (m) emitRoster(specs[R.postName], C.OUTSOURCEABLE_POST, msgOutsource(postName, m[0], form));
  }
  if ((prohibited || overAge || rehiredRetiree || relative) && strAt(R.disposition) === KEEP && ST_[R.remarks] === 0) {
    const why: string[] = [];
    if (prohibited) why.push('禁止使用编外人员的岗位');
    if (overAge) why.push('超过法定退休年龄');
    if (rehiredRetiree) why.push('退休返聘');
    if (relative) why.push('领导干部亲属');
    emitRoster(specs[R.disposition], C.DISPOSITION_UNEXPLAINED, `该人员存在“${why.join('”“')}”问题，拟处理意见为保留，请在“备注”中说明保留理由。`);
  }
  let issues = NO_ISSUES, dupAt = 0;
  if (CNT > 0) {
    issues = SCR_I.slice(0, CNT);
    const dupKey = cx.idSpec.order * 64 + C.ID_DUPLICATE.order;
    while (dupAt < CNT && SCR_K[dupAt] <= dupKey) dupAt++;
  }
  return { n, issues, dupAt, idKey, labourDispatch: form === LABOUR_DISPATCH, data };
}

// ---------------------------------------------------------------------------------------------------
// Unit sheet

interface UnitSheetState {
  /** Template and field issues, unsorted. */
  issues: Issue[];
  authorisedPosts: number | null;
  onStaffCount: number | null;
  offStaffCount: number | null;
  filing: Ymd;
  rows: UnitSheet['rows'];
}

function unitIssue(key: UnitKey, rows: UnitSheet['rows'], code: RuleCode, message: string): Issue {
  const r = rows[key] ?? null;
  return {
    sheet: SHEET_UNIT,
    row: r,
    column: UNIT_FIELDS[U[key]].header,
    cell: r === null ? null : 'B' + r,
    code,
    severity: RULES[code].severity,
    message,
  };
}

function checkUnit(unit: UnitSheet): UnitSheetState {
  const values = (unit.values ?? {}) as Record<string, Cell | undefined>;
  const rows = (unit.rows ?? {}) as UnitSheet['rows'];
  const out: UnitSheetState = { issues: [], authorisedPosts: null, onStaffCount: null, offStaffCount: null, filing: 0, rows };
  const emit: Emit = (spec, c, message) => out.issues.push(unitIssue(spec.key as UnitKey, rows, c.code, message));
  UNIT_FIELDS.forEach((d, i) => {
    const spec = makeSpec(d, i);
    spec.present = rows[d.key] !== undefined || values[d.key] !== undefined;
    spec.letter = 'B';
    if (!spec.present) {
      out.issues.push(unitIssue(d.key, rows, 'TEMPLATE_COLUMN_MISSING', `“单位基本情况”表A列缺少“${d.header}”一项，请使用标准模板，不要删除或改写该项名称。`));
      return;
    }
    checkField(spec, values[d.key], emit);
    if (ST !== 1) return;
    if (d.key === 'authorisedPosts') out.authorisedPosts = PV as number;
    else if (d.key === 'onStaffCount') out.onStaffCount = PV as number;
    else if (d.key === 'offStaffCount') out.offStaffCount = PV as number;
    else if (d.key === 'filingDate') out.filing = PV as number;
  });
  return out;
}

function unitRuleIssues(u: UnitSheetState, rowCount: number, labourDispatchCount: number): Issue[] {
  const out: Issue[] = [];
  if (u.offStaffCount !== null && u.offStaffCount !== rowCount) {
    out.push(unitIssue('offStaffCount', u.rows, 'COUNT_MISMATCH', `编外人员数填写为 ${u.offStaffCount}，但“编外人员台账”中有 ${rowCount} 行人员，请核对，确保一人不漏。`));
  }
  if (u.onStaffCount !== null && u.authorisedPosts !== null && u.onStaffCount >= u.authorisedPosts && rowCount > 0) {
    out.push(unitIssue('onStaffCount', u.rows, 'UNIT_OVER_ESTABLISHMENT', `实有在编人数 ${u.onStaffCount} ${u.onStaffCount > u.authorisedPosts ? '超过' : '已达到'}核定编制数 ${u.authorisedPosts}，仍使用编外人员 ${rowCount} 人（满编超编不得使用编外人员）。如实填报即可。`));
  }
  if (u.onStaffCount !== null && labourDispatchCount * 100 > RULE_PARAMS.dispatchMaxPercent * (u.onStaffCount + rowCount)) {
    const total = u.onStaffCount + rowCount;
    out.push(unitIssue('offStaffCount', u.rows, 'DISPATCH_OVER_TEN_PERCENT', `劳务派遣 ${labourDispatchCount} 人，超过用工总量 ${total} 人（在编 ${u.onStaffCount} 人 + 编外 ${rowCount} 人）的10%（${(total / 10).toFixed(1).replace(/\.0$/, '')} 人）。如实填报即可。`));
  }
  return out;
}

function compareUnitIssues(a: Issue, b: Issue): number {
  const ra = a.row ?? 0, rb = b.row ?? 0;
  if (ra !== rb) return ra - rb;
  const fa = a.column === null ? -1 : UNIT_FIELDS.findIndex((d) => d.header === a.column);
  const fb = b.column === null ? -1 : UNIT_FIELDS.findIndex((d) => d.header === b.column);
  if (fa !== fb) return fa - fb;
  return CODE_ORDER[a.code] - CODE_ORDER[b.code];
}

// ---------------------------------------------------------------------------------------------------
// The checker

function issueKey(i: Issue): string {
  return i.sheet + '\u0001' + i.row + '\u0001' + i.column + '\u0001' + i.code + '\u0001' + i.message;
}

function diff(before: Issue[], after: Issue[]): IssueDelta {
  const counts = new Map<string, number>();
  for (const i of before) {
    const k = issueKey(i);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  const added: Issue[] = [];
  for (const i of after) {
    const k = issueKey(i);
    const c = counts.get(k);
    if (c) counts.set(k, c - 1);
    else added.push(i);
  }
  const removed: Issue[] = [];
  for (const i of before) {
    const k = issueKey(i);
    const c = counts.get(k);
    if (c) {
      counts.set(k, c - 1);
      removed.push(i);
    }
  }
  return { added, removed };
}

function lowerBound(order: RowState[], n: number): number {
  let lo = 0, hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (order[mid].n < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function resolveAsOf(opts: CheckOptions | undefined, unit: UnitSheetState | null): Ymd {
  if (opts?.asOf !== undefined && opts.asOf !== null) {
    const n = normaliseCell(opts.asOf, { kind: 'date' });
    const y = typeof n === 'string' ? isoToYmd(n) : 0;
    if (y === 0) throw new CheckOptionsError(`核查日期“${String(opts.asOf)}”无效，请按 YYYY-MM-DD 填写真实日期。`);
    return y;
  }
  if (unit && unit.filing !== 0) return unit.filing;
  return isoToYmd(todayInChina());
}

/**
 * Incremental checker. `result()` always equals `checkLedger` on the current data.
 * - `updateRow(n, row)`: replace (row given), add (n not present) or delete (row null) the roster row at
 *   worksheet row n; only that row, its ID group(s) and the unit-level counts are re-checked.
 * - `updateUnit(unit)`: replace the unit sheet; rows are re-checked only when the as-of date changes
 *   (no fixed asOf option and a different valid 填报日期).
 * Both return the delta `{ added, removed }` of issues. Header changes need a new checker.
 * Row numbers are expected to be unique; duplicates in the input are all kept and an update replaces all.
 */
export class LedgerChecker {
  private readonly opts: CheckOptions;
  private templateVersion: string | null;
  private unitSheet: UnitSheet | null;
  private unitState: UnitSheetState | null = null;
  private roster: Ledger['roster'];
  private cx!: Ctx;
  private order: RowState[] = [];
  /** ID → the row holding it, or the rows (sorted by row number) when several do. */
  private groups = new Map<string, RowState | RowState[]>();
  /** How many IDs are held by several rows (0: no row has an ID_DUPLICATE issue). */
  private dupGroups = 0;
  private labourDispatchCount = 0;
  private unitRules: Issue[] = [];
  private rosterTemplate: Issue[] = [];
  private cached: CheckResult | null = null;

  constructor(ledger: Ledger, opts: CheckOptions = {}) {
    this.opts = opts ?? {};
    this.templateVersion = ledger?.templateVersion ?? null;
    this.unitSheet = ledger?.unit ?? null;
    this.roster = ledger?.roster ?? null;
    this.unitState = this.unitSheet ? checkUnit(this.unitSheet) : null;
    this.rebuild();
  }

  private rebuild(): void {
    const asOf = resolveAsOf(this.opts, this.unitState);
    const specs = ROSTER_FIELDS.map((d, i) => makeSpec(d, i));
    // A roster sheet without a header row: no column can be found and no row read, so one issue says
    // why (the anchor header) instead of one per required column.
    const headerless = this.roster?.headerRow === null;
    const columns = (headerless ? {} : (this.roster?.columns ?? {})) as Record<string, number | undefined>;
    this.rosterTemplate = [];
    if (headerless) {
      this.rosterTemplate.push({
        sheet: SHEET_ROSTER, row: null, column: ROSTER_ANCHOR_HEADER, cell: null, code: 'TEMPLATE_COLUMN_MISSING', severity: RULES.TEMPLATE_COLUMN_MISSING.severity,
        message: `“${SHEET_ROSTER}”表前${HEADER_SEARCH_ROWS}行中找不到“${ROSTER_ANCHOR_HEADER}”列标题，无法读取人员信息。请使用标准模板，不要删除或改写列标题，表头须在前${HEADER_SEARCH_ROWS}行内。`,
      });
    }
    for (const s of specs) {
      const c = columns[s.key];
      if (typeof c === 'number' && Number.isInteger(c) && c >= 0) {
        s.present = true;
        s.letter = columnLetter(c);
        s.order = c;
      } else if (s.required && this.roster && !headerless) {
        this.rosterTemplate.push({
          sheet: SHEET_ROSTER, row: null, column: s.header, cell: null, code: 'TEMPLATE_COLUMN_MISSING', severity: RULES.TEMPLATE_COLUMN_MISSING.severity,
          message: `“编外人员台账”表头缺少必填列“${s.header}”，请使用标准模板，不要删除或改写列标题。`,
        });
      }
    }
    this.cx = { asOf, asOfIso: ymdToIso(asOf), specs, idSpec: specs[R.idNumber] };
    const order: RowState[] = [];
    const rows = this.roster && !headerless && Array.isArray(this.roster.rows) ? this.roster.rows : [];
    let sorted = true;
    for (const row of rows) {
      if (!row || typeof row !== 'object') continue;
      const st = checkRow(row, this.cx);
      if (sorted && order.length > 0 && order[order.length - 1].n > st.n) sorted = false;
      order.push(st);
    }
    // Rows usually come in worksheet order; the (stable) sort is only needed when they do not.
    if (!sorted) order.sort((a, b) => a.n - b.n);
    this.order = order;
    this.groups = new Map();
    this.dupGroups = 0;
    this.labourDispatchCount = 0;
    for (const st of order) this.index(st);
    this.unitRules = this.computeUnitRules();
    this.cached = null;
  }

  private index(st: RowState): void {
    if (st.labourDispatch) this.labourDispatchCount++;
    if (st.idKey === null) return;
    const g0 = this.groups.get(st.idKey);
    if (g0 === undefined) { this.groups.set(st.idKey, st); return; }
    const g = Array.isArray(g0) ? g0 : [g0];
    if (g !== g0) { this.groups.set(st.idKey, g); this.dupGroups++; }
    let i = g.length;
    while (i > 0 && g[i - 1].n > st.n) i--;
    g.splice(i, 0, st);
  }

  private unindex(st: RowState): void {
    if (st.labourDispatch) this.labourDispatchCount--;
    if (st.idKey === null) return;
    const g = this.groups.get(st.idKey);
    if (g === undefined) return;
    if (!Array.isArray(g)) {
      if (g === st) this.groups.delete(st.idKey);
      return;
    }
    const i = g.indexOf(st);
    if (i >= 0) g.splice(i, 1);
    if (g.length === 1) { this.groups.set(st.idKey, g[0]); this.dupGroups--; }
    else if (g.length === 0) { this.groups.delete(st.idKey); this.dupGroups--; }
  }

  private computeUnitRules(): Issue[] {
    // No roster rows could be read (sheet absent or no header row): the template issue is the one to fix,
    // so no count is compared (no COUNT_MISMATCH on top of it).
    if (!this.unitState || !this.roster || this.roster.headerRow === null) return [];
    return unitRuleIssues(this.unitState, this.order.length, this.labourDispatchCount);
  }

  private dupIssue(st: RowState): Issue | null {
    if (st.idKey === null) return null;
    const g = this.groups.get(st.idKey);
    if (g === undefined || !Array.isArray(g)) return null;
    const spec = this.cx.idSpec;
    const others = g.filter((o) => o !== st).map((o) => o.n);
    const listed = others.length > 8 ? others.slice(0, 8).join('、') + ' 等' : others.join('、');
    return {
      sheet: SHEET_ROSTER, row: st.n, column: spec.header, cell: spec.letter === null ? null : spec.letter + st.n,
      code: 'ID_DUPLICATE', severity: RULES.ID_DUPLICATE.severity,
      message: `身份证号码 ${st.idKey} 与第 ${listed} 行重复，同一人只应填写一行，请删除重复行或更正号码。`,
    };
  }

  /** The row's issues with its ID_DUPLICATE (if any) merged in sort order. */
  private rowIssues(st: RowState, out: Issue[]): void {
    const dup = this.dupIssue(st);
    if (!dup) {
      for (const i of st.issues) out.push(i);
      return;
    }
    const issues = st.issues;
    for (let i = 0; i < st.dupAt; i++) out.push(issues[i]);
    out.push(dup);
    for (let i = st.dupAt; i < issues.length; i++) out.push(issues[i]);
  }

  private unitIssuesSorted(): Issue[] {
    if (!this.unitState) return [];
    return this.unitState.issues.concat(this.unitRules).sort(compareUnitIssues);
  }

  /** The as-of date in use, 'YYYY-MM-DD'. */
  get asOf(): string {
    return this.cx.asOfIso;
  }

  /** The current ledger (rows as last given). */
  result(): CheckResult {
    if (this.cached) return this.cached;
    const issues: Issue[] = [];
    if (!this.unitSheet) {
      issues.push({ sheet: SHEET_UNIT, row: null, column: null, cell: null, code: 'TEMPLATE_SHEET_MISSING', severity: RULES.TEMPLATE_SHEET_MISSING.severity, message: `工作簿中没有“${SHEET_UNIT}”工作表，请使用标准模板，不要删除或改名工作表。` });
    }
    for (const i of this.unitIssuesSorted()) issues.push(i);
    if (!this.roster) {
      issues.push({ sheet: SHEET_ROSTER, row: null, column: null, cell: null, code: 'TEMPLATE_SHEET_MISSING', severity: RULES.TEMPLATE_SHEET_MISSING.severity, message: `工作簿中没有“${SHEET_ROSTER}”工作表，请使用标准模板，不要删除或改名工作表。` });
    }
    for (const i of this.rosterTemplate) issues.push(i);
    if (this.dupGroups > 0) for (const st of this.order) this.rowIssues(st, issues);
    else for (const st of this.order) for (const i of st.issues) issues.push(i);
    const summary: Summary = { rows: this.order.length, errors: 0, warnings: 0, findings: 0 };
    for (const i of issues) {
      if (i.severity === 'error') summary.errors++;
      else if (i.severity === 'warning') summary.warnings++;
      else summary.findings++;
    }
    this.cached = { ok: summary.errors === 0, summary, issues };
    return this.cached;
  }

  /** The current ledger as plain JSON (rows in worksheet order). */
  ledger(): Ledger {
    return {
      templateVersion: this.templateVersion,
      unit: this.unitSheet,
      roster: this.roster ? { headerRow: this.roster.headerRow, columns: this.roster.columns, rows: this.order.map((st) => st.data) } : null,
    };
  }

  /** Replace, add or delete (row = null) the roster row at worksheet row `rowNumber`. */
  updateRow(rowNumber: number, row: LedgerRow | null): IssueDelta {
    if (!this.roster || this.roster.headerRow === null) throw new Error('台账中没有“编外人员台账”表头，无法逐行更新；请重新完整检查。');
    const lo = lowerBound(this.order, rowNumber);
    let hi = lo;
    while (hi < this.order.length && this.order[hi].n === rowNumber) hi++;
    const old = this.order.slice(lo, hi);
    const next = row ? checkRow(row.row === rowNumber ? row : { row: rowNumber, values: row.values }, this.cx) : null;

    // Rows whose ID_DUPLICATE issue may change: the ID groups of the old and new versions of the row.
    const touched = new Set<RowState>();
    const keys = new Set<string>();
    for (const st of old) if (st.idKey !== null) keys.add(st.idKey);
    if (next && next.idKey !== null) keys.add(next.idKey);
    for (const k of keys) {
      const g = this.groups.get(k);
      if (g === undefined) continue;
      if (Array.isArray(g)) for (const st of g) touched.add(st);
      else touched.add(g);
    }
    for (const st of old) touched.delete(st);

    const before: Issue[] = [];
    for (const st of old) this.rowIssues(st, before);
    for (const st of touched) { const d = this.dupIssue(st); if (d) before.push(d); }
    for (const i of this.unitRules) before.push(i);

    for (const st of old) this.unindex(st);
    if (next) {
      this.order.splice(lo, hi - lo, next);
      this.index(next);
    } else {
      this.order.splice(lo, hi - lo);
    }
    this.unitRules = this.computeUnitRules();
    this.cached = null;

    const after: Issue[] = [];
    if (next) this.rowIssues(next, after);
    for (const st of touched) { const d = this.dupIssue(st); if (d) after.push(d); }
    for (const i of this.unitRules) after.push(i);
    return diff(before, after);
  }

  /** Replace the unit sheet. */
  updateUnit(unit: UnitSheet): IssueDelta {
    const before = this.result().issues;
    const oldAsOf = this.cx.asOf;
    this.unitSheet = unit;
    this.unitState = unit ? checkUnit(unit) : null;
    if (resolveAsOf(this.opts, this.unitState) !== oldAsOf) {
      if (this.roster) this.roster = { ...this.roster, rows: this.order.map((st) => st.data) };
      this.rebuild();
    } else {
      this.unitRules = this.computeUnitRules();
      this.cached = null;
    }
    return diff(before, this.result().issues);
  }
}

/** Check a whole ledger. Throws CheckOptionsError only for an invalid `asOf` option. */
export function checkLedger(ledger: Ledger, opts: CheckOptions = {}): CheckResult {
  return new LedgerChecker(ledger, opts).result();
}
