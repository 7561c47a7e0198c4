// The page's side of the check worker: one worker, requests matched to answers by id.
import type { CheckDone, WorkerRequest, WorkerResponse } from './protocol';

import { FileCheckError } from './fileKind';

export { FileCheckError };

type Pending = { resolve: (m: WorkerResponse) => void; reject: (e: Error) => void; onProgress?: (step: number, label: string) => void };

/** A finished check in the worker; its digest, annotated copy and bytes come from there on request. */
export interface WorkerCheck extends CheckDone {
  digest(): Promise<string>;
  /** The file's bytes as checked (a copy made in the worker). */
  bytes(): Promise<Uint8Array>;
  annotate(): Promise<{ bytes: Uint8Array; ms: number }>;
}

export interface CheckWorker {
  check(file: Blob, onProgress: (step: number, label: string) => void, asOf?: string): Promise<WorkerCheck>;
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
  const send = (
    req: WorkerRequest extends infer R ? (R extends WorkerRequest ? Omit<R, 'id'> : never) : never,
    transfer: Transferable[],
    onProgress?: Pending['onProgress'],
  ) =>
    new Promise<WorkerResponse>((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject, onProgress });
      worker.postMessage({ ...req, id } as WorkerRequest, transfer);
    });
  const unexpected = () => new FileCheckError('WORKER_FAILED', '校验程序返回了意外的结果。');
  return {
    async check(file, onProgress, asOf) {
      const id = next;
      const m = await send({ type: 'check', file, asOf }, [], onProgress);
      if (m.type !== 'checked') throw unexpected();
      return {
        ...m.done,
        async digest() {
          const d = await send({ type: 'digest', check: id }, []);
          if (d.type !== 'digest') throw unexpected();
          return d.digest;
        },
        async bytes() {
          const b = await send({ type: 'bytes', check: id }, []);
          if (b.type !== 'bytes') throw unexpected();
          return new Uint8Array(b.bytes);
        },
        async annotate() {
          const a = await send({ type: 'annotate', check: id }, []);
          if (a.type !== 'annotated') throw unexpected();
          return { bytes: new Uint8Array(a.bytes), ms: a.ms };
        },
      };
    },
  };
}
