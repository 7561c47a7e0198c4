// Employment: form of employment, dispatch company, pay, retirement age and outsourceable posts.
import { RULE_PARAMS } from '../catalogue';
import { retirementDate, retirementDelayMonths, retirementGroup } from '../../retirement';
import { C } from '../codes';
import * as M from '../messages';
import { LABOUR_DISPATCH, PURCHASED_SERVICE, REHIRED_RETIREE_FORM } from './values';
import { R, type RowScratch } from './scratch';
import type { RowRule } from './rule';

const OUTSOURCEABLE = new RegExp(RULE_PARAMS.outsourceablePostKeywords.join('|'));

function dispatchCompany(r: RowScratch): void {
  if (r.form === LABOUR_DISPATCH && r.empty(R.dispatchCompany)) {
    r.at(R.dispatchCompany, C.DISPATCH_COMPANY_MISSING, M.MSG_DISPATCH_COMPANY_MISSING);
  }
}

function salary(r: RowScratch): void {
  const pay = r.num(R.monthlySalary);
  if (pay === null) return;
  if (pay < RULE_PARAMS.salaryMin || pay > RULE_PARAMS.salaryMax) r.at(R.monthlySalary, C.SALARY_OUTLIER, M.msgSalary(pay));
}

function form(r: RowScratch): void {
  const f = r.form;
  if (f === null) return;
  if (f !== LABOUR_DISPATCH && f !== PURCHASED_SERVICE) r.at(R.employmentForm, C.NOT_LABOR_DISPATCH, M.msgNotLabourDispatch(f));
  if (f === REHIRED_RETIREE_FORM) r.at(R.employmentForm, C.REHIRED_RETIREE, M.MSG_REHIRED_RETIREE);
}

function retirementAge(r: RowScratch): void {
  const id = r.id;
  const f = r.form;
  if (id === null || !r.idValid || f === null || f === REHIRED_RETIREE_FORM) return;
  const group = retirementGroup(id.male, r.postCategory);
  const retire = retirementDate(id.birth, group);
  if (r.asOf < retire) return;
  r.overAge = true;
  const delay = retirementDelayMonths(group, Math.floor(id.birth / 10000), Math.floor(id.birth / 100) % 100);
  r.at(R.idNumber, C.OVER_RETIREMENT_AGE, M.msgOverRetirement(id.birth, group, delay, retire, r.asOfIso, f));
}

function outsourceablePost(r: RowScratch): void {
  const postName = r.str(R.postName),
    f = r.form;
  if (postName === null || f === null || f === PURCHASED_SERVICE) return;
  const m = OUTSOURCEABLE.exec(postName);
  if (m) r.at(R.postName, C.OUTSOURCEABLE_POST, M.msgOutsource(postName, m[0], f));
}

export const EMPLOYMENT_RULES: readonly RowRule[] = [
  { name: 'dispatch company', codes: ['DISPATCH_COMPANY_MISSING'], check: dispatchCompany },
  { name: 'monthly salary', codes: ['SALARY_OUTLIER'], check: salary },
  { name: 'form of employment', codes: ['NOT_LABOR_DISPATCH', 'REHIRED_RETIREE'], check: form },
  { name: 'retirement age', codes: ['OVER_RETIREMENT_AGE'], check: retirementAge },
  { name: 'outsourceable post', codes: ['OUTSOURCEABLE_POST'], check: outsourceablePost },
];
