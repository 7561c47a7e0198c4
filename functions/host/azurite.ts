// Starts Azurite (Table + Blob; the queue service rides along) as a child process on the given or
// free ports, for `npm start`, the tests and the benchmarks. Stop it with SIGINT: Azurite flushes its
// data on SIGINT, while SIGTERM within seconds of a write can lose it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync } from 'node:fs';
import { createServer, connect } from 'node:net';

export const DEVSTORE_ACCOUNT = 'devstoreaccount1';
export const DEVSTORE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = connect({ port, host: '127.0.0.1' }, () => {
      c.destroy();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

export function connectionString(tablePort: number, blobPort: number): string {
  return (
    `DefaultEndpointsProtocol=http;AccountName=${DEVSTORE_ACCOUNT};AccountKey=${DEVSTORE_KEY};` +
    `BlobEndpoint=http://127.0.0.1:${blobPort}/${DEVSTORE_ACCOUNT};TableEndpoint=http://127.0.0.1:${tablePort}/${DEVSTORE_ACCOUNT};`
  );
}

export interface RunningAzurite {
  connectionString: string;
  tablePort: number;
  blobPort: number;
  process: ChildProcess;
  /** SIGINT, then wait for exit (SIGKILL after `timeoutMs`). */
  stop(timeoutMs?: number): Promise<void>;
}

export async function startAzurite(opts: {
  location: string;
  tablePort?: number;
  blobPort?: number;
  queuePort?: number;
  log?: (l: string) => void;
}): Promise<RunningAzurite> {
  mkdirSync(opts.location, { recursive: true });
  const tablePort = opts.tablePort ?? (await freePort());
  const blobPort = opts.blobPort ?? (await freePort());
  const queuePort = opts.queuePort ?? (await freePort());
  // Resolved as a package, so this works from the sources and from a bundle (scripts/dist) alike.
  const bin = createRequire(import.meta.url).resolve('azurite/dist/src/azurite.js');
  const child = spawn(
    process.execPath,
    [
      bin,
      '--location',
      opts.location,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(blobPort),
      '--queueHost',
      '127.0.0.1',
      '--queuePort',
      String(queuePort),
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(tablePort),
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--disableTelemetry',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
    opts.log?.(String(d).trimEnd());
  });
  child.stderr?.on('data', (d) => {
    output += d;
    opts.log?.(String(d).trimEnd());
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Azurite exited during start-up:\n${output}`);
    if ((await portOpen(tablePort)) && (await portOpen(blobPort))) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Azurite did not start within 30 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    connectionString: connectionString(tablePort, blobPort),
    tablePort,
    blobPort,
    process: child,
    async stop(timeoutMs = 10_000) {
      if (child.exitCode !== null) return;
      child.kill('SIGINT');
      const t = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(t);
    },
  };
}
