// A child process's own peak RSS. getrusage's maxRSS survives exec on Linux: a child spawned by a parent
// holding 300 MB reports at least 300 MB, whatever it used itself. /proc/self/status's VmHWM belongs to
// the new program image alone, so it is what the benchmarks' children report (maxRSS where there is no /proc).
import { readFileSync } from 'node:fs';

export function ownPeakRssKb(): number {
  try {
    const m = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]);
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS;
}
