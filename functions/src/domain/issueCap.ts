// What the server answers about a ledger's issues: the first MAX_RETURNED_ISSUES in the checker's order
// and exact counts of all of them. 20,000 one-cell rows make ~280,000 issues; echoing them all made a
// 0.24 MB request answer 30 MB (and a 6 MB one overflow the largest string V8 can build).
import { MAX_RETURNED_ISSUES, type IssueCounts } from '../../../shared/api/contract';
import type { Issue } from '../../../shared/ledger/schema';

export interface CappedIssues {
  issues: Issue[];
  issuesTruncated: boolean;
  issueCounts: IssueCounts;
}

export function capIssues(all: readonly Issue[], max = MAX_RETURNED_ISSUES): CappedIssues {
  const bySeverity = { error: 0, warning: 0, finding: 0 };
  const byRule: Record<string, number> = {};
  for (const i of all) {
    bySeverity[i.severity]++;
    byRule[i.code] = (byRule[i.code] ?? 0) + 1;
  }
  return {
    issues: all.length > max ? all.slice(0, max) : [...all],
    issuesTruncated: all.length > max,
    issueCounts: { bySeverity, byRule },
  };
}
