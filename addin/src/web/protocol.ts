// Messages between the 网页版 page and its check worker (./worker.ts). The page hands over the File
// itself (a handle: cloning it copies no bytes) and the worker reads it, so a large file costs the page's
// main thread nothing; the bytes, the parsed ledger and the full issue list stay in the worker (a 100,000-row ledger
// can carry 100,000 findings, and cloning them onto the page would block it), which sends the counts
// per rule and the first issues of each rule, and makes the digest and the annotated copy on request.
import type { CheckResult } from '../../../shared/ledger/schema';
import type { RuleCode } from '../../../shared/rules/catalogue';

/** Issues per rule sent to the page; the annotated copy's 校验结果 sheet lists all of them. */
export const ISSUES_PER_RULE = 250;

export type WorkerRequest =
  | { id: number; type: 'check'; file: Blob; asOf?: string }
  /** About the last check: a copy of the file's bytes as checked (to submit exactly what was checked). */
  | { id: number; type: 'bytes'; check: number }
  /** About the last check (`check` is its request id): the canonical ledger's SHA-256. */
  | { id: number; type: 'digest'; check: number }
  /** About the last check: the workbook with every issue marked. */
  | { id: number; type: 'annotate'; check: number };

/** Steps of a check, in order (the progress bar shows step / CHECK_STEPS.length). */
export const CHECK_STEPS = ['读取工作簿', '校验台账', '整理结果'] as const;

export interface CheckDone {
  /** The summary (exact) and at most ISSUES_PER_RULE issues of each rule. */
  result: CheckResult;
  /** Exact number of issues per rule. */
  ruleCounts: Partial<Record<RuleCode, number>>;
  templateVersion: string | null;
  hasUnitSheet: boolean;
  hasRosterSheet: boolean;
  /** Worker-side milliseconds per step. */
  timings: Record<string, number>;
}

export type WorkerResponse =
  | { id: number; type: 'progress'; step: number; label: string }
  | { id: number; type: 'checked'; done: CheckDone }
  | { id: number; type: 'digest'; digest: string }
  | { id: number; type: 'bytes'; bytes: ArrayBuffer }
  | { id: number; type: 'annotated'; bytes: ArrayBuffer; ms: number }
  /** `code` is the shared reader's (WorkbookReadError, e.g. WORKBOOK_TOO_LARGE) or ours; `message` is for people. */
  | { id: number; type: 'failed'; code: string; message: string };
