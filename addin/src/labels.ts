// The Chinese labels the pane shows for the contract's vocabularies. Status and milestone words live
// with the aggregated workbook (shared/desk/sheets.ts), which writes the same ones; re-exported here.
import type { Role } from '../../shared/api/contract';

export { MILESTONE_STATE_LABEL, UNIT_STATUS_LABEL } from '../../shared/desk/sheets';

export const ROLE_LABEL: Record<Role, string> = {
  liaison: '联络员',
  head: '单位主要负责人',
  leader: '分管负责人',
  supervisor: '主管部门',
  office: '领导小组办公室',
};
