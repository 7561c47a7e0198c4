// `npm run lint`: ESLint, Prettier (check only) and dependency-cruiser's architecture rules. Runs all
// three even when one fails, so one run shows every problem; exits non-zero when any failed.
import { spawnSync } from 'node:child_process';

const steps = [
  ['eslint', ['eslint', '--max-warnings', '0', '.']],
  ['prettier', ['prettier', '--check', '--log-level', 'warn', '.']],
  [
    'dependency-cruiser',
    [
      'depcruise',
      '--config',
      '.dependency-cruiser.cjs',
      'addin/src',
      'functions/src',
      'functions/host',
      'shared',
      'cli',
      'scripts',
      'fixtures',
      'bench',
      'tests',
    ],
  ],
];

let failed = [];
for (const [name, [bin, ...args]] of steps) {
  console.log(`\n▶ ${name}`);
  const r = spawnSync('npx', ['--no-install', bin, ...args], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) failed.push(name);
}
console.log(failed.length ? `\nlint failed: ${failed.join(', ')}` : '\nlint passed');
process.exit(failed.length ? 1 : 0);
