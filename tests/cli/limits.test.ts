// `taizhang validate` on hostile workbooks: exit 2 with error.code WORKBOOK_TOO_LARGE (entities:
// CORRUPT_WORKBOOK) and a Chinese message, quickly; an honest 200,000-row ledger is read and checked.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectXlsx } from '../../shared/node/xlsxWriter';
import { ROSTER_FIELDS, SHEET_ROSTER, SHEET_UNIT, UNIT_FIELDS } from '../../shared/template/definition';
import { WORKBOOK_READ_ERROR_MESSAGES } from '../../shared/xlsx/read';
import { validRosterRow, validUnitValues } from '../../fixtures/sampleLedgers';
import { bombSet } from '../xlsx/bombs';
import { runCli, tempDir } from '../xlsx/helpers';

const dir = tempDir('taizhang-cli-limits-');

/** A 200,000-row ledger as a streaming writer writes it (inline strings: the largest sheet XML measured). */
function honestLedger(n: number): Uint8Array {
  return collectXlsx((w) => {
    const unit = validUnitValues(n);
    const u = w.addSheet({
      name: SHEET_UNIT,
      columns: [
        { header: '项目', kind: 'text' },
        { header: '内容', kind: 'text' },
      ],
    });
    for (const d of UNIT_FIELDS) u.row([d.header, unit[d.key] as string | number | null]);
    const s = w.addSheet({
      name: SHEET_ROSTER,
      columns: ROSTER_FIELDS.map((d) => ({ header: d.header, kind: d.type.kind === 'date' ? 'date' : 'text' })),
    });
    for (let i = 0; i < n; i++) {
      const v = validRosterRow(i);
      s.row(ROSTER_FIELDS.map((d) => v[d.key] as string | number | null));
    }
  });
}

describe('taizhang validate: limits on hostile workbooks', { timeout: 120_000 }, () => {
  for (const b of bombSet()) {
    it(`${b.name} → exit 2 (${b.code})`, () => {
      const p = join(dir, `${b.name.replace(/\W+/g, '-')}.xlsx`);
      writeFileSync(p, b.bytes);
      const j = runCli(['validate', p, '--json']);
      expect(j.status).toBe(2);
      const out = JSON.parse(j.stdout);
      expect(out).toEqual({
        ok: false,
        summary: null,
        issues: [],
        error: { code: b.code, message: expect.stringContaining(WORKBOOK_READ_ERROR_MESSAGES[b.code]) },
      });
      const t = runCli(['validate', p]);
      expect(t.status).toBe(2);
      expect(t.stdout).toBe('');
      expect(t.stderr).toContain(WORKBOOK_READ_ERROR_MESSAGES[b.code]);
    });
  }

  it('an honest 200,000-row ledger passes the limits and is checked', { timeout: 600_000 }, () => {
    const p = join(dir, 'honest-200k.xlsx');
    writeFileSync(p, honestLedger(200_000));
    const r = runCli(['validate', p, '--json']);
    expect(r.status, r.stderr).not.toBe(2);
    expect(JSON.parse(r.stdout).summary.rows).toBe(200_000);
  });
});
