#!/usr/bin/env node
// The taizhang command: runs the build of cli/ (cli/dist, made by `node cli/build.mjs`, which `npm ci` runs).
try {
  await import('../cli/dist/run.mjs');
} catch (err) {
  if (err?.code !== 'ERR_MODULE_NOT_FOUND' || !String(err.message).includes('cli/dist/run.mjs')) throw err;
  process.stderr.write('taizhang 尚未构建：请在项目目录运行 npm ci（或 node cli/build.mjs）后再试。\n');
  process.exitCode = 2;
}
