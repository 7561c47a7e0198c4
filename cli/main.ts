// The taizhang command line. Each subcommand lives in its own file and is loaded only when it runs
// (`taizhang --help` loads none of them); to add one, add a row to COMMANDS and a paragraph to help.ts.
import { TEMPLATE_VERSION } from '../shared/template/definition';
import { HELP } from './help';
import { EXIT_OK, EXIT_UNUSABLE, UsageError, type Io } from './usage';

export { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, type Io } from './usage';
export { HELP } from './help';

type Command = (args: string[], io: Io) => number | Promise<number>;

/** Subcommand name → loader of its runner. */
export const COMMANDS: Record<string, () => Promise<Command>> = {
  template: async () => (await import('./template')).runTemplate,
  validate: async () => (await import('./validate')).runValidate,
  'verify-archive': async () => (await import('./verifyArchiveRun')).runVerifyArchive,
};

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
};

/** Runs one command; returns the exit code. Never throws. */
export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case undefined:
        io.stderr(HELP);
        return EXIT_UNUSABLE;
      case '-h':
      case '--help':
      case 'help':
        io.stdout(HELP);
        return EXIT_OK;
      case '-v':
      case '--version':
        io.stdout(`taizhang 模板版本 ${TEMPLATE_VERSION}\n`);
        return EXIT_OK;
    }
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load)
      throw new UsageError(`不认识的命令：“${command}”。可用命令：${Object.keys(COMMANDS).join('、')}（taizhang --help 查看用法）`);
    return await (
      await load()
    )(rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${err.message}\n`);
      return EXIT_UNUSABLE;
    }
    io.stderr(`发生内部错误，未能完成：${err instanceof Error ? err.message : String(err)}\n`);
    if (process.env.TAIZHANG_DEBUG && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return EXIT_UNUSABLE;
  }
}
