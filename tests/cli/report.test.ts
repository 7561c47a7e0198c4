import { describe, expect, it } from 'vitest';
import { formatTextReport, toJsonReport, writeJsonReport } from '../../cli/report';
import { checkLedger } from '../../shared/rules/engine';
import { makeLedger } from '../../fixtures/sampleLedgers';

describe('report rendering', () => {
  const ledger = makeLedger(2500);
  ledger.roster!.rows.forEach((r, i) => {
    if (i % 2 === 0) r.values.gender = '未知';
  });
  const result = checkLedger(ledger);

  it('the streamed JSON is byte-identical to JSON.stringify of the contract object', () => {
    let out = '';
    writeJsonReport(result, { stdout: (s) => (out += s) });
    expect(result.issues.length).toBeGreaterThan(2000);
    expect(out).toBe(`${JSON.stringify(toJsonReport(result))}\n`);
  });

  it('the text report caps long lists per rule unless --all', () => {
    const short = formatTextReport(result, { file: 'x.xlsx' });
    expect(short).toMatch(/另有 \d+ 处未列出/);
    const all = formatTextReport(result, { file: 'x.xlsx', all: true });
    expect(all).not.toMatch(/另有 \d+ 处未列出/);
    expect(all.split('\n').filter((l) => l.includes('ENUM_INVALID') || l.startsWith('    - ')).length).toBeGreaterThan(1250);
  });
});
