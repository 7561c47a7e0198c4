// `taizhang template [--out FILE] [--force]`: writes the standard template workbook and prints its path.
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildTemplateWorkbook, TEMPLATE_FILE_NAME } from '../shared/node/templateWorkbook';
import { HELP } from './help';
import { EXIT_OK, parse, UsageError, type Io } from './usage';

export async function runTemplate(args: string[], io: Io): Promise<number> {
  const { values } = parse({
    args,
    options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean', short: 'f' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: false,
    strict: true,
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const out = resolve(io.cwd, (values.out as string | undefined) ?? TEMPLATE_FILE_NAME);
  if (existsSync(out)) {
    const st = statSync(out);
    if (st.isDirectory()) throw new UsageError(`“${out}”是一个文件夹，请指定文件名，例如 --out ${TEMPLATE_FILE_NAME}`);
    // The default name may be a filled-in ledger from an earlier run: keep it unless asked. An explicit
    // --out is the user's own choice of target and is written.
    if (st.size > 0 && values.out === undefined && !values.force)
      throw new UsageError(`文件已存在：${out}。为避免覆盖已填写的台账，未写入；如确需覆盖请加 --force。`);
  }
  const bytes = await buildTemplateWorkbook();
  try {
    writeFileSync(out, bytes);
  } catch (err) {
    throw new UsageError(`无法写入文件 ${out}：${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  io.stdout(`${out}\n`);
  return EXIT_OK;
}
