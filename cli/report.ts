// Rendering a CheckResult for the command line: the exact JSON shape of the validator contract, and a
// readable Chinese report grouped by severity and rule.
import { RULES, SEVERITIES, SEVERITY_LABEL, type Severity } from '../shared/rules/catalogue';
import type { CheckResult, Issue } from '../shared/ledger/schema';

/** One issue in the contract's key order, nulls where a field does not apply. */
function issueJson(i: Issue) {
  return {
    sheet: i.sheet ?? null,
    row: i.row ?? null,
    column: i.column ?? null,
    cell: i.cell ?? null,
    code: i.code,
    severity: i.severity,
    message: i.message,
  };
}

function summaryJson(result: CheckResult) {
  const { rows, errors, warnings, findings } = result.summary;
  return { rows, errors, warnings, findings };
}

/** The contract's JSON object, keys in the documented order. */
export function toJsonReport(result: CheckResult) {
  return { ok: result.ok, summary: summaryJson(result), issues: result.issues.map(issueJson) };
}

const str = JSON.stringify;

/** JSON.stringify(issueJson(i)) by hand: codes and severities are plain identifiers, rows integers. */
function issueText(i: Issue): string {
  const row = typeof i.row === 'number' && Number.isFinite(i.row) ? String(i.row) : 'null';
  return (
    `{"sheet":${i.sheet == null ? 'null' : str(i.sheet)},"row":${row},"column":${i.column == null ? 'null' : str(i.column)},` +
    `"cell":${i.cell == null ? 'null' : str(i.cell)},"code":${str(i.code)},"severity":${str(i.severity)},"message":${str(i.message)}}`
  );
}

/** Bytes handed on at a time: large enough that writes are few, small enough to stay out of the old heap. */
const CHUNK_BYTES = 1 << 20;

/**
 * Writes exactly JSON.stringify(toJsonReport(result)) plus a newline as UTF-8, in 1 MiB chunks, so that
 * 100,000 issues never become one giant string. Each issue is encoded straight into the chunk: building
 * and joining strings first cost 2.5× as much (100,000 rows, 115,179 issues: 0.6 s against 0.25 s).
 */
export function writeJsonReport(result: CheckResult, write: (chunk: Uint8Array) => void): void {
  let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const put = (text: string) => {
    // A UTF-16 unit never takes more than 3 UTF-8 bytes.
    if (used + text.length * 3 > chunk.length) {
      if (used > 0) write(chunk.subarray(0, used));
      chunk = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, text.length * 3)); // a fresh one: write may keep the last
      used = 0;
    }
    used += chunk.write(text, used);
  };
  put(`{"ok":${str(result.ok)},"summary":${str(summaryJson(result))},"issues":[`);
  const { issues } = result;
  for (let k = 0; k < issues.length; k++) put(k === 0 ? issueText(issues[k]) : `,${issueText(issues[k])}`);
  put(']}\n');
  write(chunk.subarray(0, used));
}

const SEVERITY_NOTE: Record<Severity, string> = {
  error: '阻止报送，须改正',
  warning: '不阻止报送，请核对',
  finding: '不阻止报送，如实填报即可，由领导小组办公室汇总研究',
};

export interface TextReportOptions {
  file: string;
  /** The --as-of given, if any. */
  asOf?: string;
  /** List every issue instead of the first `limit` per rule. */
  all?: boolean;
  limit?: number;
}

function where(i: Issue): string {
  const sheet = i.sheet ?? '工作簿';
  if (i.cell) return `${sheet} ${i.cell}`;
  if (i.row) return `${sheet} 第${i.row}行`;
  return sheet;
}

export function formatTextReport(result: CheckResult, opts: TextReportOptions): string {
  const limit = opts.all ? Infinity : (opts.limit ?? 100);
  const { summary } = result;
  const out: string[] = [];
  out.push('台账校验报告');
  out.push(`文件：${opts.file}`);
  out.push(`核查日期：${opts.asOf ?? '按“单位基本情况”中的填报日期（未填或无效时按今天）'}`);
  out.push(`人员行数：${summary.rows}`);
  out.push(`错误 ${summary.errors} 处，提醒 ${summary.warnings} 处，问题发现 ${summary.findings} 处`);

  for (const severity of SEVERITIES) {
    const issues = result.issues.filter((i) => i.severity === severity);
    if (issues.length === 0) continue;
    out.push('');
    out.push(`【${SEVERITY_LABEL[severity]}】共 ${issues.length} 处（${SEVERITY_NOTE[severity]}）`);
    const byCode = new Map<string, Issue[]>();
    for (const i of issues) {
      const list = byCode.get(i.code);
      if (list) list.push(i);
      else byCode.set(i.code, [i]);
    }
    for (const [code, list] of byCode) {
      const rule = RULES[code as keyof typeof RULES];
      out.push(`  ■ ${rule?.title ?? code}（${code}）${list.length} 处`);
      if (rule) out.push(`    说明：${rule.explain}`);
      for (const i of list.slice(0, limit)) out.push(`    - ${where(i)}：${i.message}`);
      if (list.length > limit) out.push(`    ……另有 ${list.length - limit} 处未列出（加 --all 列出全部，或用 --json）`);
    }
  }

  out.push('');
  if (summary.errors > 0) {
    out.push(`结论：存在${summary.errors}处错误，须改正后报送。`);
    if (summary.warnings + summary.findings > 0) {
      out.push(`（提醒 ${summary.warnings} 处、问题发现 ${summary.findings} 处不阻止报送。）`);
    }
  } else {
    const tail: string[] = [];
    if (summary.warnings > 0) tail.push(`提醒 ${summary.warnings} 处请核对`);
    if (summary.findings > 0) tail.push(`问题发现 ${summary.findings} 处不阻止报送，请如实报送`);
    out.push(`结论：没有错误，可以报送。${tail.length ? `（${tail.join('；')}）` : ''}`);
  }
  return out.join('\n') + '\n';
}
