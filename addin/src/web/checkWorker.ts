// The page's side of the check worker: one worker, requests matched to answers by id.
import type { AnnotationIssue } from '../../../shared/xlsx/annotate';
import type { CheckDone, WorkerRequest, WorkerResponse } from './protocol';

/** A refusal or failure reported by the worker: stable code, Chinese message. */
export class FileCheckError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = 'FileCheckError';
  }
}

type Pending = { resolve: (m: WorkerResponse) => void; reject: (e: Error) => void; onProgress?: (step: number, label: string) => void };

export interface CheckWorker {
  check(bytes: Uint8Array, onProgress: (step: number, label: string) => void, asOf?: string): Promise<CheckDone>;
  annotate(bytes: Uint8Array, issues: AnnotationIssue[]): Promise<{ bytes: Uint8Array; ms: number }>;
}

/** Starts the worker (a module worker bundled by vite from ./worker.ts). */
export function startCheckWorker(): CheckWorker {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'taizhang-check' });
  const pending = new Map<number, Pending>();
  let next = 1;
  worker.onmessage = (ev: MessageEvent<WorkerResponse>) => {
    const m = ev.data;
    const p = pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m.step, m.label);
    pending.delete(m.id);
    if (m.type === 'failed') p.reject(new FileCheckError(m.code, m.message));
    else p.resolve(m);
  };
  worker.onerror = (ev) => {
    ev.preventDefault();
    const e = new FileCheckError('WORKER_FAILED', '校验程序意外停止（可能是文件过大、内存不足），请关闭其他网页后重试。');
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  const send = (req: WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never, transfer: Transferable[], onProgress?: Pending['onProgress']) =>
    new Promise<WorkerResponse>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...req, id } as WorkerRequest, transfer);
    });
  // The page keeps its bytes (to submit and annotate): the worker gets a transferred copy.
  const copy = (b: Uint8Array) => b.slice().buffer as ArrayBuffer;
  return {
    async check(bytes, onProgress, asOf) {
      const buf = copy(bytes);
      const m = await send({ type: 'check', bytes: buf, asOf }, [buf], onProgress);
      if (m.type !== 'checked') throw new FileCheckError('WORKER_FAILED', '校验程序返回了意外的结果。');
      return m.done;
    },
    async annotate(bytes, issues) {
      const buf = copy(bytes);
      const m = await send({ type: 'annotate', bytes: buf, issues }, [buf]);
      if (m.type !== 'annotated') throw new FileCheckError('WORKER_FAILED', '校验程序返回了意外的结果。');
      return { bytes: new Uint8Array(m.bytes), ms: m.ms };
    },
  };
}
