// External rosters the office loads to find suspected under-reporting (疑似漏报): the county's social
// insurance roster, payroll / labour-fee list and dispatch agencies' lists. Parsing and normalising only;
// pure and browser-safe. A roster is refused as a whole (with the first problems by row) rather than
// silently dropping rows: a person skipped for a typo would be a lead nobody sees.
import { analyseId, idKey } from '../id/idcard';
import { checkUscc } from '../id/uscc';
import { normaliseHeader, toHalfWidth, unwrapCell } from '../ledger/normalise';

export const ROSTER_SOURCES = ['social-insurance', 'payroll', 'dispatch'] as const;
export type RosterSource = (typeof ROSTER_SOURCES)[number];
export const ROSTER_SOURCE_LABEL: Record<RosterSource, string> = {
  'social-insurance': '社保参保名单',
  payroll: '工资统发/劳务费发放名单',
  dispatch: '派遣公司派驻人员名单',
};

/** Header texts of an uploaded .xlsx roster (matched like the ledger's headers: spaces, '*', widths ignored). */
export const ROSTER_HEADERS = { name: '姓名', idNumber: '身份证号码', creditCode: '单位统一社会信用代码' } as const;
/** Other header texts seen on real lists for the same columns. */
const HEADER_ALIASES: Record<keyof typeof ROSTER_HEADERS, string[]> = {
  name: ['姓名'],
  idNumber: ['身份证号码', '公民身份号码', '身份证号'],
  creditCode: ['单位统一社会信用代码', '统一社会信用代码', '参保单位统一社会信用代码', '用工单位统一社会信用代码'],
};
/** The header row is searched in the first rows of each sheet, as for the ledger. */
export const ROSTER_HEADER_SEARCH_ROWS = 10;
/** At most this many persons per upload (a county's social insurance roster is far smaller). */
export const MAX_ROSTER_PERSONS = 500_000;
/** At most this many problems are reported back. */
const MAX_PROBLEMS = 50;

/** One person of a roster, normalised: 18-character ID key, trimmed name, half-width upper-case credit code. */
export interface RosterPerson {
  idNumber: string;
  name: string;
  creditCode: string;
}

export interface RosterProblem {
  /** Worksheet row (xlsx) or 1-based position in `persons` (JSON). */
  row: number;
  field: 'idNumber' | 'name' | 'creditCode' | 'header';
  value: string | null;
  message: string;
}

export type RosterParse =
  | { ok: true; persons: RosterPerson[]; duplicates: number }
  | { ok: false; code: 'ROSTER_INVALID' | 'ROSTER_TOO_LARGE' | 'ROSTER_HEADER_MISSING'; message: string; problems: RosterProblem[] };

const WS_G = /[\s\u3000]+/g;

const text = (raw: unknown): string | null => {
  const v = unwrapCell(raw);
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? (Number.isSafeInteger(v) ? String(v) : v.toExponential().toUpperCase()) : null;
  if (typeof v === 'string') return v;
  return null;
};

/** Normalises one raw person; a problem per bad field. */
function normalisePerson(
  raw: { idNumber: unknown; name: unknown; creditCode: unknown },
  row: number,
  problems: RosterProblem[],
): RosterPerson | null {
  const before = problems.length;
  const idText = text(raw.idNumber);
  const key = idKey(idText ?? '');
  if (key === null) {
    problems.push({
      row,
      field: 'idNumber',
      value: idText,
      message: idText ? `身份证号码“${idText}”不是15位或18位公民身份号码` : '缺少身份证号码',
    });
  } else {
    const a = analyseId(key);
    if (!a || !a.regionOk || a.birth === 0 || !a.checksumOk)
      problems.push({ row, field: 'idNumber', value: idText, message: `身份证号码“${idText}”无效（地区码、出生日期或校验位不正确）` });
  }
  const name = (text(raw.name) ?? '').replace(WS_G, '');
  if (!name) problems.push({ row, field: 'name', value: null, message: '缺少姓名' });
  else if (name.length > 50) problems.push({ row, field: 'name', value: name.slice(0, 50), message: '姓名超过50字' });
  const ccText = text(raw.creditCode);
  const cc = toHalfWidth(ccText ?? '')
    .replace(WS_G, '')
    .toUpperCase();
  if (!cc) problems.push({ row, field: 'creditCode', value: null, message: '缺少单位统一社会信用代码' });
  else if (!checkUscc(cc).ok)
    problems.push({ row, field: 'creditCode', value: ccText, message: `单位统一社会信用代码“${ccText}”无效（应为18位且校验位正确）` });
  if (problems.length > before) return null;
  return { idNumber: key as string, name, creditCode: cc };
}

/** Collects normalised persons, dropping exact (ID, credit code) repeats within one roster. */
class RosterCollector {
  readonly persons: RosterPerson[] = [];
  readonly problems: RosterProblem[] = [];
  private readonly seen = new Set<string>();
  private problemCount = 0;
  duplicates = 0;
  tooMany = false;

  add(raw: { idNumber: unknown; name: unknown; creditCode: unknown }, row: number): void {
    if (this.persons.length + this.problemCount >= MAX_ROSTER_PERSONS) {
      this.tooMany = true;
      return;
    }
    const scratch: RosterProblem[] = [];
    const p = normalisePerson(raw, row, scratch);
    if (!p) {
      this.problemCount++;
      if (this.problems.length < MAX_PROBLEMS) this.problems.push(...scratch.slice(0, MAX_PROBLEMS - this.problems.length));
      return;
    }
    const k = p.idNumber + '|' + p.creditCode;
    if (this.seen.has(k)) {
      this.duplicates++;
      return;
    }
    this.seen.add(k);
    this.persons.push(p);
  }

  result(): RosterParse {
    if (this.tooMany)
      return {
        ok: false,
        code: 'ROSTER_TOO_LARGE',
        message: `名单超过 ${MAX_ROSTER_PERSONS} 人的上限，请分开上传或联系管理员。`,
        problems: [],
      };
    if (this.problemCount > 0)
      return {
        ok: false,
        code: 'ROSTER_INVALID',
        message: `名单有 ${this.problemCount} 行不符合要求，未导入任何人员。请改正后重新上传：${this.problems
          .slice(0, 3)
          .map((p) => `第${p.row}行 ${p.message}`)
          .join('；')}`,
        problems: this.problems,
      };
    return { ok: true, persons: this.persons, duplicates: this.duplicates };
  }
}

/** A JSON roster body's persons (already shape-checked by the contract schema). */
export function parseRosterPersons(persons: readonly { idNumber: unknown; name: unknown; creditCode: unknown }[]): RosterParse {
  const c = new RosterCollector();
  for (let i = 0; i < persons.length; i++) c.add(persons[i], i + 1);
  return c.result();
}

type ColumnMap = Record<keyof typeof ROSTER_HEADERS, number>;
const ALIAS_TO_FIELD = new Map<string, keyof typeof ROSTER_HEADERS>();
for (const [field, list] of Object.entries(HEADER_ALIASES) as [keyof typeof ROSTER_HEADERS, string[]][])
  for (const h of list) ALIAS_TO_FIELD.set(normaliseHeader(h), field);

/** The three columns of a header row, or null when one is missing. */
export function rosterColumns(values: readonly unknown[]): ColumnMap | null {
  const found: Partial<ColumnMap> = {};
  for (let c = 0; c < values.length; c++) {
    const f = ALIAS_TO_FIELD.get(normaliseHeader(values[c]));
    if (f && found[f] === undefined) found[f] = c;
  }
  return found.name !== undefined && found.idNumber !== undefined && found.creditCode !== undefined ? (found as ColumnMap) : null;
}

/**
 * Row-by-row parser for a worksheet (feed it the reader's rows in order): finds the header row in the
 * first rows, then collects persons. Rows without any of the three values are skipped.
 */
export class RosterSheetParser {
  private columns: ColumnMap | null = null;
  private readonly collector = new RosterCollector();

  get hasHeader(): boolean {
    return this.columns !== null;
  }

  /** `rowIndex` 0-based (worksheet row = rowIndex + 1). The array may be reused by the caller. */
  row(rowIndex: number, values: readonly unknown[]): void {
    if (!this.columns) {
      if (rowIndex < ROSTER_HEADER_SEARCH_ROWS) this.columns = rosterColumns(values);
      return;
    }
    const raw = { idNumber: values[this.columns.idNumber], name: values[this.columns.name], creditCode: values[this.columns.creditCode] };
    if (text(raw.idNumber)?.trim() || text(raw.name)?.trim() || text(raw.creditCode)?.trim()) this.collector.add(raw, rowIndex + 1);
  }

  result(): RosterParse {
    if (!this.columns)
      return {
        ok: false,
        code: 'ROSTER_HEADER_MISSING',
        message: `工作簿中没有找到表头（须在前${ROSTER_HEADER_SEARCH_ROWS}行内含有“${ROSTER_HEADERS.name}”“${ROSTER_HEADERS.idNumber}”“${ROSTER_HEADERS.creditCode}”三列）。`,
        problems: [{ row: 0, field: 'header', value: null, message: '缺少表头' }],
      };
    return this.collector.result();
  }
}

/** Distinct credit codes of a roster → number of persons under each. */
export function personsByCreditCode(persons: readonly RosterPerson[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of persons) out.set(p.creditCode, (out.get(p.creditCode) ?? 0) + 1);
  return out;
}

/** A unit's credit code as stored or typed (full-width, spaces, lower case allowed); null when empty. */
export function normaliseCreditCode(raw: unknown): string | null {
  const t = text(raw);
  if (t === null) return null;
  const cc = toHalfWidth(t).replace(WS_G, '').toUpperCase();
  return cc || null;
}
