import { describe, expect, it } from 'vitest';
import { formatTextReport, toJsonReport, writeJsonReport } from '../../cli/report';
import { checkLedger } from '../../shared/rules/engine';
import type { CheckResult, Issue } from '../../shared/ledger/schema';
import { makeLedger } from '../../fixtures/sampleLedgers';

describe('report rendering', () => {
  const ledger = makeLedger(2500);
  ledger.roster!.rows.forEach((r, i) => {
    if (i % 2 === 0) r.values.gender = '未知';
  });
  const result = checkLedger(ledger);

  it('the streamed JSON is byte-identical to JSON.stringify of the contract object', () => {
    const chunks: Uint8Array[] = [];
    writeJsonReport(result, (c) => chunks.push(c.slice()));
    const out = Buffer.concat(chunks).toString('utf8');
    expect(result.issues.length).toBeGreaterThan(2000);
    expect(out).toBe(`${JSON.stringify(toJsonReport(result))}\n`);
  });

  it('the hand-written JSON escapes what JSON.stringify escapes, and writes nulls where a field does not apply', () => {
    const hostile = '引号"反斜杠\\换行\n制表\t控制\u0001孤代理\ud800结束\u2028';
    const issues: Issue[] = [
      { sheet: '编外人员台账', row: 7, column: hostile, cell: 'D7', code: 'ENUM_INVALID', severity: 'error', message: hostile },
      { sheet: null, row: null, column: null, cell: null, code: 'TEMPLATE_SHEET_MISSING', severity: 'error', message: '缺表' },
      {
        sheet: '编外人员台账',
        row: Number.NaN,
        column: null,
        cell: null,
        code: 'ENUM_INVALID',
        severity: 'error',
        message: 'x'.repeat(1_500_000),
      },
    ];
    const crafted: CheckResult = { ok: false, summary: { rows: 1, errors: 3, warnings: 0, findings: 0 }, issues };
    const chunks: Uint8Array[] = [];
    writeJsonReport(crafted, (c) => chunks.push(c.slice()));
    expect(Buffer.concat(chunks).toString('utf8')).toBe(`${JSON.stringify(toJsonReport(crafted))}\n`);
  });

  it('the text report caps long lists per rule unless --all', () => {
    const short = formatTextReport(result, { file: 'x.xlsx' });
    expect(short).toMatch(/另有 \d+ 处未列出/);
    const all = formatTextReport(result, { file: 'x.xlsx', all: true });
    expect(all).not.toMatch(/另有 \d+ 处未列出/);
    expect(all.split('\n').filter((l) => l.includes('ENUM_INVALID') || l.startsWith('    - ')).length).toBeGreaterThan(1250);
  });
});
