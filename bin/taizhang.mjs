#!/usr/bin/env node
// The taizhang command: registers tsx (no build step) and runs cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import(new URL('../cli/main.ts', import.meta.url).href);
process.exitCode = await main(process.argv.slice(2));
