// Field validators: one precomputed Spec per template field, and checkField, which validates one cell
// value against it, emits the field's own issues (REQUIRED_MISSING, ENUM_INVALID, DATE_INVALID, …) and
// leaves the parsed value in a FieldResult owned by the caller.
import { ENUMS, type FieldType } from '../template/definition';
import { isExcelError, needsTrim, normaliseCell, parseNumberText, toHalfWidth } from '../ledger/normalise';

import { isoToYmd, parseDateText, type Ymd } from '../dates';
import { idShape } from '../id/idcard';
import { checkUscc } from '../id/uscc';
import { C, type Code } from './codes';

export const Kind = { Text: 0, Enum: 1, Date: 2, Integer: 3, Number: 4, Id: 5, Credit: 6, Mobile: 7 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export interface Spec {
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
    case 'text':
      return Kind.Text;
    case 'enum':
      return Kind.Enum;
    case 'date':
      return Kind.Date;
    case 'integer':
      return Kind.Integer;
    case 'number':
      return Kind.Number;
    case 'idNumber':
      return Kind.Id;
    case 'creditCode':
      return Kind.Credit;
    case 'mobile':
      return Kind.Mobile;
  }
}

export function makeSpec(d: { key: string; header: string; type: FieldType; required: boolean }, fieldIndex: number): Spec {
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

export const EMPTY = 0;
export const VALID = 1;
export const INVALID = 2;
export type FieldState = typeof EMPTY | typeof VALID | typeof INVALID;

/** What checkField found: the state, and the parsed value when valid (string, Ymd for dates, number). */
export interface FieldResult {
  state: FieldState;
  value: string | number;
}

export type Emit = (spec: Spec, code: Code, message: string) => void;

export const MOBILE = /^1[3-9]\d{9}$/;

/** A cell value quoted in a message, cut at 40 characters. */
export function show(v: unknown): string {
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

function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
}

function valid(out: FieldResult, value: string | number): void {
  out.state = VALID;
  out.value = value;
}

/** Validate one cell: emits the field's issues and sets `out`. */
export function checkField(spec: Spec, raw: unknown, emit: Emit, out: FieldResult): void {
  let v: unknown = raw;
  // Parsed ledgers hold normalised values; anything else (objects, untrimmed text) is normalised here.
  const textLike = spec.kind === Kind.Text || spec.kind === Kind.Enum;
  if (v !== null && v !== undefined && typeof v !== 'number' && (typeof v !== 'string' || (v !== '' && textLike && needsTrim(v)))) {
    v = normaliseCell(v, spec.type);
  }
  out.value = 0;
  if (v === null || v === undefined || v === '') {
    out.state = EMPTY;
    if (spec.required && spec.present) emit(spec, C.REQUIRED_MISSING, spec.msgRequired);
    return;
  }
  const err = typeof v === 'string' && v.charCodeAt(0) === 35 && isExcelError(v) ? v : null;
  out.state = INVALID;
  switch (spec.kind) {
    case Kind.Text:
      return checkText(spec, v, err, emit, out);
    case Kind.Enum:
      return checkEnum(spec, v, err, emit, out);
    case Kind.Date:
      return checkDate(spec, v, err, emit, out);
    case Kind.Integer:
    case Kind.Number:
      return checkNumber(spec, v, err, emit, out);
    case Kind.Id:
      return checkId(spec, v, err, emit, out);
    case Kind.Mobile:
      return checkMobile(spec, v, err, emit, out);
    case Kind.Credit:
      return checkCredit(spec, v, err, emit, out);
  }
}

function checkText(spec: Spec, v: unknown, err: string | null, emit: Emit, out: FieldResult): void {
  if (err) {
    out.state = EMPTY;
    if (spec.required && spec.present) emit(spec, C.REQUIRED_MISSING, formulaError(spec.header, err));
    return;
  }
  const s = typeof v === 'string' ? v : String(v);
  if (s.length > spec.maxLength) {
    const n = codePointLength(s);
    if (n > spec.maxLength) emit(spec, C.TEXT_TOO_LONG, `“${spec.header}”共 ${n} 个字，超过 ${spec.maxLength} 字的上限，请精简。`);
  }
  valid(out, s);
}

function checkEnum(spec: Spec, v: unknown, err: string | null, emit: Emit, out: FieldResult): void {
  const set = spec.enumSet as Set<string>;
  if (typeof v === 'string' && set.has(v)) return valid(out, v);
  if (!err) {
    const n = normaliseCell(v, spec.type);
    if (typeof n === 'string' && set.has(n)) return valid(out, n);
  }
  const h = spec.header;
  emit(
    spec,
    C.ENUM_INVALID,
    err
      ? `“${h}”的公式返回错误值 ${err}，请从下拉列表中选择（${spec.enumList}）。`
      : `“${h}”填写了“${show(v)}”，不在可选范围（${spec.enumList}）内，请从下拉列表中选择。`,
  );
}

function checkDate(spec: Spec, v: unknown, err: string | null, emit: Emit, out: FieldResult): void {
  let y: Ymd = typeof v === 'string' ? isoToYmd(v) : 0;
  if (y === 0 && !err) {
    const n = normaliseCell(v, spec.type);
    if (typeof n === 'string') y = isoToYmd(n);
  }
  if (y !== 0) return valid(out, y);
  const h = spec.header;
  let msg: string;
  if (err) msg = `“${h}”的公式返回错误值 ${err}，请修正公式或直接填写日期，如 2024-03-01。`;
  else if (typeof v === 'number') msg = `“${h}”的数值 ${v} 不是有效的Excel日期，请填写真实日期，如 2024-03-01。`;
  else {
    const s = show(v);
    msg = parseDateText(toHalfWidth(s).trim()).recognised
      ? `“${h}”填写的“${s}”不是存在的日期，请核对年月日，如 2024-03-01。`
      : `“${h}”填写的“${s}”无法识别为日期，请按 2024-03-01、2024/3/1、2024.3.1 或 2024年3月1日 的格式填写。`;
  }
  emit(spec, C.DATE_INVALID, msg);
}

function checkNumber(spec: Spec, v: unknown, err: string | null, emit: Emit, out: FieldResult): void {
  const h = spec.header;
  const x = typeof v === 'number' ? v : err ? null : parseNumberText(typeof v === 'string' ? v : show(v));
  if (x === null || !Number.isFinite(x)) {
    emit(
      spec,
      C.NUMBER_INVALID,
      err
        ? `“${h}”的公式返回错误值 ${err}，请修正公式或直接填写数字。`
        : `“${h}”填写的“${show(v)}”不是数字，请只填写阿拉伯数字，不要带单位或文字。`,
    );
  } else if (x < spec.min) {
    emit(spec, C.NUMBER_INVALID, `“${h}”为 ${x}，不能为负数，请核对。`);
  } else if (spec.kind === Kind.Integer && !Number.isInteger(x)) {
    emit(spec, C.NUMBER_INVALID, `“${h}”为 ${x}，须为整数，请核对。`);
  } else {
    valid(out, x);
  }
}

function checkId(spec: Spec, v: unknown, err: string | null, emit: Emit, out: FieldResult): void {
  if (err) {
    emit(spec, C.ID_FORMAT, `“${spec.header}”的公式返回错误值 ${err}，请直接填写18位身份证号码。`);
    return;
  }
  let s = typeof v === 'string' ? v : '';
  if (typeof v !== 'string' || idShape(s) === null) {
    const n = normaliseCell(v, spec.type);
    s = typeof n === 'string' ? n : n === null ? '' : String(n);
  }
  if (idShape(s) !== null) return valid(out, s);
  let msg: string;
  if (/^\d(?:\.\d+)?E[+-]?\d+$/.test(s)) {
    msg = `身份证号码被Excel存成了数字（${s}），后几位已丢失。请将该列设为文本格式，再重新输入完整的18位号码。`;
  } else {
    const n = codePointLength(s);
    msg =
      n === 18 || n === 15
        ? `身份证号码“${show(s)}”含有数字和X以外的字符（X只能在最后一位），请逐位核对。`
        : `身份证号码“${show(s)}”有 ${n} 位，应为18位（前17位为数字，最后一位为数字或X），请核对位数。`;
  }
  emit(spec, C.ID_FORMAT, msg);
}

function checkMobile(spec: Spec, v: unknown, err: string | null, emit: Emit, out: FieldResult): void {
  let s = typeof v === 'string' ? v : '';
  if (!err && (typeof v !== 'string' || !MOBILE.test(s))) {
    const n = normaliseCell(v, spec.type);
    s = typeof n === 'string' ? n : n === null ? '' : String(n);
  }
  if (!err && MOBILE.test(s)) return valid(out, s);
  emit(
    spec,
    C.PHONE_INVALID,
    err
      ? `“${spec.header}”的公式返回错误值 ${err}，请直接填写11位手机号码。`
      : `“${spec.header}”填写的“${show(s)}”不是11位大陆手机号码（以1开头、第二位为3至9），请核对。`,
  );
}

function checkCredit(spec: Spec, v: unknown, err: string | null, emit: Emit, out: FieldResult): void {
  if (err) {
    emit(spec, C.USCC_INVALID, `“${spec.header}”的公式返回错误值 ${err}，请直接填写18位统一社会信用代码。`);
    return;
  }
  const n = normaliseCell(v, spec.type);
  const s = typeof n === 'string' ? n : n === null ? '' : String(n);
  const c = checkUscc(s);
  if (c.ok) return valid(out, s);
  let msg: string;
  if (c.reason === 'length') msg = `统一社会信用代码“${show(s)}”有 ${c.length} 位，应为18位，请对照法人证书核对。`;
  else if (c.reason === 'chars')
    msg = `统一社会信用代码“${show(s)}”含有不允许的字符“${c.bad}”（不使用I、O、Z、S、V），请对照法人证书核对。`;
  else
    msg = `统一社会信用代码“${s}”的校验位应为“${c.expected}”，实际为“${c.actual}”。请对照法人证书核对；个别早期代码确实不符合的，核对无误后可照常报送。`;
  emit(spec, C.USCC_INVALID, msg);
}
