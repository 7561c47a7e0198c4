// vitest globalSetup: one real Azurite (Table + Blob) on free ports with a temp data dir for the whole
// run; tests get its connection string with `inject('azuriteConnectionString')`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startAzurite } from '../../functions/host/azurite';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

export default async function setup(project: TestProject) {
  const location = mkdtempSync(join(tmpdir(), 'taizhang-azurite-'));
  const azurite = await startAzurite({ location });
  project.provide('azuriteConnectionString', azurite.connectionString);
  return async () => {
    await azurite.stop();
    rmSync(location, { recursive: true, force: true });
  };
}
