// Policy findings about how the person was taken on (reported, never blocking), and the warning for a
// problem case kept without a reason. Runs after the employment rules (reads r.overAge).
import { RULE_PARAMS } from '../catalogue';
import { C } from '../codes';
import * as M from '../messages';
import { KEEP, NO, REHIRED_RETIREE_FORM, TECHNICAL, YES } from './values';
import { R, type RowScratch } from './scratch';
import type { RowRule } from './rule';

const PROHIBITED = new Set<string>(RULE_PARAMS.prohibitedPostCategories);

function prohibitedPost(r: RowScratch): void {
  const category = r.postCategory;
  if (category !== null && PROHIBITED.has(category)) r.at(R.postCategory, C.PROHIBITED_POST, M.msgProhibited(category));
}

function collectiveDecision(r: RowScratch): void {
  if (r.str(R.collectiveDecision) === NO) r.at(R.collectiveDecision, C.NO_COLLECTIVE_DECISION, M.MSG_NO_COLLECTIVE_DECISION);
}

function approval(r: RowScratch): void {
  const noNumber = r.empty(R.approvalNo),
    noDate = r.empty(R.approvalDate);
  if (noNumber || noDate) {
    r.at(
      noNumber ? R.approvalNo : R.approvalDate,
      C.NO_APPROVAL,
      noNumber && noDate ? M.MSG_NO_APPROVAL_BOTH : noNumber ? M.MSG_NO_APPROVAL_NO : M.MSG_NO_APPROVAL_DATE,
    );
  }
  const hire = r.hire,
    approved = r.approval;
  if (hire !== 0 && approved !== 0 && hire < approved) r.at(R.hireDate, C.HIRED_BEFORE_APPROVAL, M.msgHiredBeforeApproval(hire, approved));
}

function qualification(r: RowScratch): void {
  if (r.postCategory === TECHNICAL && r.empty(R.qualification)) r.at(R.qualification, C.QUALIFICATION_MISSING, M.MSG_QUALIFICATION_MISSING);
}

function relativeOfLeader(r: RowScratch): void {
  if (r.str(R.relativeOfLeader) === YES) r.at(R.relativeOfLeader, C.RELATIVE_OF_LEADER, M.MSG_RELATIVE_OF_LEADER);
}

function dispositionExplained(r: RowScratch): void {
  if (r.str(R.disposition) !== KEEP || !r.empty(R.remarks)) return;
  const category = r.postCategory;
  const prohibited = category !== null && PROHIBITED.has(category);
  const rehired = r.form === REHIRED_RETIREE_FORM;
  const relative = r.str(R.relativeOfLeader) === YES;
  if (!(prohibited || r.overAge || rehired || relative)) return;
  const why: string[] = [];
  if (prohibited) why.push('禁止使用编外人员的岗位');
  if (r.overAge) why.push('超过法定退休年龄');
  if (rehired) why.push('退休返聘');
  if (relative) why.push('领导干部亲属');
  r.at(R.disposition, C.DISPOSITION_UNEXPLAINED, M.msgDispositionUnexplained(why));
}

export const FINDING_RULES: readonly RowRule[] = [
  { name: 'prohibited post', codes: ['PROHIBITED_POST'], check: prohibitedPost },
  { name: 'collective decision', codes: ['NO_COLLECTIVE_DECISION'], check: collectiveDecision },
  { name: 'approval', codes: ['NO_APPROVAL', 'HIRED_BEFORE_APPROVAL'], check: approval },
  { name: 'qualification', codes: ['QUALIFICATION_MISSING'], check: qualification },
  { name: 'relative of a leader', codes: ['RELATIVE_OF_LEADER'], check: relativeOfLeader },
  { name: 'kept without a reason', codes: ['DISPOSITION_UNEXPLAINED'], check: dispositionExplained },
];
