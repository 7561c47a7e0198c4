// The Bicep deployment and the code agree: the Function App's app settings pass the functions' own
// settings schema (so a deployed app starts), in entra mode, with CORS for the add-in origin. Nothing can
// be deployed from here (no Azure access), so this is the check that catches drift between the two.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../functions/src/settings';
import { ROOT } from '../xlsx/helpers';

const bicep = readFileSync(join(ROOT, 'infra/main.bicep'), 'utf8');

/** The Function App's appSettings as name → Bicep value expression. */
function appSettings(): Map<string, string> {
  const block = bicep.slice(bicep.indexOf('appSettings: ['), bicep.indexOf(']', bicep.indexOf('appSettings: [')));
  return new Map([...block.matchAll(/\{ name: '(\w+)', value: (.+?) \}/g)].map((m) => [m[1], m[2]]));
}

// What each parameter or resource expression stands for in a real deployment.
const sealContainer = /resource seals '[^']+' = \{\s*\n\s*parent: \w+\s*\n\s*name: '([^']+)'/.exec(bicep)?.[1];
const EXAMPLES: Record<string, string | undefined> = {
  storageConnection: 'DefaultEndpointsProtocol=https;AccountName=taizhangx;AccountKey=a2V5;EndpointSuffix=core.windows.net',
  entraTenantId: '11111111-2222-3333-4444-555555555555',
  entraAudience: 'api://taizhang',
  officeAdmins: 'Wang.Wu@county.gov.cn',
  addinOrigin: 'https://addin.county.gov.cn',
  'seals.name': sealContainer,
};
const valueOf = (expr: string): string | undefined => /^'(.*)'$/.exec(expr)?.[1] ?? EXAMPLES[expr];

describe('infra/main.bicep', () => {
  it('gives the Function App settings that the functions accept, in entra mode', () => {
    const env = Object.fromEntries([...appSettings()].filter(([k]) => /^[A-Z_]+$/.test(k)).map(([k, v]) => [k, valueOf(v)]));
    const settings = parseSettings(env); // throws, naming the setting, if the deployment lacks one
    expect(settings.AUTH_MODE).toBe('entra');
    expect(settings.SEAL_CONTAINER).toBe(sealContainer);
    expect(settings.CORS_ORIGINS).toEqual([EXAMPLES.addinOrigin]);
  });

  it('runs the Node v4 worker on the Node version the project targets, with CORS for the add-in', () => {
    const s = appSettings();
    expect(s.get('FUNCTIONS_WORKER_RUNTIME')).toBe("'node'");
    expect(s.get('FUNCTIONS_EXTENSION_VERSION')).toBe("'~4'");
    expect(bicep).toContain("linuxFxVersion: 'Node|20'");
    expect(/allowedOrigins: \[ addinOrigin \]/.test(bicep)).toBe(true);
  });

  it('gives Node options that Node accepts from the environment', () => {
    const options = valueOf(appSettings().get('NODE_OPTIONS') ?? '');
    expect(options).toMatch(/--max-semi-space-size=\d+/);
    // Node refuses to start on an option NODE_OPTIONS may not carry: the app would not start either.
    const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.execArgv.length))'], {
      env: { ...process.env, NODE_OPTIONS: options },
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
