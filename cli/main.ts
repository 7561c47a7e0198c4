// The taizhang command line: `taizhang template` writes the standard template, `taizhang validate`
// checks a filled ledger (exit 0 no error, 1 at least one error, 2 the file or the command is unusable).
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { WorkbookReadError } from '../shared/xlsx/read';
import { readLedgerFromXlsx } from '../shared/ledger/fromXlsx';
import { nodeInflateRaw } from '../shared/node/inflate';
import { checkLedger } from '../shared/rules/engine';
import { buildTemplateWorkbook, TEMPLATE_FILE_NAME } from '../shared/node/templateWorkbook';
import { TEMPLATE_VERSION } from '../shared/template/definition';
import { formatTextReport, writeJsonReport } from './report';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNUSABLE = 2;

export interface Io {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const defaultIo: Io = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  cwd: process.cwd(),
};

export const HELP = `台账通（taizhang）— 机关事业单位编外人员台账工具

用法：
  taizhang template [--out 文件] [--force]
      生成标准台账模板（默认文件名“${TEMPLATE_FILE_NAME}”，保存在当前目录），并输出文件路径。
      不加 --out 时，当前目录已有同名文件则不覆盖（以免覆盖已填写的台账），除非加 --force；
      用 --out 明确指定的文件总是写入。

  taizhang validate 文件.xlsx [--json] [--as-of YYYY-MM-DD] [--all]
      校验填好的台账。
      --json      在标准输出打印一个 JSON 对象：{"ok","summary":{"rows","errors","warnings","findings"},"issues":[…]}；
                  文件无法读取或用法有误时为 {"ok":false,"summary":null,"issues":[],"error":{"code","message"}}
      --as-of     核查日期（默认取“单位基本情况”中的填报日期）
      --all       文字报告中列出全部问题（默认每条规则最多列 100 处）

  taizhang --help | --version

校验结果分三类：错误（阻止报送，须改正）、提醒（不阻止报送，请核对）、问题发现（不阻止报送，如实填报即可）。
退出码：0 没有错误；1 存在错误；2 文件无法作为工作簿读取，或命令用法有误。
`;

class UsageError extends Error {}

function isValidIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** Translates node:util parseArgs errors (English) into a Chinese usage message. */
function parse<T extends Parameters<typeof parseArgs>[0]>(config: T) {
  try {
    return parseArgs(config);
  } catch (err) {
    const e = err as { code?: string; message?: string };
    const opt = /'([^']+)'/.exec(e.message ?? '')?.[1];
    switch (e.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new UsageError(`不认识的选项：${opt ?? e.message}`);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new UsageError(`选项 ${opt ?? ''} 的值有误（缺少值，或不需要值）`);
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
        throw new UsageError(`多余的参数：${opt ?? e.message}`);
      default:
        throw new UsageError(`命令参数有误：${e.message ?? String(err)}`);
    }
  }
}

async function runTemplate(args: string[], io: Io): Promise<number> {
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
    if (st.size > 0 && values.out === undefined && !values.force) throw new UsageError(`文件已存在：${out}。为避免覆盖已填写的台账，未写入；如确需覆盖请加 --force。`);
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

function runValidate(args: string[], io: Io): number {
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
  if (asOf !== undefined && !isValidIsoDate(asOf)) {
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
    const ledger = readLedgerFromXlsx(bytes, { inflateRaw: nodeInflateRaw });
    result = checkLedger(ledger, asOf ? { asOf } : {});
  } catch (err) {
    if (err instanceof WorkbookReadError) return fail(err.code, `无法读取“${positionals[0]}”：${err.message}`);
    throw err;
  }
  if (json) writeJsonReport(result, io);
  else io.stdout(formatTextReport(result, { file, asOf, all: values.all === true }));
  return result.summary.errors > 0 ? EXIT_ERRORS : EXIT_OK;
}

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
      case 'template':
        return await runTemplate(rest, io);
      case 'validate':
        return runValidate(rest, io);
      default:
        throw new UsageError(`不认识的命令：“${command}”。可用命令：template、validate（taizhang --help 查看用法）`);
    }
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
