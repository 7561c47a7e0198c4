// Runs a whole Node process and measures it from outside: wall clock, and peak RSS from /usr/bin/time
// where it exists (GNU time's -v report), so start-up and everything the process touches count.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';

const TIME = '/usr/bin/time';

export interface ProcessRun {
  wallMs: number;
  /** User + system CPU time (from /usr/bin/time): steadier than wall time on a busy machine. */
  cpuMs: number | null;
  maxRssMb: number | null;
  status: number | null;
  stdout: string;
}

/**
 * `stdoutFile`: the process writes its output to that file, as `> file` would, instead of a pipe this
 * process must drain (collecting 31 MB of JSON here would compete with the measured process for the cores).
 */
export function runProcess(args: string[], opts: { cwd?: string; stdoutFile?: string } = {}): ProcessRun {
  const hasTime = existsSync(TIME);
  const out = opts.stdoutFile !== undefined ? openSync(opts.stdoutFile, 'w') : null;
  const spawnOpts = {
    cwd: opts.cwd,
    encoding: 'utf8' as const,
    maxBuffer: 512 << 20,
    ...(out !== null ? { stdio: ['ignore', out, 'pipe'] as ['ignore', number, 'pipe'] } : {}),
  };
  const t0 = performance.now();
  let r;
  try {
    r = hasTime ? spawnSync(TIME, ['-v', process.execPath, ...args], spawnOpts) : spawnSync(process.execPath, args, spawnOpts);
  } finally {
    if (out !== null) closeSync(out);
  }
  const wallMs = performance.now() - t0;
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  const user = /User time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '');
  const sys = /System time \(seconds\): ([\d.]+)/.exec(r.stderr ?? '');
  const cpuMs = user && sys ? Math.round((Number(user[1]) + Number(sys[1])) * 1000) : null;
  return { wallMs, cpuMs, maxRssMb: m ? Math.round(Number(m[1]) / 1024) : null, status: r.status, stdout: r.stdout ?? '' };
}

/**
 * Runs `node ...args` (a benchmark's own child) and returns the object on its `RESULT {json}` line;
 * throws with the child's output when there is none.
 */
export function childResult<T>(args: string[], env: NodeJS.ProcessEnv = process.env): T {
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20, env });
  const line = r.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (!line) throw new Error(`child ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(line.slice('RESULT '.length)) as T;
}
