// Helpers of the rule tests (rules-*.test.ts): a clean sample ledger with patches, checked as of AS_OF.
import { checkLedger } from '../../shared/rules/engine';
import type { RuleCode } from '../../shared/rules/catalogue';
import { CheckResultSchema, type Issue } from '../../shared/ledger/schema';
import { idCheckChar, makeIdNumber } from '../../shared/id/idcard';
import { ROSTER_FIELDS, SHEET_ROSTER } from '../../shared/template/definition';
import { cleanLedger, makeSheets, type RosterValues, type UnitValues } from '../../fixtures/sampleLedgers';

export const AS_OF = '2025-06-30';

export function check(patches: Partial<RosterValues>[], unit: Partial<UnitValues> = {}, asOf: string | undefined = AS_OF) {
  const result = checkLedger(cleanLedger(patches, unit), asOf === undefined ? {} : { asOf });
  CheckResultSchema.parse(result);
  return result;
}
export const only = (r: { issues: Issue[] }, code: RuleCode) => r.issues.filter((i) => i.code === code);
export const one = (patch: Partial<RosterValues>, code: RuleCode, unit: Partial<UnitValues> = {}, asOf = AS_OF) =>
  only(check([patch], unit, asOf), code);

/** A valid ID for a birth date 'YYYYMMDD'. */
export const idFor = (birth: string, male: boolean, seq = 21, region = '110101') => makeIdNumber(region, birth, seq, male);

export function findIdEndingInX(): string {
  for (let seq = 1; seq < 1000; seq += 2) {
    const first17 = '110101' + '19900315' + String(seq).padStart(3, '0');
    if (idCheckChar(first17) === 'X') return first17 + 'X';
  }
  throw new Error('no X');
}

/** makeSheets(1) with one raw roster value replaced. */
export function sheetsWithRosterValue(key: string, value: unknown): Record<string, unknown[][]> {
  const s = makeSheets(1);
  const col = ROSTER_FIELDS.findIndex((d) => d.key === key);
  s[SHEET_ROSTER][3][col] = value;
  return s;
}
