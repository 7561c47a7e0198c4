// Entry point of the built command (cli/build.mjs bundles it to cli/dist/run.mjs; bin/taizhang.mjs loads that).
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
