// The instance's worker threads for CPU-heavy request work (piscina), so the event loop keeps answering
// other requests: reading and checking a raw workbook, building the aggregated workbook and finding the
// QR code on a seal scan run on the shared pool; the evidence archive renders its workbooks and PDFs on a
// thread of its own, one archive at a time. Capacity is threads + queue (and one archive); work beyond it
// is refused at once with 503 BUSY and Retry-After instead of piling up until the instance runs out of
// memory. Each worker has its own heap limit: a task that would exhaust it ends that worker, not the host.
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { AppError } from '../errors';
import type { Settings } from '../settings';
import type { QrClaim } from '../documents/qr';
import type { ArchiveVersionFiles, ArchiveVersionTask } from '../documents/archiveVersion';
import { ScanUnreadable, type ScanType } from '../documents/scan/verdict';
import type { WorkbookCheckResult, WorkbookCheckTask } from './workbookCheck.worker';
import type { ScanResult, ScanTask } from './scan.worker';
import type { AggregateResult, AggregateTask } from './aggregate.worker';

/** Heap of one worker (MB): a 10 MB workbook of 200,000 rows takes ~300 MB to read and check. */
const WORKER_HEAP_MB = 1024;
/**
 * The archive's renderer needs ~60 MB live (template, fonts, pdfkit); a small young generation makes it
 * collect each version's short-lived garbage often instead of growing the process. The old generation
 * may grow as the check workers' do, for a unit whose ledger has 200,000 rows.
 */
const ARCHIVE_HEAP = { maxOldGenerationSizeMb: 1024, maxYoungGenerationSizeMb: 8 };
/** An archive whose stream is never read gives its slot back after this. */
const ARCHIVE_UNREAD_MS = 60_000;
export const BUSY_RETRY_AFTER_S = 5;

/** 503 BUSY; `what` says what did not happen (本次报送未处理, 汇总工作簿未生成, 扫描件未上传). */
export const busy = (what = '本次报送未处理') =>
  new AppError(503, 'BUSY', `服务器正忙（同时处理的任务已达上限），${what}，请稍后重试。`, {
    retryAfterSeconds: BUSY_RETRY_AFTER_S,
  });

const storageUnavailable = () => new AppError(503, 'STORAGE_UNAVAILABLE', '存储服务暂时无法访问，请稍后重试；本次操作未生效。');

type WorkerName = 'workbookCheck' | 'aggregate' | 'scan' | 'archive';

/**
 * A worker's file: the .ts source under tsx or vitest (the worker registers tsx too), the bundle's
 * dist/workers/<name>.mjs when built (build.mjs; this module then sits in dist/chunks). TZ_WORKER_BUNDLE
 * set picks the built file from the sources too: benchmarks measure the threads as deployed.
 */
function workerFile(name: WorkerName): string {
  const source = new URL(`./${name}.worker.ts`, import.meta.url);
  const built = new URL(`../../dist/workers/${name}.mjs`, import.meta.url);
  if (process.env.TZ_WORKER_BUNDLE && existsSync(fileURLToPath(built))) return built.href;
  if (existsSync(fileURLToPath(source))) return source.href;
  return new URL(`../workers/${name}.mjs`, import.meta.url).href;
}

const execArgvFor = (file: string) => (file.endsWith('.ts') ? ['--import', 'tsx'] : []);

/** One archive's renderer: its slot is held until `release` (idempotent). */
export interface ArchiveRenderer {
  render(task: ArchiveVersionTask): Promise<ArchiveVersionFiles>;
  /** Call when the stream starts; until then the slot is given back after ARCHIVE_UNREAD_MS. */
  started(): void;
  release(): void;
}

export class WorkPool {
  private readonly pool: Piscina;
  private readonly archive: Piscina;
  private readonly files: Record<WorkerName, string>;
  private archives = 0;

  constructor(settings: Pick<Settings, 'WORK_THREADS' | 'WORK_QUEUE'>) {
    const threads = settings.WORK_THREADS ?? Math.max(1, availableParallelism() - 1);
    this.files = {
      workbookCheck: workerFile('workbookCheck'),
      aggregate: workerFile('aggregate'),
      scan: workerFile('scan'),
      archive: workerFile('archive'),
    };
    this.pool = new Piscina({
      execArgv: execArgvFor(this.files.workbookCheck),
      minThreads: 0,
      maxThreads: threads,
      maxQueue: settings.WORK_QUEUE,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    this.archive = new Piscina({
      filename: this.files.archive,
      execArgv: execArgvFor(this.files.archive),
      minThreads: 0,
      maxThreads: 1,
      idleTimeout: 30_000,
      resourceLimits: ARCHIVE_HEAP,
    });
  }

  /** Runs a task on the shared pool; a full pool is `full()`, a worker out of heap is `outOfMemory()`. */
  private async run<T, R>(name: WorkerName, task: T, full: () => AppError, outOfMemory: () => AppError): Promise<R> {
    try {
      return (await this.pool.run(task, { filename: this.files[name] })) as R;
    } catch (e) {
      const err = e as { message?: string; code?: string };
      if (/queue is at limit/i.test(err.message ?? '')) throw full();
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') throw outOfMemory();
      throw e;
    }
  }

  /** Reads and checks a raw workbook on a worker thread; 503 BUSY when the pool is full. */
  checkWorkbook(bytes: Uint8Array, asOf: string): Promise<WorkbookCheckResult> {
    const tooLarge = () =>
      new AppError(413, 'PAYLOAD_TOO_LARGE', '工作簿内容过大，超出服务器单次处理能力，请拆分后再报送。', {
        reason: 'WORKER_OUT_OF_MEMORY',
      });
    return this.run<WorkbookCheckTask, WorkbookCheckResult>('workbookCheck', { bytes, asOf }, () => busy(), tooLarge);
  }

  /** Builds the aggregated workbook on a worker thread; 503 BUSY when the pool is full (or its heap is). */
  async buildAggregate(task: AggregateTask): Promise<Extract<AggregateResult, { ok: true }>> {
    const notBuilt = () => busy('汇总工作簿未生成');
    const r = await this.run<AggregateTask, AggregateResult>('aggregate', task, notBuilt, notBuilt);
    if (r.ok === true) return r;
    if (r.code === 'STORAGE_UNAVAILABLE') throw storageUnavailable();
    throw new Error(`aggregate worker returned no workbook: ${JSON.stringify(r)}`);
  }

  /** Our QR claims on a seal scan, found on a worker thread; ScanUnreadable, or 503 BUSY when full. */
  async scanClaims(bytes: Uint8Array, type: ScanType): Promise<QrClaim[]> {
    const tooLarge = () =>
      new AppError(413, 'PAYLOAD_TOO_LARGE', '扫描件内容过大，超出服务器单次处理能力，请降低分辨率或页数后重新上传。', {
        reason: 'WORKER_OUT_OF_MEMORY',
      });
    const r = await this.run<ScanTask, ScanResult>('scan', { bytes, type }, () => busy('扫描件未上传'), tooLarge);
    if (!r.ok) throw new ScanUnreadable(r.reason);
    return r.claims;
  }

  /** The archive's slot and renderer; 503 BUSY while another archive is being built on this instance. */
  archiveRenderer(): ArchiveRenderer {
    if (this.archives >= 1) throw busy('证据包未生成');
    this.archives++;
    let held = true;
    const release = () => {
      if (!held) return;
      held = false;
      this.archives--;
    };
    const unread = setTimeout(release, ARCHIVE_UNREAD_MS);
    unread.unref();
    return {
      render: (task) => this.archive.run(task) as Promise<ArchiveVersionFiles>,
      started: () => clearTimeout(unread),
      release,
    };
  }

  async close(): Promise<void> {
    await Promise.all([this.pool.destroy(), this.archive.destroy()]);
  }
}
