// A real Azurite and the local functions host in dev auth mode, for the benchmarks that go over HTTP.
import { startAzurite } from '../../functions/host/azurite';
import { startHost } from '../../functions/host/server';
import { DEMO_SECRET, OFFICE_ADMIN } from '../../fixtures/demoSeed';

export async function startBenchStack(azuriteLocation: string) {
  const az = await startAzurite({ location: azuriteLocation });
  const host = await startHost({
    env: {
      STORAGE_CONNECTION_STRING: az.connectionString,
      AUTH_MODE: 'dev',
      DEV_SIGNING_SECRET: DEMO_SECRET,
      OFFICE_ADMINS: OFFICE_ADMIN,
      CORS_ORIGINS: '',
    },
  });
  return { az, host };
}
