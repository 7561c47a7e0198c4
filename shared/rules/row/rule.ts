import type { RuleCode } from '../catalogue';
import type { RowScratch } from './scratch';

/** One row rule: the catalogue codes it may emit and the check. Rules run in table order. */
export interface RowRule {
  readonly name: string;
  readonly codes: readonly RuleCode[];
  readonly check: (r: RowScratch) => void;
}
