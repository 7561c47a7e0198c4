// The instance's pool of worker threads for CPU-heavy request work (piscina): reading and checking a raw
// workbook, and building the aggregated workbook, run there, off the event loop. Capacity is threads +
// queue, shared by both kinds of task; a task beyond it is refused at once with 503 BUSY and Retry-After
// instead of piling up until the instance runs out of memory. Each worker has its own heap limit: a
// task that would exhaust it ends that worker, not the host.
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { AppError } from '../errors';
import type { Settings } from '../settings';
import type { WorkbookCheckResult, WorkbookCheckTask } from './workbookCheck.worker';
import type { AggregateResult, AggregateTask } from './aggregate.worker';

/** Heap of one worker (MB): a 10 MB workbook of 200,000 rows takes ~300 MB to read and check. */
const WORKER_HEAP_MB = 1024;
export const BUSY_RETRY_AFTER_S = 5;

/** 503 BUSY; `what` says what did not happen (本次报送未处理, 汇总工作簿未生成). */
export const busy = (what = '本次报送未处理') =>
  new AppError(503, 'BUSY', `服务器正忙（同时处理的任务已达上限），${what}，请稍后重试。`, {
    retryAfterSeconds: BUSY_RETRY_AFTER_S,
  });

const storageUnavailable = () => new AppError(503, 'STORAGE_UNAVAILABLE', '存储服务暂时无法访问，请稍后重试；本次操作未生效。');

type WorkerName = 'workbookCheck' | 'aggregate';

/**
 * A worker's file: the .ts source under tsx or vitest (the worker registers tsx too), the bundle's
 * dist/workers/<name>.mjs when built (build.mjs; this module then sits in dist/chunks).
 */
function workerFile(name: WorkerName): string {
  const source = new URL(`./${name}.worker.ts`, import.meta.url);
  if (existsSync(fileURLToPath(source))) return source.href;
  return new URL(`../workers/${name}.mjs`, import.meta.url).href;
}

export class WorkPool {
  private readonly pool: Piscina;
  private readonly files: Record<WorkerName, string>;

  constructor(settings: Pick<Settings, 'WORK_THREADS' | 'WORK_QUEUE'>) {
    const threads = settings.WORK_THREADS ?? Math.max(1, availableParallelism() - 1);
    this.files = { workbookCheck: workerFile('workbookCheck'), aggregate: workerFile('aggregate') };
    this.pool = new Piscina({
      execArgv: this.files.workbookCheck.endsWith('.ts') ? ['--import', 'tsx'] : [],
      minThreads: 0,
      maxThreads: threads,
      maxQueue: settings.WORK_QUEUE,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
  }

  /** Runs a task; a full pool is 503 BUSY, a worker out of heap is `outOfMemory()`. */
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

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
