// The two task panes to compare: a temporary git worktree of the old revision (sharing this checkout's
// node_modules through a symlink, no install) and the working tree, each built with its own vite config.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Checkout {
  dir: string;
  remove(): void;
}

/** `git worktree add --detach` of `rev` in a temp dir, with node_modules linked to `root`'s. */
export function worktreeOf(root: string, rev: string): Checkout {
  const dir = join(mkdtempSync(join(tmpdir(), 'taizhang-shots-wt-')), 'tree');
  execFileSync('git', ['-C', root, 'worktree', 'add', '--detach', dir, rev], { stdio: 'ignore' });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return {
    dir,
    remove: () => {
      execFileSync('git', ['-C', root, 'worktree', 'remove', '--force', dir], { stdio: 'ignore' });
      rmSync(join(dir, '..'), { recursive: true, force: true });
    },
  };
}

/**
 * Builds `checkout`'s addin/ with its own vite config into `outDir`, in a child process so the two
 * revisions' config and shared modules never meet in one module cache.
 */
export function buildPaneAt(checkout: string, outDir: string): void {
  const vite = join(checkout, 'node_modules', 'vite', 'bin', 'vite.js');
  const args = [
    vite,
    'build',
    '--config',
    join(checkout, 'addin', 'vite.config.ts'),
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'error',
  ];
  const r = spawnSync(process.execPath, args, { cwd: checkout, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`vite build failed in ${checkout} (exit ${r.status})`);
}

/** The commit `rev` names, short form (for the report). */
export const shortRev = (root: string, rev: string): string =>
  execFileSync('git', ['-C', root, 'rev-parse', '--short', rev], { encoding: 'utf8' }).trim();
