// Runs a whole Node process and measures it from outside: wall clock, and peak RSS from /usr/bin/time
// where it exists (GNU time's -v report), so start-up and everything the process touches count.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const TIME = '/usr/bin/time';

export interface ProcessRun {
  wallMs: number;
  /** User + system CPU time (from /usr/bin/time): steadier than wall time on a busy machine. */
  cpuMs: number | null;
  maxRssMb: number | null;
  status: number | null;
  stdout: string;
}

export function runProcess(args: string[], opts: { cwd?: string } = {}): ProcessRun {
  const hasTime = existsSync(TIME);
  const t0 = performance.now();
  const r = hasTime
    ? spawnSync(TIME, ['-v', process.execPath, ...args], { cwd: opts.cwd, encoding: 'utf8', maxBuffer: 512 << 20 })
    : spawnSync(process.execPath, args, { cwd: opts.cwd, encoding: 'utf8', maxBuffer: 512 << 20 });
  const wallMs = performance.now() - t0;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '');
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '');
  const cpuMs = user && sys ? Math.round((Number(user[1]) + Number(sys[1])) * 1000) : null;
  return { wallMs, cpuMs, maxRssMb: m ? Math.round(Number(m[1]) / 1024) : null, status: r.status, stdout: r.stdout ?? '' };
}
