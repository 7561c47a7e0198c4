// Runs the local host on 7071 (or PORT) with settings from the environment.
import { startHost } from './server';

const port = Number(process.env.PORT ?? 7071);
const host = await startHost({ port, host: process.env.HOST ?? '127.0.0.1', log: (l) => console.log(l) });
console.log(`Functions host: ${host.url}/api`);
const stop = () => host.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
