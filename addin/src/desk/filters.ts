// Progress-table filters of the desk (pure): which units need the office's attention.
import type { ProgressRow } from '../../../shared/api/contract';

export const DESK_FILTERS = {
  all: { label: '全部', test: () => true },
  notReported: { label: '未报送', test: (u: ProgressRow) => !u.reported },
  overdue: { label: '逾期', test: (u: ProgressRow) => u.milestones.some((m) => m.state === 'overdue' || m.state === 'done_late') },
  returned: { label: '已退回', test: (u: ProgressRow) => u.status === 'returned' },
  unsigned: { label: '未签字', test: (u: ProgressRow) => u.version !== null && u.signedAt === null },
  unsealed: { label: '未盖章', test: (u: ProgressRow) => u.version !== null && u.sealedAt === null },
  sealCheck: { label: '需人工核对', test: (u: ProgressRow) => u.sealQr === 'not_found' },
  underReported: { label: '漏报', test: (u: ProgressRow) => u.underReports > 0 },
  // The two review queues of the chain: the supervising department's, then the office's.
  awaitingSupervisor: { label: '待主管审核', test: (u: ProgressRow) => u.status === 'sealed' && u.reviewer !== null },
  awaitingOffice: {
    label: '待办公室审核',
    test: (u: ProgressRow) => u.status === 'endorsed' || (u.status === 'sealed' && u.reviewer === null),
  },
  suspected: { label: '疑似漏报', test: (u: ProgressRow) => u.suspectedUnreported > 0 },
} as const satisfies Record<string, { label: string; test: (u: ProgressRow) => boolean }>;

export type DeskFilter = keyof typeof DESK_FILTERS;
export const DESK_FILTER_KEYS = Object.keys(DESK_FILTERS) as DeskFilter[];

export function applyFilter(units: readonly ProgressRow[], f: DeskFilter): ProgressRow[] {
  return units.filter(DESK_FILTERS[f].test);
}

export function filterCounts(units: readonly ProgressRow[]): Record<DeskFilter, number> {
  return Object.fromEntries(DESK_FILTER_KEYS.map((k) => [k, units.filter(DESK_FILTERS[k].test).length])) as Record<DeskFilter, number>;
}

/** Each supervising department followed by its units (the tree order of the table). */
export function treeOrder(units: readonly ProgressRow[]): ProgressRow[] {
  return [...units].sort(
    (a, b) =>
      (a.parentId ?? a.unitId).localeCompare(b.parentId ?? b.unitId) ||
      (a.parentId ? 1 : 0) - (b.parentId ? 1 : 0) ||
      a.name.localeCompare(b.name, 'zh-CN'),
  );
}
