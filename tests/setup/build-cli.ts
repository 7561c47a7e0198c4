// Builds the taizhang command (cli/dist) once before the run, so every CLI test runs the current source
// through the built bin, as users run it.
import { buildCli } from '../../cli/build.mjs';

export default async function setup(): Promise<void> {
  await buildCli();
}
