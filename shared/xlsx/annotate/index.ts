// The annotated copy of a liaison's own workbook (网页版 "下载标注版"): every problem cell filled by
// severity with a note saying what is wrong and how to fix it, plus a 校验结果 sheet listing every issue.
// Browser-safe (fflate only, no Node imports, no ExcelJS); works on the package's XML so nothing else in
// the workbook changes.
import type { Issue } from '../../ledger/schema';

/** The fields of an issue the annotated copy uses (a CheckResult's issues fit as they are). */
export type AnnotationIssue = Pick<Issue, 'sheet' | 'row' | 'column' | 'cell' | 'code' | 'severity' | 'message'>;

/** Name of the sheet listing every issue. */
export const RESULT_SHEET_NAME = '校验结果';

/**
 * A copy of `input` (an .xlsx) with `issues` marked. Throws the shared reader's WorkbookReadError
 * (EMPTY_FILE, NOT_A_WORKBOOK, LEGACY_XLS, CSV_FILE, ENCRYPTED_WORKBOOK, CORRUPT_WORKBOOK) for input that is
 * not a readable workbook.
 */
export function annotateWorkbook(input: Uint8Array, issues: readonly AnnotationIssue[]): Uint8Array {
  void input;
  void issues;
  // The implementation lands in the next commits; the signature is published first so callers can import it.
  throw new Error('annotateWorkbook: not implemented yet');
}
