// The instance's pool of worker threads for CPU-heavy request work (piscina): reading and checking a raw
// workbook runs there, off the event loop. Capacity is threads + queue; a task beyond it is refused at
// once with 503 BUSY and Retry-After instead of piling up until the instance runs out of memory. Each
// worker has its own heap limit: a workbook that would exhaust it ends that worker, not the host.
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { AppError } from '../errors';
import type { Settings } from '../settings';
import type { WorkbookCheckResult, WorkbookCheckTask } from './workbookCheck.worker';

/** Heap of one worker (MB): a 10 MB workbook of 200,000 rows takes ~300 MB to read and check. */
const WORKER_HEAP_MB = 1024;
export const BUSY_RETRY_AFTER_S = 5;

export const busy = () =>
  new AppError(503, 'BUSY', '服务器正忙（同时处理的工作簿已达上限），本次报送未处理，请稍后重试。', {
    retryAfterSeconds: BUSY_RETRY_AFTER_S,
  });

/**
 * The worker's file: the .ts source under tsx or vitest (the worker registers tsx too), the bundle's
 * dist/workers/workbookCheck.mjs when built (build.ts; this module then sits in dist/chunks).
 */
function workerFile(): { filename: string; execArgv: string[] } {
  const source = new URL('./workbookCheck.worker.ts', import.meta.url);
  if (existsSync(fileURLToPath(source))) return { filename: source.href, execArgv: ['--import', 'tsx'] };
  return { filename: new URL('../workers/workbookCheck.mjs', import.meta.url).href, execArgv: [] };
}

export class WorkPool {
  private readonly pool: Piscina<WorkbookCheckTask, WorkbookCheckResult>;

  constructor(settings: Pick<Settings, 'WORK_THREADS' | 'WORK_QUEUE'>) {
    const threads = settings.WORK_THREADS ?? Math.max(1, availableParallelism() - 1);
    const { filename, execArgv } = workerFile();
    this.pool = new Piscina({
      filename,
      execArgv,
      minThreads: 0,
      maxThreads: threads,
      maxQueue: settings.WORK_QUEUE,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
  }

  /** Reads and checks a raw workbook on a worker thread; 503 BUSY when the pool is full. */
  async checkWorkbook(bytes: Uint8Array, asOf: string): Promise<WorkbookCheckResult> {
    try {
      return await this.pool.run({ bytes, asOf });
    } catch (e) {
      const err = e as { message?: string; code?: string };
      if (/queue is at limit/i.test(err.message ?? '')) throw busy();
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY')
        throw new AppError(413, 'PAYLOAD_TOO_LARGE', '工作簿内容过大，超出服务器单次处理能力，请拆分后再报送。', {
          reason: 'WORKER_OUT_OF_MEMORY',
        });
      throw e;
    }
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
