// `taizhang verify-archive FILE.zip [--json]`: argument handling; the checking is in verifyArchive.ts.
import { HELP } from './help';
import { EXIT_OK, parse, UsageError, type Io } from './usage';
import { verifyArchiveCommand } from './verifyArchive';

export async function runVerifyArchive(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse({
    args,
    options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError('请指定一个证据包文件，例如：taizhang verify-archive 证据包.zip');
  return verifyArchiveCommand(positionals[0], values.json === true, io);
}
