// `taizhang validate FILE.xlsx [--json] [--as-of YYYY-MM-DD] [--all]`: reads and checks a filled ledger.
// Exit 0 no error, 1 at least one error, 2 the file cannot be read as a workbook or the command is misused.
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { isoToYmd } from '../shared/dates';
import { readLedgerFromXlsx } from '../shared/ledger/fromXlsx';
import { nodeInflateInBackground } from '../shared/node/backgroundInflate';
import { nodeInflateRaw } from '../shared/node/inflate';
import { checkLedger } from '../shared/rules/engine';
import { WorkbookReadError } from '../shared/xlsx/read';
import { HELP } from './help';
import { formatTextReport, writeJsonReport } from './report';
import { EXIT_ERRORS, EXIT_OK, EXIT_UNUSABLE, parse, UsageError, type Io } from './usage';

export function runValidate(args: string[], io: Io): number {
  // Known before the arguments are parsed, so that misuse (no file, an unknown option) also answers in JSON.
  const json = args.includes('--json');
  try {
    return validate(args, io, json);
  } catch (err) {
    if (err instanceof UsageError && json) return failJson(io, 'USAGE', err.message);
    throw err;
  }
}

/** Exit 2 with the contract's keys: summary is null because nothing was read (no invented counts). */
function failJson(io: Io, code: string, message: string): number {
  io.stderr(`${message}\n`);
  io.stdout(`${JSON.stringify({ ok: false, summary: null, issues: [], error: { code, message } })}\n`);
  return EXIT_UNUSABLE;
}

function validate(args: string[], io: Io, json: boolean): number {
  const { values, positionals } = parse({
    args,
    options: {
      json: { type: 'boolean' },
      'as-of': { type: 'string' },
      all: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  const fail = (code: string, message: string): number => {
    if (json) return failJson(io, code, message);
    io.stderr(`${message}\n`);
    return EXIT_UNUSABLE;
  };
  if (positionals.length === 0) throw new UsageError('请指定要校验的台账文件，例如：taizhang validate 台账.xlsx');
  if (positionals.length > 1) throw new UsageError(`一次只能校验一个文件，收到 ${positionals.length} 个：${positionals.join('、')}`);
  const asOf = values['as-of'] as string | undefined;
  if (asOf !== undefined && isoToYmd(asOf) === 0) {
    return fail('AS_OF_INVALID', `--as-of 的日期无效：“${asOf}”。请按 YYYY-MM-DD 填写真实日期，例如 --as-of 2026-11-26。`);
  }
  const file = resolve(io.cwd, positionals[0]);
  let bytes: Uint8Array;
  try {
    const st = statSync(file);
    if (st.isDirectory()) return fail('NOT_A_FILE', `“${file}”是一个文件夹，不是台账文件。`);
    const buf = readFileSync(file);
    bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('FILE_NOT_FOUND', `找不到文件：${file}`);
    if (code === 'EACCES' || code === 'EPERM') return fail('FILE_NOT_READABLE', `没有权限读取文件：${file}`);
    return fail('FILE_NOT_READABLE', `无法读取文件 ${file}：${code ?? (err as Error).message}`);
  }
  let result;
  try {
    const ledger = readLedgerFromXlsx(bytes, { inflateRaw: nodeInflateRaw, inflateInBackground: nodeInflateInBackground });
    result = checkLedger(ledger, asOf ? { asOf } : {});
  } catch (err) {
    if (err instanceof WorkbookReadError) return fail(err.code, `无法读取“${positionals[0]}”：${err.message}`);
    throw err;
  }
  if (json) writeJsonReport(result, io.stdout);
  else io.stdout(formatTextReport(result, { file, asOf, all: values.all === true }));
  return result.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}
