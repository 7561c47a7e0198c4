import type { Issue } from '../../ledger/schema';

/** The fields of an issue the annotated copy uses (a CheckResult's issues fit as they are). */
export type AnnotationIssue = Pick<Issue, 'sheet' | 'row' | 'column' | 'cell' | 'code' | 'severity' | 'message'>;
