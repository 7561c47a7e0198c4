// A loopback HTTP proxy in front of Azurite that a test can make misbehave per request: pass, hang
// (accept and never answer), reset the connection before forwarding, forward and then lose the
// response (the storage did the work, the caller never hears), or delay. Storage clients see exactly
// what a storage account that stops answering looks like.
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connectionString } from '../../functions/host/azurite';

export type Fault = 'pass' | 'hang' | 'reset' | 'lose-response' | { delayMs: number };

export interface StorageRequest {
  service: 'table' | 'blob';
  method: string;
  path: string;
}

export interface StorageProxy {
  connectionString: string;
  /** Decides each request's fate (default: pass). */
  rule: (r: StorageRequest) => Fault;
  /** Every request seen, in order. */
  seen: StorageRequest[];
  close(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export async function startStorageProxy(target: { tablePort: number; blobPort: number }): Promise<StorageProxy> {
  const hung: ServerResponse[] = [];
  const proxy: StorageProxy = { connectionString: '', rule: () => 'pass', seen: [], close: async () => undefined };
  const make = (service: 'table' | 'blob', port: number) =>
    createServer((req: IncomingMessage, res: ServerResponse) => {
      const r: StorageRequest = { service, method: req.method ?? 'GET', path: req.url ?? '/' };
      proxy.seen.push(r);
      const fault = proxy.rule(r);
      if (fault === 'hang') {
        hung.push(res);
        req.resume();
        return;
      }
      if (fault === 'reset') {
        req.socket.destroy();
        return;
      }
      const forward = () => {
        const up = request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers }, (upRes) => {
          if (fault === 'lose-response') {
            upRes.resume();
            upRes.on('end', () => req.socket.destroy());
            return;
          }
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          upRes.pipe(res);
        });
        up.on('error', () => req.socket.destroy());
        req.pipe(up);
      };
      if (typeof fault === 'object') setTimeout(forward, fault.delayMs);
      else forward();
    });
  const tableServer = make('table', target.tablePort);
  const blobServer = make('blob', target.blobPort);
  const [tp, bp] = await Promise.all([listen(tableServer), listen(blobServer)]);
  proxy.connectionString = connectionString(tp, bp);
  proxy.close = async () => {
    for (const res of hung) res.socket?.destroy();
    tableServer.closeAllConnections();
    blobServer.closeAllConnections();
    await Promise.all([new Promise((r) => tableServer.close(r)), new Promise((r) => blobServer.close(r))]);
  };
  return proxy;
}

/** Azurite's ports from a connection string made by `connectionString`. */
export function portsOf(cs: string): { tablePort: number; blobPort: number } {
  const port = (k: string) => Number(new RegExp(`${k}=http://127\\.0\\.0\\.1:(\\d+)`).exec(cs)![1]);
  return { tablePort: port('TableEndpoint'), blobPort: port('BlobEndpoint') };
}
