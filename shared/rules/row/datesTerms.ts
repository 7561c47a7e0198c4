// Dates and terms: hire and approval dates against as-of and the birth date, the term of use.
import { RULE_PARAMS } from '../catalogue';
import { addMonths, addYears } from '../../dates';
import { C } from '../codes';
import * as M from '../messages';
import { R, type RowScratch } from './scratch';
import type { RowRule } from './rule';

function underageAtHire(r: RowScratch): void {
  const hire = r.hire;
  if (r.id === null || !r.idValid || hire === 0) return;
  const ofAge = addYears(r.id.birth, RULE_PARAMS.minHireAge);
  if (hire < ofAge) r.at(R.hireDate, C.UNDERAGE_AT_HIRE, M.msgUnderage(r.id.birth, hire, ofAge));
}

function notInFuture(r: RowScratch): void {
  const hire = r.hire,
    approval = r.approval;
  if (hire > r.asOf) r.at(R.hireDate, C.DATE_IN_FUTURE, M.msgHireInFuture(hire, r.asOfIso));
  if (approval > r.asOf) r.at(R.approvalDate, C.DATE_IN_FUTURE, M.msgApprovalInFuture(approval, r.asOfIso));
}

function term(r: RowScratch): void {
  const start = r.ymd(R.termStart),
    end = r.ymd(R.termEnd);
  if (start !== 0 && end !== 0) {
    if (end < start) r.at(R.termEnd, C.TERM_END_BEFORE_START, M.msgTermEndBeforeStart(start, end));
    else {
      const limit = addMonths(start, RULE_PARAMS.maxTermMonths);
      if (end > limit) r.at(R.termEnd, C.TERM_OVER_ONE_YEAR, M.msgTermTooLong(start, end, limit));
    }
  }
  const noStart = r.empty(R.termStart),
    noEnd = r.empty(R.termEnd);
  if (noStart || noEnd) {
    r.at(
      noStart ? R.termStart : R.termEnd,
      C.NO_TERM,
      noStart && noEnd ? M.MSG_NO_TERM_BOTH : noStart ? M.MSG_NO_TERM_START : M.MSG_NO_TERM_END,
    );
  }
}

export const DATE_TERM_RULES: readonly RowRule[] = [
  { name: 'of age at hire', codes: ['UNDERAGE_AT_HIRE'], check: underageAtHire },
  { name: 'dates not after as-of', codes: ['DATE_IN_FUTURE'], check: notInFuture },
  { name: 'term of use', codes: ['TERM_END_BEFORE_START', 'TERM_OVER_ONE_YEAR', 'NO_TERM'], check: term },
];
