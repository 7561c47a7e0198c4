// What every subcommand shares: exit codes, the output channels, and usage errors in Chinese.
import { parseArgs } from 'node:util';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_UNUSABLE = 2;

export interface Io {
  /** Text, or bytes already encoded as UTF-8 (the JSON report). */
  stdout: (s: string | Uint8Array) => void;
  stderr: (s: string) => void;
  cwd: string;
}

/** A misused command: exit 2 with this (Chinese) message. */
export class UsageError extends Error {}

/** node:util parseArgs with its (English) errors turned into a Chinese UsageError. */
export function parse<T extends Parameters<typeof parseArgs>[0]>(config: T) {
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
