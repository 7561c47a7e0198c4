// The 网页版's LedgerSession: a workbook file chosen by the liaison, checked in the worker. A file
// cannot change under us (the worker holds the bytes it read when the file was chosen), so "recheck" is the last check; to fix
// something the liaison edits the file in Excel, WPS or LibreOffice and chooses it again.
import { TEMPLATE_VERSION } from '../../../shared/template/definition';
import { todayInChina } from '../../../shared/dates';
import type { CheckResult, Issue } from '../../../shared/ledger/schema';
import type { LedgerSession, LedgerSnapshot, SubmissionBody, TemplateState } from '../host/types';
import { FileCheckError, type CheckWorker, type WorkerCheck } from './checkWorker';
import { FILE_NOT_READABLE_MESSAGE, refuseBeforeReading } from './fileKind';
import { CHECK_STEPS, type CheckDone } from './protocol';
import type { RuleCode } from '../../../shared/rules/catalogue';

export interface FileSnapshot extends LedgerSnapshot {
  file: { name: string; size: number } | null;
  /** While checking: the step under way (0-based) of CHECK_STEPS. */
  progress: { step: number; of: number; label: string } | null;
  /** Stable code of the last refusal or failure (error holds its message). */
  code: string | null;
  /** Milliseconds from choosing the file to the result on screen, for the page and the benchmark. */
  checkMs: number | null;
}

export class FileSession implements LedgerSession {
  private snap: FileSnapshot = {
    phase: 'ready',
    template: null,
    templateVersion: null,
    busy: false,
    error: null,
    revision: 0,
    file: null,
    progress: null,
    code: null,
    checkMs: null,
  };
  private listeners = new Set<() => void>();
  private done: WorkerCheck | null = null;
  private loads = 0;

  constructor(
    private worker: CheckWorker,
    /** asOf: reference date of the check; default today in China, as the server checks on receipt. */
    private opts: { asOf?: string } = {},
  ) {}

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  snapshot(): FileSnapshot {
    return this.snap;
  }
  private set(patch: Partial<FileSnapshot>, bump = false): void {
    this.snap = { ...this.snap, ...patch, revision: this.snap.revision + (bump ? 1 : 0) };
    for (const fn of this.listeners) fn();
  }

  /** The exact summary and the first issues of each rule (see ruleCounts for the exact numbers). */
  result(): CheckResult | null {
    return this.done?.result ?? null;
  }

  /** Exact number of issues per rule of the current check. */
  ruleCounts(): Partial<Record<RuleCode, number>> | null {
    return this.done?.ruleCounts ?? null;
  }

  /** Worker-side milliseconds per step of the current check. */
  timings(): Record<string, number> | null {
    return this.done?.timings ?? null;
  }

  /** Reads and checks a chosen file; a later choice supersedes a check still running. */
  async load(file: Blob & { name: string }): Promise<void> {
    const mine = ++this.loads;
    const started = performance.now();
    this.done = null;
    const refused = refuseBeforeReading(file.name, file.size);
    const fileInfo = { name: file.name, size: file.size };
    if (refused) {
      this.set(
        {
          phase: 'failed',
          file: fileInfo,
          busy: false,
          progress: null,
          template: null,
          templateVersion: null,
          error: refused.message,
          code: refused.code,
          checkMs: null,
        },
        true,
      );
      return;
    }
    this.set(
      {
        phase: 'starting',
        file: fileInfo,
        busy: true,
        progress: { step: 0, of: CHECK_STEPS.length, label: '读取文件' },
        error: null,
        code: null,
        checkMs: null,
      },
      true,
    );
    try {
      // The worker reads the file: its bytes never pass through (or get copied on) the main thread.
      const done = await this.worker.check(
        file,
        (step, label) => mine === this.loads && this.set({ progress: { step, of: CHECK_STEPS.length, label } }),
        this.opts.asOf ?? todayInChina(),
      );
      if (mine !== this.loads) return;
      this.done = done;
      this.set(
        {
          phase: 'ready',
          busy: false,
          progress: null,
          template: templateState(done),
          templateVersion: done.templateVersion,
          checkMs: performance.now() - started,
        },
        true,
      );
    } catch (e) {
      if (mine !== this.loads) return;
      const { code, message } = e instanceof FileCheckError ? e : { code: 'FILE_NOT_READABLE', message: FILE_NOT_READABLE_MESSAGE };
      this.set({ phase: 'failed', busy: false, progress: null, error: message, code }, true);
    }
  }

  /** The check of the bytes the worker holds is current by construction; only a missing file is an error. */
  async recheck(): Promise<void> {
    if (!this.done) throw new FileCheckError('NO_FILE', '请先选择台账文件并完成校验。');
  }

  /** There is no sheet to jump to in a browser: the list shows each issue's cell address instead. */
  async select(_issue: Pick<Issue, 'sheet' | 'cell'>): Promise<void> {}

  async submission(): Promise<{ body: SubmissionBody; digest: string }> {
    if (!this.done) throw new FileCheckError('NO_FILE', '请先选择台账文件并完成校验。');
    const [bytes, digest] = await Promise.all([this.done.bytes(), this.done.digest()]);
    return { body: { kind: 'xlsx', bytes }, digest };
  }

  /** 下载标注版: the chosen workbook with every issue marked, made in the worker. */
  async annotated(): Promise<Uint8Array> {
    if (!this.done) throw new FileCheckError('NO_FILE', '请先选择台账文件并完成校验。');
    return (await this.done.annotate()).bytes;
  }

  describeError(e: unknown): string {
    return e instanceof Error ? e.message : String(e);
  }
}

function templateState(d: CheckDone): TemplateState {
  if (!d.hasUnitSheet && !d.hasRosterSheet) return 'missing';
  if (d.templateVersion === null) return 'unversioned';
  return d.templateVersion === TEMPLATE_VERSION ? 'standard' : 'outdated';
}
