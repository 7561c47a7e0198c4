// Statutory retirement age (the gradual delay decision of the NPC Standing Committee, in force from 2025-01-01).
import { addMonths, type Ymd } from './dates';
import type { EnumValue } from './template/definition';

export type RetirementGroup = 'male60' | 'female55' | 'female50';

interface GroupRule {
  baseAge: number;
  startYear: number;
  monthsPerStep: number;
  cap: number;
  label: string;
}

export const RETIREMENT_RULES: Record<RetirementGroup, GroupRule> = {
  male60: { baseAge: 60, startYear: 1965, monthsPerStep: 4, cap: 36, label: '男性，原退休年龄60周岁' },
  female55: { baseAge: 55, startYear: 1970, monthsPerStep: 4, cap: 36, label: '女性技术性或行政管理岗位，原退休年龄55周岁' },
  female50: { baseAge: 50, startYear: 1975, monthsPerStep: 2, cap: 60, label: '女性，原退休年龄50周岁' },
};

/** Post categories where women's base age is 55. */
const FEMALE_55_POSTS = new Set<string>(['技术性', '行政管理'] satisfies EnumValue<'postCategory'>[]);

export function retirementGroup(male: boolean, postCategory: unknown): RetirementGroup {
  if (male) return 'male60';
  return typeof postCategory === 'string' && FEMALE_55_POSTS.has(postCategory) ? 'female55' : 'female50';
}

/** Delay in months: m = whole months from the start month (January of startYear) to the birth month. */
export function retirementDelayMonths(group: RetirementGroup, birthYear: number, birthMonth: number): number {
  const r = RETIREMENT_RULES[group];
  const m = (birthYear - r.startYear) * 12 + (birthMonth - 1);
  if (m < 0) return 0;
  const delay = Math.floor(m / r.monthsPerStep) + 1;
  return delay > r.cap ? r.cap : delay;
}

/** Retirement date: birth + base years + delay months, day kept and clamped to the month's end. */
export function retirementDate(birth: Ymd, group: RetirementGroup): Ymd {
  const delay = retirementDelayMonths(group, Math.floor(birth / 10000), Math.floor(birth / 100) % 100);
  return addMonths(birth, RETIREMENT_RULES[group].baseAge * 12 + delay);
}
