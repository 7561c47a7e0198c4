// Enum values the row rules name, typed against the lists in definition.ts so a typo does not compile.
import type { EnumValue } from '../../template/definition';

export const LABOUR_DISPATCH: EnumValue<'employmentForm'> = '劳务派遣';
export const PURCHASED_SERVICE: EnumValue<'employmentForm'> = '政府购买服务';
export const REHIRED_RETIREE_FORM: EnumValue<'employmentForm'> = '退休返聘';
export const YES: EnumValue<'yesNo'> = '是';
export const NO: EnumValue<'yesNo'> = '否';
export const KEEP: EnumValue<'disposition'> = '保留';
export const MALE: EnumValue<'gender'> = '男';
export const TECHNICAL: EnumValue<'postCategory'> = '技术性';
