// The one error type of the functions and its mapping to an HTTP response body.
import { z } from 'zod';
import type { ErrorCode } from '../../shared/api/contract';
import { statusOf } from './storage/tables';

// Validation messages in Chinese for users (zod's built-in zh-CN locale).
z.config(z.locales.zhCN());

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export interface ErrorResponse {
  status: number;
  jsonBody: { code: ErrorCode; message: string; details: unknown };
  headers?: Record<string, string>;
}

/** A 400 for a zod failure: details = z.flattenError. */
export function validationError(err: z.ZodError, what = '请求内容'): AppError {
  return new AppError(
    400,
    'VALIDATION_FAILED',
    `${what}不符合要求：${err.issues
      .map((i) => `${i.path.join('.') || '(根)'} ${i.message}`)
      .slice(0, 5)
      .join('；')}`,
    z.flattenError(err),
  );
}

export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what}不存在`);

/** Storage errors that mean "cannot reach storage" rather than a bug (also when wrapped as a `cause`). */
export function isStorageUnreachable(e: unknown, depth = 0): boolean {
  const err = e as { code?: string; name?: string; statusCode?: number; cause?: unknown };
  const codes = [
    'ECONNREFUSED',
    'ECONNRESET',
    'EPIPE',
    'ECONNABORTED',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'REQUEST_SEND_ERROR',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_SOCKET',
  ];
  if (err?.code && codes.includes(err.code)) return true;
  if (err?.name === 'AbortError' || err?.name === 'TimeoutError') return true;
  if (err?.statusCode === 503 || err?.statusCode === 500) return true;
  return depth < 3 && err?.cause !== undefined && isStorageUnreachable(err.cause, depth + 1);
}

export function toErrorResponse(e: unknown, log?: (msg: string, err: unknown) => void): ErrorResponse {
  if (e instanceof AppError) {
    const headers = e.status === 503 ? { 'Retry-After': '5' } : undefined;
    return { status: e.status, ...(headers && { headers }), jsonBody: { code: e.code, message: e.message, details: e.details ?? null } };
  }
  // A write refused by a row's ETag (412) or an existing row (409) that no caller retried (or that kept
  // conflicting): someone else changed the same data meanwhile. The refused transaction took no effect.
  const status = statusOf(e);
  if (status === 409 || status === 412)
    return {
      status: 409,
      jsonBody: { code: 'CONCURRENT_UPDATE', message: '同时有其他操作修改了相同的数据，请刷新后重试。', details: null },
    };
  if (isStorageUnreachable(e)) {
    log?.('storage unavailable', e);
    return {
      status: 503,
      headers: { 'Retry-After': '5' },
      jsonBody: { code: 'STORAGE_UNAVAILABLE', message: '存储服务暂时无法访问，请稍后重试；本次操作未生效。', details: null },
    };
  }
  // Client input is validated into AppErrors (validationError) where it is read; a ZodError reaching here
  // comes from stored data failing its schema: a server fault, not the caller's.
  log?.('unexpected error', e);
  return { status: 500, jsonBody: { code: 'INTERNAL', message: '服务器内部错误，请稍后重试或联系管理员。', details: null } };
}
