// The API client, built on the shared contract (shared/api/routes.ts): paths, methods, path params,
// bodies and response schemas come from there, typed per route; every response is validated; errors
// become ApiError with a stable code.
import { z } from 'zod';
import {
  ErrorBodySchema,
  fillPath,
  routes,
  IDEMPOTENCY_HEADER,
  type BodyOf,
  type ParamsOf,
  type QueryOf,
  type RouteName,
} from '../../../shared/api/contract';

export type ClientErrorCode = z.infer<typeof ErrorBodySchema>['code'] | 'NETWORK' | 'BAD_RESPONSE' | 'HTTP_ERROR';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** Safe to send again (nothing or an idempotent result happened on the server). */
  get retryable(): boolean {
    return (
      this.code === 'NETWORK' || this.status === 503 || this.code === 'CONCURRENT_UPDATE' || this.status === 502 || this.status === 504
    );
  }
}

type Responses<N extends RouteName> = (typeof routes)[N]['responses'];
type OkStatus<N extends RouteName> = Extract<keyof Responses<N>, 200 | 201 | 202>;
export type Ok<N extends RouteName> = z.infer<Responses<N>[OkStatus<N>] extends z.ZodType ? Responses<N>[OkStatus<N>] : never>;

export interface CallOptions<N extends RouteName> {
  body?: BodyOf<N>;
  /** A raw body instead of JSON (the workbook file on the raw-xlsx submission route). */
  raw?: { data: Blob | Uint8Array<ArrayBuffer>; contentType: string };
  query?: QueryOf<N>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export class ApiClient {
  constructor(
    private base: string,
    private token: () => string | null,
    private fetchImpl: typeof fetch = (...a) => fetch(...a),
  ) {}

  url<N extends RouteName>(name: N, params: ParamsOf<N>): string {
    return this.base.replace(/\/$/, '') + fillPath(routes[name].path, params);
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    const t = this.token();
    return { ...(t ? { Authorization: `Bearer ${t}` } : {}), ...extra };
  }

  async call<N extends RouteName>(name: N, params: ParamsOf<N>, opts: CallOptions<N> = {}): Promise<Ok<N>> {
    const def = routes[name];
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(name, params) + queryString(opts.query), {
        method: def.method,
        headers: this.headers({
          ...(opts.raw ? { 'Content-Type': opts.raw.contentType } : opts.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
          ...opts.headers,
        }),
        body: opts.raw ? opts.raw.data : opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
        signal: opts.signal,
      });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') throw e;
      throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试。');
    }
    return this.parse(name, res.status, await res.text());
  }

  /** The sign-off sheet (HTML) as text. */
  async text<N extends RouteName>(name: N, params: ParamsOf<N>): Promise<string> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(name, params), { headers: this.headers() });
    } catch {
      throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试。');
    }
    const text = await res.text();
    if (!res.ok) throw errorFrom(res.status, text);
    return text;
  }

  /** A binary download (the aggregated workbook, the notice) as bytes; `query` appended to the URL. */
  async bytes<N extends RouteName>(name: N, params: ParamsOf<N>, query: QueryOf<N> = {} as QueryOf<N>): Promise<Uint8Array> {
    let res: Response;
    try {
      res = await this.fetchImpl(this.url(name, params) + queryString(query), { headers: this.headers() });
    } catch {
      throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试。');
    }
    if (!res.ok) throw errorFrom(res.status, await res.text());
    return new Uint8Array(await res.arrayBuffer());
  }

  parse<N extends RouteName>(name: N, status: number, text: string): Ok<N> {
    const schemas = routes[name].responses as Record<number, z.ZodType>;
    if (status >= 400 || !(status >= 200 && status < 300)) throw errorFrom(status, text);
    const schema = schemas[status];
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      throw new ApiError(status, 'BAD_RESPONSE', '服务器返回的内容无法识别。');
    }
    if (!schema) return json as Ok<N>;
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new ApiError(status, 'BAD_RESPONSE', '服务器返回的内容不符合约定，请联系管理员。', z.flattenError(parsed.error));
    return parsed.data as Ok<N>;
  }

  /**
   * Raw upload with progress (XMLHttpRequest: fetch has no upload progress). Used for the seal scan.
   */
  upload<N extends RouteName>(
    name: N,
    params: ParamsOf<N>,
    file: Blob,
    contentType: string,
    onProgress: (fraction: number) => void,
  ): Promise<Ok<N>> {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(routes[name].method, this.url(name, params));
      for (const [k, v] of Object.entries(this.headers({ 'Content-Type': contentType }))) xhr.setRequestHeader(k, v);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        try {
          onProgress(1);
          resolve(this.parse(name, xhr.status, xhr.responseText));
        } catch (e) {
          reject(e);
        }
      };
      xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '上传中断，请检查网络后重试。'));
      xhr.send(file);
    });
  }
}

/** `?a=1&b=2` from the defined entries of a route's query; '' when there are none. */
function queryString(query: Record<string, string | number | undefined> | undefined): string {
  const entries = Object.entries(query ?? {}).filter((e): e is [string, string | number] => e[1] !== undefined);
  return entries.length ? `?${new URLSearchParams(entries.map(([k, v]) => [k, String(v)]))}` : '';
}

export function errorFrom(status: number, text: string): ApiError {
  try {
    const body = ErrorBodySchema.safeParse(JSON.parse(text));
    if (body.success) return new ApiError(status, body.data.code, body.data.message, body.data.details);
  } catch {
    /* not JSON: fall through */
  }
  if (status === 502 || status === 503 || status === 504) return new ApiError(status, 'HTTP_ERROR', '服务器暂时不可用，请稍后重试。');
  return new ApiError(status, 'HTTP_ERROR', `服务器返回错误（${status}）。`);
}

/**
 * Idempotency-Key for a submission: the same for the same unit, content and the version the server had
 * when the liaison pressed 报送, so a retry (even after reopening the pane) never makes a second version,
 * while sending the same content again after the office returned it does make a new one.
 */
export function submissionKey(campaignId: string, unitId: string, digest: string, latestVersion: number): string {
  return `tz2-${campaignId}-${unitId}-v${latestVersion}-${digest}`;
}
export { IDEMPOTENCY_HEADER };
