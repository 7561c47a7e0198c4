// CPU time of the headless Chromium this process started, read from /proc (Linux): wall time on a
// shared 2-core machine says more about the neighbours than about the page. Sums every thread of every
// Chromium process descended from this one, and breaks out the threads that matter for the 网页版: the
// renderer's main thread and its dedicated workers.
import { readdirSync, readFileSync } from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on every Linux we run on (getconf CLK_TCK)

export interface ChromiumCpu {
  /** All threads of all Chromium processes (browser, renderer, GPU, network…), in ms. */
  totalMs: number;
  /** Renderer processes' main threads: where the page's long tasks happen. */
  rendererMainMs: number;
  /** Dedicated worker threads: the 网页版's check. */
  workerMs: number;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null; // the process or thread ended meanwhile
  }
}

/** comm is field 2, in parentheses (it may contain spaces); utime and stime are fields 14 and 15. */
function parseStat(stat: string): { comm: string; ppid: number; ticks: number } {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  const rest = stat.slice(close + 2).split(' ');
  return { comm: stat.slice(open + 1, close), ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
}

/** Pids of Chromium processes below `root` (default: this process). */
function chromiumPids(root = process.pid): number[] {
  const parent = new Map<number, number>();
  const comm = new Map<number, string>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = read(`/proc/${d}/stat`);
    if (!s) continue;
    const p = parseStat(s);
    parent.set(Number(d), p.ppid);
    comm.set(Number(d), p.comm);
  }
  const below = (pid: number) => {
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) if (p === root) return true;
    return false;
  };
  return [...parent.keys()].filter((pid) => below(pid) && /chrom/i.test(comm.get(pid) ?? ''));
}

export function chromiumCpu(): ChromiumCpu {
  const out: ChromiumCpu = { totalMs: 0, rendererMainMs: 0, workerMs: 0 };
  for (const pid of chromiumPids()) {
    // The process's own line includes threads that have ended; the threads' lines give the breakdown.
    const own = read(`/proc/${pid}/stat`);
    if (own) out.totalMs += parseStat(own).ticks * TICK_MS;
    const renderer = (read(`/proc/${pid}/cmdline`) ?? '').includes('--type=renderer');
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      const s = read(`/proc/${pid}/task/${tid}/stat`);
      if (!s) continue;
      const { comm, ticks } = parseStat(s);
      const ms = ticks * TICK_MS;
      if (renderer && tid === String(pid)) out.rendererMainMs += ms;
      else if (comm.startsWith('DedicatedWorker')) out.workerMs += ms;
    }
  }
  return out;
}

export function cpuSince(before: ChromiumCpu): ChromiumCpu {
  const now = chromiumCpu();
  return {
    totalMs: now.totalMs - before.totalMs,
    rendererMainMs: now.rendererMainMs - before.rendererMainMs,
    workerMs: now.workerMs - before.workerMs,
  };
}
