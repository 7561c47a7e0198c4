// `npm start`: Azurite (Table + Blob, data in .data/azurite), the local Functions host on 7071, the
// add-in dev server when there is one, and the demo campaign `demo` seeded when absent. Ctrl-C stops
// everything cleanly (SIGINT to each child, then wait: Azurite flushes its data on SIGINT).
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAzurite, type RunningAzurite } from '../functions/host/azurite';
import { todayInChina } from '../shared/dates';
import { DEMO_CAMPAIGN_ID, DEMO_SECRET, OFFICE_ADMIN, demoMembers, demoUnits, seedDemo } from '../fixtures/demoSeed';

// Run from scripts/start.ts (tsx) or from its build scripts/dist/start.mjs (`npm start`).
const HERE = dirname(fileURLToPath(import.meta.url));
const BUILT = HERE.endsWith(join('scripts', 'dist'));
const ROOT = join(HERE, BUILT ? '../..' : '..');
const PORT = Number(process.env.PORT ?? 7071);
const ADDIN_ORIGIN = 'https://localhost:3000';

const env = {
  AUTH_MODE: process.env.AUTH_MODE ?? 'dev',
  DEV_SIGNING_SECRET: process.env.DEV_SIGNING_SECRET ?? DEMO_SECRET,
  OFFICE_ADMINS: process.env.OFFICE_ADMINS ?? OFFICE_ADMIN,
  CORS_ORIGINS: process.env.CORS_ORIGINS ?? ADDIN_ORIGIN,
};

let azurite: RunningAzurite | undefined;
let addin: ChildProcess | undefined;
let host: { close(): Promise<void> } | undefined;
let stopping = false;

/** npm runs the dev server through a shell: signal the whole process group so vite stops too. */
function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(process.platform === 'win32' ? pid : -pid, signal);
  } catch {
    // already gone
  }
}

async function stopAll(code = 0): Promise<never> {
  if (stopping) return new Promise(() => {}) as Promise<never>;
  stopping = true;
  console.log('\n正在停止…');
  if (addin && addin.exitCode === null && addin.pid !== undefined) {
    const exited = new Promise((r) => addin!.once('exit', r));
    signalGroup(addin.pid, 'SIGINT');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (addin.exitCode === null) signalGroup(addin.pid, 'SIGKILL');
  }
  await host?.close();
  await azurite?.stop();
  console.log('已停止。');
  process.exit(code);
}
process.on('SIGINT', () => void stopAll());
process.on('SIGTERM', () => void stopAll());

try {
  azurite = await startAzurite({ location: join(ROOT, '.data', 'azurite'), tablePort: 10002, blobPort: 10000, queuePort: 10001 });
} catch (e) {
  console.error(`Azurite 启动失败（端口 10000-10002 是否被占用？）：${(e as Error).message}`);
  process.exit(1);
}
console.log(`Azurite: table http://127.0.0.1:10002, blob http://127.0.0.1:10000 (data: .data/azurite)`);

try {
  const { startHost } = await import('../functions/host/server');
  host = await startHost({
    port: PORT,
    env: { ...env, STORAGE_CONNECTION_STRING: azurite.connectionString },
    // Built: the very bundle `func start` would run (scripts/build.mjs builds it first).
    ...(BUILT && { functionsDir: join(ROOT, 'functions', 'dist', 'functions') }),
    log: (l) => console.log(`[functions] ${l}`),
  });
} catch (e) {
  console.error(`Functions 本地宿主启动失败：${(e as Error).message}`);
  await stopAll(1);
}
const api = `http://localhost:${PORT}/api`;

const scripts = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts ?? {};
if (scripts['dev:addin']) {
  // Its own process group (detached), stopped as a group in stopAll.
  addin = spawn('npm', ['run', 'dev:addin'], {
    cwd: ROOT,
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, TAIZHANG_API: api },
  });
  addin.once('exit', (code) => {
    if (!stopping) console.log(`加载项开发服务器已退出（${code}）。`);
  });
} else {
  console.log('（未找到 npm 脚本 dev:addin，跳过加载项开发服务器。）');
}

const today = todayInChina();
if (env.AUTH_MODE === 'dev') {
  const seeded = await seedDemo(api, today);
  console.log(seeded ? `已创建演示清理工作 ${DEMO_CAMPAIGN_ID}。` : `演示清理工作 ${DEMO_CAMPAIGN_ID} 已存在。`);
}

const units = demoUnits();
const lines = [
  '',
  '台账通 本地环境已启动',
  `  Functions API   ${api}   （健康检查 ${api}/health）`,
  `  模板下载        ${api}/template.xlsx`,
  ...(addin ? [`  Excel 加载项    ${ADDIN_ORIGIN}/index.html`] : []),
  ...(addin ? [`  网页版          ${ADDIN_ORIGIN}/web.html?campaign=${DEMO_CAMPAIGN_ID}   （任何浏览器，无需 Excel）`] : []),
  `  开发令牌        POST ${api}/dev/token  {"userId":"…"}`,
  '',
  `演示用户（清理工作 ${DEMO_CAMPAIGN_ID}）：`,
  `  ${OFFICE_ADMIN.padEnd(22)} 领导小组办公室（OFFICE_ADMINS）`,
  ...demoMembers()
    .filter((m) => m.unitId?.startsWith('edu') || m.role === 'supervisor' || m.role === 'office')
    .map((m) => `  ${m.userId.padEnd(22)} ${m.name}（${units.find((u) => u.unitId === m.unitId)?.name ?? '领导小组办公室'}，${m.role}）`),
  `  …其余单位同理：{单位编号}-liaison / -head / -leader，共 ${units.length} 个单位：${units.map((u) => u.unitId).join(' ')}`,
  '',
  '按 Ctrl-C 停止。',
];
console.log(lines.join('\n'));
