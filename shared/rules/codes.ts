// Rule codes resolved once into { code, severity, order } so emitting an issue needs no catalogue lookups.
import { RULES, RULE_CODES, type RuleCode, type Severity } from './catalogue';

export interface Code {
  code: RuleCode;
  severity: Severity;
  /** Position in the catalogue: the tie-break when issues of one cell are sorted. */
  order: number;
}

export const CODE_ORDER = Object.fromEntries(RULE_CODES.map((c, i) => [c, i])) as Record<RuleCode, number>;

/** `C.ID_CHECKSUM` etc. */
export const C = Object.fromEntries(RULE_CODES.map((c) => [c, { code: c, severity: RULES[c].severity, order: CODE_ORDER[c] }])) as {
  readonly [K in RuleCode]: Code;
};
