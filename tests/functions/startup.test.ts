// The worker's start hook parses the settings: a missing one stops the start with the problem named,
// rather than surfacing as a 500 on every request (the local host runs the same hook before listening).
import functions, { type AppStartHandler } from '@azure/functions';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { testEnv } from './helpers';

const { app, AppStartContext } = functions;

async function startHook(): Promise<AppStartHandler> {
  const hooks: AppStartHandler[] = [];
  const spy = vi.spyOn(app.hook, 'appStart').mockImplementation((h) => {
    hooks.push(h);
    return { dispose: () => undefined } as ReturnType<typeof app.hook.appStart>;
  });
  vi.resetModules(); // fresh services singleton and a fresh registration
  await import('../../functions/src/functions/startup');
  spy.mockRestore();
  expect(hooks).toHaveLength(1);
  return hooks[0];
}

afterEach(() => vi.unstubAllEnvs());

describe('app start', () => {
  it('fails loudly, naming the setting, when one is missing', async () => {
    for (const [k, v] of Object.entries(testEnv())) vi.stubEnv(k, v);
    vi.stubEnv('STORAGE_CONNECTION_STRING', '');
    await expect(async () => (await startHook())(new AppStartContext())).rejects.toThrow(/STORAGE_CONNECTION_STRING/);
  });

  it('starts with complete settings', async () => {
    for (const [k, v] of Object.entries(testEnv())) vi.stubEnv(k, v);
    vi.stubEnv('DEV_SIGNING_SECRET', 'a-secret-of-our-own-for-this-deployment-0123');
    const hook = await startHook();
    expect(() => hook(new AppStartContext())).not.toThrow();
  });

  it('refuses the public demo signing secret where it is not bound to loopback (the Functions worker)', async () => {
    for (const [k, v] of Object.entries(testEnv())) vi.stubEnv(k, v);
    const hook = await startHook();
    expect(() => hook(new AppStartContext())).toThrow(/DEV_SIGNING_SECRET/);
    expect(() => hook(new AppStartContext({ hookData: { bindHost: '127.0.0.1' } }))).not.toThrow();
  });
});
