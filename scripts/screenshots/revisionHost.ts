// The functions host of another revision, for its pane when the API contract changed in between (the
// pane's strict response schemas reject fields added later). Runs in a child process from that
// revision's checkout with its own sources and demo seed, on the Azurite given, and seeds one campaign.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Child entry, run by tsx in the checkout. The seed moved from scripts/seed.ts to fixtures/demoSeed.ts.
const ENTRY = `import { existsSync } from 'node:fs';
const { startHost } = await import('./functions/host/server.ts');
const seed = await import(existsSync('./fixtures/demoSeed.ts') ? './fixtures/demoSeed.ts' : './scripts/seed.ts');
const { todayInChina } = await import('./shared/dates.ts');
const env = { STORAGE_CONNECTION_STRING: process.env.SHOTS_STORAGE, AUTH_MODE: 'dev', DEV_SIGNING_SECRET: seed.DEMO_SECRET, OFFICE_ADMINS: seed.OFFICE_ADMIN, CORS_ORIGINS: '' };
const host = await startHost({ env });
const api = host.url + '/api';
const t = await fetch(api + '/dev/token', { method: 'POST', body: JSON.stringify({ userId: seed.OFFICE_ADMIN }) });
const { token } = await t.json();
const put = async (path, body) => {
  const r = await fetch(api + path, { method: 'PUT', headers: { authorization: 'Bearer ' + token, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!r.ok) throw new Error('PUT ' + path + ': ' + r.status + ' ' + (await r.text()));
};
const c = process.env.SHOTS_CAMPAIGN;
await put('/campaigns/' + c, seed.demoCampaign(todayInChina()));
await put('/campaigns/' + c + '/units', { units: seed.demoUnits(), members: seed.demoMembers() });
process.stdout.write(JSON.stringify({ url: host.url }) + '\\n');
`;

export interface ChildHost {
  url: string;
  close(): Promise<void>;
}

export function startRevisionHost(checkout: string, storage: string, campaign: string): Promise<ChildHost> {
  const entry = join(checkout, '.shots-host.ts');
  writeFileSync(entry, ENTRY);
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: checkout,
    env: { ...process.env, SHOTS_STORAGE: storage, SHOTS_CAMPAIGN: campaign },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const line = out.split('\n').find((l) => l.startsWith('{"url"'));
      if (line) resolve({ url: (JSON.parse(line) as { url: string }).url, close });
    });
    child.once('exit', (code) => reject(new Error(`the host at ${checkout} exited (${code}) before it was ready`)));
  });
}
