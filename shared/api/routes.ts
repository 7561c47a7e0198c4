// The HTTP contract of the functions as zod: one object per route with its method, path template
// (relative to the /api base), params, body, the roles that may call it and a schema per response
// status, declared by area in routes/ (how to declare one: route.ts). The functions register, validate and authorise from it; the add-in's client is
// typed from it (path params, bodies and responses); nothing is retyped.
import type { z } from 'zod';
import type { RouteDef } from './route';
import { setupRoutes } from './routes/setup';
import { unitRoutes } from './routes/units';
import { deskRoutes } from './routes/desk';
import { rosterRoutes } from './routes/rosters';
import { publicRoutes } from './routes/public';

export {
  DEV_NOW_HEADER,
  IDEMPOTENCY_HEADER,
  MAX_BODY_BYTES,
  XLSX_CONTENT_TYPE,
  type BodyDef,
  type HttpMethod,
  type RouteDef,
} from './route';

export const routes = {
  ...setupRoutes,
  ...unitRoutes,
  ...deskRoutes,
  ...rosterRoutes,
  ...publicRoutes,
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;
type RouteOf<N extends RouteName> = (typeof routes)[N];
/** The path params a route's template takes, as a caller passes them. */
export type ParamsOf<N extends RouteName> = { [K in keyof z.input<RouteOf<N>['params']>]: string | number };
/** The JSON body a route takes (its schema's input); `never` for routes without one or with raw bodies only. */
export type BodyOf<N extends RouteName> =
  RouteOf<N> extends { body: infer B }
    ? B extends z.ZodType
      ? z.input<B>
      : B extends { jsonOrRaw: infer J extends z.ZodType }
        ? z.input<J>
        : never
    : never;
/** The query parameters a route reads, as strings or numbers. */
export type QueryOf<N extends RouteName> =
  RouteOf<N> extends { query: infer Q extends z.ZodObject } ? { [K in keyof z.input<Q>]?: string | number } : Record<string, never>;
/** The body type of a route's success status. */
export type ResponseOf<N extends RouteName, S extends keyof (typeof routes)[N]['responses']> = z.infer<
  (typeof routes)[N]['responses'][S] extends z.ZodType ? (typeof routes)[N]['responses'][S] : never
>;

/** Fill a path template: `fillPath('/campaigns/{campaignId}', { campaignId: 'demo' })`. */
export function fillPath(path: string, params: Record<string, string | number>): string {
  return path.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`missing path param ${k}`);
    return encodeURIComponent(String(v));
  });
}

export type ProgressResponse = ResponseOf<'progress', 200>;
export type MeResponse = ResponseOf<'getMe', 200>;
export type VerificationsResponse = ResponseOf<'listVerifications', 200>;
