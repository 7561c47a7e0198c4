// The standard template is the same bytes however and whenever it is made: `taizhang template`,
// GET /template.xlsx, today or tomorrow (so a download can be compared with the CLI's file by hash).
import functions from '@azure/functions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTemplateWorkbook } from '../../shared/node/templateWorkbook';
import { runCli, tempDir } from './helpers';

const { HttpRequest, InvocationContext } = functions;

afterEach(() => vi.useRealTimers());

describe('template bytes', () => {
  it('do not depend on the time they are built', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-01T08:00:00Z'));
    const a = await buildTemplateWorkbook();
    vi.setSystemTime(new Date('2027-11-30T23:59:59Z'));
    const b = await buildTemplateWorkbook();
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  });

  it('are the same from the CLI and from GET /template.xlsx', async () => {
    const out = join(tempDir(), 'tpl.xlsx');
    expect(runCli(['template', '--out', out]).status).toBe(0);
    const { template } = await import('../../functions/src/functions/template');
    const res = await template(
      new HttpRequest({ method: 'GET', url: 'http://localhost/api/template.xlsx' }),
      new InvocationContext({ invocationId: 't', functionName: 'template' }),
    );
    expect(res.status).toBe(200);
    expect(Buffer.from(res.body as Uint8Array).equals(readFileSync(out))).toBe(true);
  });
});
