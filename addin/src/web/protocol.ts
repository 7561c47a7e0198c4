// Messages between the 网页版 page and its check worker (./worker.ts). Bytes travel as transferred
// ArrayBuffers, so a large file is never copied; the parsed ledger stays in the worker.
import type { CheckResult } from '../../../shared/ledger/schema';
import type { AnnotationIssue } from '../../../shared/xlsx/annotate';

export type WorkerRequest =
  | { id: number; type: 'check'; bytes: ArrayBuffer; asOf?: string }
  | { id: number; type: 'annotate'; bytes: ArrayBuffer; issues: AnnotationIssue[] };

/** Steps of a check, in order (the progress bar shows step / CHECK_STEPS.length). */
export const CHECK_STEPS = ['读取工作簿', '校验台账', '计算内容摘要'] as const;

export interface CheckDone {
  result: CheckResult;
  /** SHA-256 of the canonical ledger: the Idempotency-Key's content part, as the server computes it. */
  digest: string;
  templateVersion: string | null;
  hasUnitSheet: boolean;
  hasRosterSheet: boolean;
  /** Worker-side milliseconds per step. */
  timings: Record<string, number>;
}

export type WorkerResponse =
  | { id: number; type: 'progress'; step: number; label: string }
  | { id: number; type: 'checked'; done: CheckDone }
  | { id: number; type: 'annotated'; bytes: ArrayBuffer; ms: number }
  /** `code` is the shared reader's (WorkbookReadError) or WORKBOOK_TOO_LARGE; `message` is for people. */
  | { id: number; type: 'failed'; code: string; message: string };
