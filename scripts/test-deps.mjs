#!/usr/bin/env node
// `npm test`'s pretest: the tests need Debian's Chromium, CJK fonts, LibreOffice Calc, poppler and ImageMagick.
// As root with apt-get they are installed here; otherwise we stop at once with the exact command to run.
import { execFileSync, spawnSync } from 'node:child_process';

const NEEDS = [
  { pkg: 'chromium', present: () => has('chromium') },
  { pkg: 'fonts-noto-cjk', present: () => fontsHaveCjk() },
  { pkg: 'libreoffice-calc', present: () => has('soffice') },
  { pkg: 'poppler-utils', present: () => has('pdftoppm') },
  { pkg: 'imagemagick', present: () => has('convert') && isRealImageMagick() },
];

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}
function fontsHaveCjk() {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim().length > 0;
}
// Some images ship a stand-in `convert` that only serves previews; the real one answers -version.
function isRealImageMagick() {
  const r = spawnSync('convert', ['-version'], { encoding: 'utf8' });
  return r.status === 0 && /ImageMagick/.test(r.stdout);
}

const missing = NEEDS.filter((n) => !n.present()).map((n) => n.pkg);
if (missing.length === 0) process.exit(0);

const command = `apt-get update && apt-get install -y --no-install-recommends ${missing.join(' ')}`;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot || !has('apt-get')) {
  console.error(`测试需要以下软件包，但尚未安装：${missing.join(', ')}\n请先运行：sudo ${command}`);
  process.exit(1);
}
console.log(`Installing test dependencies: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
