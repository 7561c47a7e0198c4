// The process settings the Function App runs with (infra/main.bicep's app settings, read from there so
// the benchmarks cannot drift from the deployment): glibc's arena cap and Node's own options.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function deployedProcessEnv(root: string): { MALLOC_ARENA_MAX: string; NODE_OPTIONS: string } {
  const bicep = readFileSync(join(root, 'infra/main.bicep'), 'utf8');
  const value = (name: string) => {
    const m = new RegExp(`\\{ name: '${name}', value: '([^']*)' \\}`).exec(bicep);
    if (!m) throw new Error(`infra/main.bicep sets no ${name}`);
    return m[1];
  };
  return { MALLOC_ARENA_MAX: value('MALLOC_ARENA_MAX'), NODE_OPTIONS: value('NODE_OPTIONS') };
}
