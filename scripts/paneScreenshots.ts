// Screenshot comparison of the Excel task pane at another revision and at the working tree:
//   npx tsx scripts/paneScreenshots.ts --against <rev> [--server own]   (npm run screenshots -- …)
// Builds both panes (the old one in a temporary git worktree sharing node_modules), serves each against
// one Azurite + the working tree's functions host, drives both through the same states
// (screenshots/states.ts) with the current Excel double in place of office.js, and prints per state the
// % of differing pixels. `--server own`: the old pane meets its own revision's host instead (for states
// an API contract change since then blocks). Image pairs and diff images go to a temp folder (printed).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startBenchStack } from '../bench/lib/stack';
import { openBuiltPane } from '../tests/e2e/harness';
import { OFFICE_ADMIN, demoCampaign, demoMembers, demoUnits } from '../fixtures/demoSeed';
import { todayInChina } from '../shared/dates';
import { buildPaneAt, shortRev, worktreeOf } from './screenshots/revision';
import { PANE_STATES } from './screenshots/states';
import { comparePngs } from './screenshots/compare';
import { startRevisionHost, type ChildHost } from './screenshots/revisionHost';
import { startAzurite } from '../functions/host/azurite';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const VIEWPORT = { width: 360, height: 860 };

async function seedCampaign(api: string, campaign: string): Promise<void> {
  const t = await fetch(`${api}/dev/token`, { method: 'POST', body: JSON.stringify({ userId: OFFICE_ADMIN }) });
  const { token } = (await t.json()) as { token: string };
  const put = async (path: string, body: unknown) => {
    const r = await fetch(`${api}${path}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`PUT ${path}: ${r.status} ${await r.text()}`);
  };
  await put(`/campaigns/${campaign}`, demoCampaign(todayInChina()));
  await put(`/campaigns/${campaign}/units`, { units: demoUnits(), members: demoMembers() });
}

/** Drives one build through every state; returns the screenshots by state (missing where a step failed). */
async function shoot(
  buildDir: string,
  hostUrl: string,
  campaign: string,
  label: string,
  out: string,
  now: string,
): Promise<Map<string, Buffer>> {
  const shots = new Map<string, Buffer>();
  const pane = await openBuiltPane(buildDir, hostUrl, `?campaign=${campaign}`, VIEWPORT);
  pane.page.setDefaultTimeout(15_000);
  // One pretend server instant for every request of both runs: submission times and receipt numbers alike.
  await pane.page.route('**/api/**', (route) => route.continue({ headers: { ...route.request().headers(), 'x-dev-now': now } }));
  try {
    for (const s of PANE_STATES) {
      try {
        await s.reach(pane);
      } catch (e) {
        const failed = join(out, `${s.name}.${label}.failed.png`);
        await pane.page.screenshot({ path: failed, fullPage: true });
        console.error(
          `[${label}] could not reach ${s.name} (the pane then: ${failed}): ${e instanceof Error ? e.message.split('\n')[0] : e}`,
        );
        continue; // later states may still be reachable (e.g. the desk after a failed submission)
      }
      // Fluent's open/close animations settle before the shot.
      await pane.page.waitForTimeout(400);
      const png = await pane.page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide' });
      writeFileSync(join(out, `${s.name}.${label}.png`), png);
      shots.set(s.name, png);
    }
  } finally {
    await pane.close();
  }
  return shots;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { against: { type: 'string' }, server: { type: 'string', default: 'current' } } });
  if (!values.against || !['current', 'own'].includes(values.server))
    throw new Error('usage: npx tsx scripts/paneScreenshots.ts --against <rev> [--server current|own]');
  const rev = shortRev(ROOT, values.against);
  const work = mkdtempSync(join(tmpdir(), 'taizhang-shots-'));
  const out = join(work, 'images');
  mkdirSync(out);
  const old = worktreeOf(ROOT, rev);
  let stack: Awaited<ReturnType<typeof startBenchStack>> | undefined;
  let oldStorage: Awaited<ReturnType<typeof startAzurite>> | undefined;
  let oldHost: ChildHost | undefined;
  try {
    console.log(`building the pane at ${rev} and at the working tree…`);
    buildPaneAt(old.dir, join(work, 'build-old'));
    buildPaneAt(ROOT, join(work, 'build-new'));
    stack = await startBenchStack(join(work, 'azurite'));
    const api = `${stack.host.url}/api`;
    // One campaign per build, seeded alike, so neither sees what the other did.
    if (values.server === 'own') {
      oldStorage = await startAzurite({ location: join(work, 'azurite-old') });
      oldHost = await startRevisionHost(old.dir, oldStorage.connectionString, 'shots-1');
    } else await seedCampaign(api, 'shots-1');
    await seedCampaign(api, 'shots-2');
    const now = `${todayInChina()}T10:00:00+08:00`;
    const before = await shoot(join(work, 'build-old'), oldHost?.url ?? stack.host.url, 'shots-1', rev, out, now);
    const after = await shoot(join(work, 'build-new'), stack.host.url, 'shots-2', 'working', out, now);

    console.log(`\nstate                 differing pixels   size (old → working)`);
    for (const s of PANE_STATES) {
      const a = before.get(s.name);
      const b = after.get(s.name);
      if (!a || !b) {
        console.log(`${s.name.padEnd(22)}not reached by ${!a ? rev : 'working'}`);
        continue;
      }
      const c = await comparePngs(a, b);
      writeFileSync(join(out, `${s.name}.diff.png`), c.diffPng);
      const pct = `${c.percent.toFixed(2)} %`.padStart(9);
      console.log(
        `${s.name.padEnd(22)}${pct} (${String(c.differing).padStart(7)})   ${c.sameSize ? `${c.width}×${c.height}` : 'sizes differ'}   ${s.what}`,
      );
    }
    console.log(`\nold pane's server: ${values.server === 'own' ? `its own (${rev})` : "the working tree's"}\nimages: ${out}`);
  } finally {
    await stack?.host.close();
    await stack?.az.stop();
    await oldHost?.close();
    await oldStorage?.stop();
    old.remove();
    rmSync(join(work, 'build-old'), { recursive: true, force: true });
    rmSync(join(work, 'build-new'), { recursive: true, force: true });
    for (const d of ['azurite', 'azurite-old']) rmSync(join(work, d), { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
