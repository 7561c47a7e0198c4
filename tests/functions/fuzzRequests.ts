// The fuzzer's request model (tests/functions/fuzz.test.ts): callers, bodies, params, query strings and
// headers as fast-check arbitraries, shaped by each route of the contract.
import fc from 'fast-check';
import { routes, SEAL_CONTENT_TYPES, XLSX_CONTENT_TYPE, type RouteDef } from '../../shared/api/contract';
import { demoCampaign, demoMembers, demoUnits, unitLedger } from '../../fixtures/demoSeed';
import { JPEG, PDF, PNG } from './helpers';

type RouteName = keyof typeof routes;

/** Submitted and signed off before the run. */
export const U = 'edu-s1';
/** Submitted only. */
export const V = 'agri-a1';

export const jsonSchemaOf = (r: RouteDef) => {
  const b = r.body;
  if (!b) return undefined;
  if ('jsonOrRaw' in b) return b.jsonOrRaw;
  if ('raw' in b) return undefined;
  return b;
};

export type Caller = { kind: 'fixed'; label: string } | { kind: 'sub'; sub: string };
export type Body =
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'huge'; n: number; json: boolean }
  | { kind: 'deep'; n: number; style: 'array' | 'object' | 'shaped' };
export interface Param {
  v: string;
  /** Put into the URL as is instead of percent-encoded. */
  raw: boolean;
}
export interface Req {
  method: string;
  params: Record<string, Param>;
  query: string;
  caller: Caller;
  body: Body | null;
  contentType: string | null;
  idem: string | null;
  devNow: string | null;
  origin: string | null;
}

export const MEMBER_CALLERS = ['liaison', 'head', 'supervisor', 'office', 'other-liaison'] as const;
export const OTHER_CALLERS = [
  'none',
  'stranger',
  'garbage:Bearer garbage',
  'garbage:Bearer',
  'garbage:Bearer a.b.c',
  'garbage:Basic dXNlcjpwYXNz',
  'garbage:token-without-scheme',
  'garbage:Bearer x y',
  'garbage:long',
  'jwt:wrong-secret',
  'jwt:expired',
  'jwt:wrong-audience',
  'jwt:alg-none',
  'jwt:no-sub',
] as const;

/** UTF-8 bytes as a latin1 string: how a client puts non-ASCII text into a header. */
export const utf8Header = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
export const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), maxLength: 60 });
export const headerText = fc.oneof(printable, fc.string({ unit: 'grapheme', maxLength: 30 }).map(utf8Header));

export const weirdString = fc.oneof(
  fc.constantFrom(
    '..',
    '.',
    '%2F',
    '%2f..%2F',
    'a/b',
    '../../etc/passwd',
    '%',
    '%zz',
    ' ',
    'a|b',
    '#',
    '?',
    '\\',
    'a\\b',
    '中文单位',
    '𝌆',
    'null',
    '-',
    '_a',
    'x'.repeat(129),
    'é',
    'a b',
    "'; DROP TABLE x;--",
    '$(x)',
    '\u0000',
    '\u200b',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.integer({ min: 129, max: 1500 }).map((n) => 'a'.repeat(n)),
  fc.integer({ min: 1, max: 200 }).map((n) => '汉'.repeat(n)),
);
export const validParam: Record<string, fc.Arbitrary<string>> = {
  campaignId: fc.constant('__cid__'),
  unitId: fc.constantFrom(U, V, 'edu', 'health-h1', 'no-such-unit'),
  version: fc.constantFrom('1', '2', '0', '-1', '1.5', '1e2', '0x1', ' 1', '99999999999999999999', 'NaN', 'Infinity'),
  name: fc.constantFrom('reminders', 'health', 'nope'),
};
export const paramArb = (k: string): fc.Arbitrary<Param> =>
  fc.record({
    v: fc.oneof({ weight: 4, arbitrary: validParam[k] ?? weirdString }, { weight: 1, arbitrary: weirdString }),
    raw: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });

export const queryArb = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  {
    weight: 3,
    arbitrary: fc
      .dictionary(
        fc.oneof(fc.constantFrom('names', 'from', 'version', 'code'), fc.string({ maxLength: 10 })),
        fc.oneof(
          fc.constantFrom('full', 'masked', 'FULL', '1', '0', '-1', 'abc', '1e309', '', '2.5'),
          fc.string({ unit: 'grapheme', maxLength: 20 }),
        ),
        { maxKeys: 4 },
      )
      .map((d) => `?${new URLSearchParams(d)}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '?%zz',
      '?names=full&names=masked',
      '?&&&=',
      '?from=2&from=1',
      '?from=%00',
      `?${'q'.repeat(3000)}`,
      '?=',
      '?names',
    ),
  },
);

export const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'APPLICATION/JSON',
  'text/plain',
  XLSX_CONTENT_TYPE,
  ...SEAL_CONTENT_TYPES,
  'image/gif',
  'image/webp',
  'application/vnd.ms-excel',
  'application/octet-stream',
  'multipart/form-data; boundary=----x',
  'application/x-www-form-urlencoded',
  '',
  ';',
  ';;;charset=',
  'json',
  '*/*',
  'application/json; charset=gbk',
];
export const contentTypeArb = fc.option(
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...CONTENT_TYPES) }, { weight: 1, arbitrary: headerText }),
  { nil: null },
);

export const MAGIC: Uint8Array[] = [
  PNG,
  JPEG,
  PDF,
  new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
  new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
  new Uint8Array([0x1f, 0x8b]),
];
export const concat = (a: Uint8Array, b: Uint8Array) => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/** An object with the keys of the route's JSON body schema (values of any type) and maybe extra keys. */
export function shapedArb(r: RouteDef): fc.Arbitrary<unknown> {
  const schema = jsonSchemaOf(r);
  const shape = (schema as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  const keys = shape ? Object.keys(shape) : ['ledger', 'title', 'units', 'digest', 'decision'];
  const value = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.constantFrom(null, '', 0, -1, 1e308, true, [], {}, '2030-02-30', 'accept', 'x'.repeat(300), [null], { ledger: null }),
  );
  return fc
    .record({
      known: fc.record(Object.fromEntries(keys.map((k) => [k, value])), { requiredKeys: [] }),
      extra: fc.dictionary(
        fc.oneof(fc.constantFrom('__proto__', 'constructor', 'hacker', 'toString'), fc.string({ maxLength: 8 })),
        fc.jsonValue({ maxDepth: 2 }),
        { maxKeys: 2 },
      ),
    })
    .map(({ known, extra }) => ({ ...extra, ...known }));
}

/** A valid body per JSON route, for near-valid mutations (routes without one get shaped bodies only). */
export const SAMPLES: Partial<Record<RouteName, unknown>> = {
  putCampaign: demoCampaign('2030-01-01'),
  putUnits: { units: demoUnits(), members: demoMembers() },
  putExtension: { milestoneId: 'report', due: '2030-01-01' },
  putOnStaff: { idNumbers: ['11010519491231002X'] },
  submit: { ledger: unitLedger(1, 3, '示范县第一中学') },
  signOff: { digest: 'a'.repeat(64) },
  review: { decision: 'return', reasons: ['缺少附件'] },
  verification: {
    unitId: U,
    kind: 'onsite',
    at: '2030-01-01',
    summary: '实地核查',
    missingPersons: [{ name: '张三', idNumber: '110105194912310021' }],
  },
  devToken: { userId: 'someone' },
  adminRun: { input: 'x' },
};

export type Path = (string | number)[];
export function pathsOf(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...at, k], out);
  return out;
}
export const oddValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(
    null,
    '',
    ' ',
    0,
    -1,
    1.5,
    1e308,
    -0,
    true,
    [],
    {},
    '2030-02-30',
    '9999-99-99',
    'x'.repeat(5000),
    '\u0000',
    '𝌆',
    [null],
    { __proto__: 1 },
    2 ** 53,
    '1',
  ),
);
/** The route's sample body with one spot changed: a value replaced, a key dropped, an extra key, or a value wrapped. */
export function mutatedArb(sample: unknown): fc.Arbitrary<unknown> {
  const paths = pathsOf(sample);
  return fc
    .record({
      at: fc.nat({ max: paths.length - 1 }),
      op: fc.constantFrom('set', 'set', 'delete', 'extra', 'wrap', 'none'),
      value: oddValue,
      extraKey: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'hacker'), fc.string({ maxLength: 6 })),
    })
    .map(({ at, op, value, extraKey }) => {
      const root = structuredClone(sample) as unknown;
      const path = paths[at];
      if (path.length === 0)
        return op === 'none' ? root : op === 'wrap' ? [root] : op === 'extra' ? { ...(root as object), [extraKey]: value } : value;
      const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], root);
      const k = path[path.length - 1];
      if (op === 'set') parent[k] = value;
      else if (op === 'delete') {
        if (Array.isArray(parent)) parent.splice(k as number, 1);
        else delete parent[k];
      } else if (op === 'wrap') parent[k] = [parent[k]];
      else if (op === 'extra' && parent[k] && typeof parent[k] === 'object' && !Array.isArray(parent[k]))
        parent[k] = { ...parent[k], [extraKey]: value };
      return root;
    });
}

export const bodyArb = (r: RouteDef, sample: unknown): fc.Arbitrary<Body | null> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Body>(
        { kind: 'text', text: '' },
        { kind: 'text', text: '{' },
        { kind: 'text', text: 'null' },
        { kind: 'text', text: '{"a":1}{' },
        { kind: 'text', text: '\ufeff{}' },
      ),
    },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v): Body => ({ kind: 'text', text: JSON.stringify(v) ?? '' })) },
    { weight: 3, arbitrary: shapedArb(r).map((v): Body => ({ kind: 'text', text: JSON.stringify(v) })) },
    {
      weight: 4,
      arbitrary: (sample === undefined ? shapedArb(r) : mutatedArb(sample)).map((v): Body => ({
        kind: 'text',
        text: JSON.stringify(v) ?? '',
      })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({ n: fc.integer({ min: 10_000, max: 1_000_000 }), json: fc.boolean() })
        .map((x): Body => ({ kind: 'huge', ...x })),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          n: fc.integer({ min: 100, max: 20_000 }),
          style: fc.constantFrom('array' as const, 'object' as const, 'shaped' as const),
        })
        .map((x): Body => ({ kind: 'deep', ...x })),
    },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 4096 }).map((bytes): Body => ({ kind: 'bytes', bytes })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 512 }))
        .map(([m, tail]): Body => ({ kind: 'bytes', bytes: concat(m, tail) })),
    },
  );

/** Mostly absent: an odd header on every request would stop most of them before the handler. */
export const rarely = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: a });

export const reqArb = (r: RouteDef, sample?: unknown): fc.Arbitrary<Req> => {
  const names = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  return fc.record({
    method: fc.oneof(
      { weight: 5, arbitrary: fc.constant(r.method) },
      { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH') },
    ),
    params: fc.record(Object.fromEntries(names.map((n) => [n, paramArb(n)]))),
    query: queryArb,
    caller: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom(...MEMBER_CALLERS).map((label): Caller => ({ kind: 'fixed', label })) },
      { weight: 3, arbitrary: fc.constantFrom(...OTHER_CALLERS).map((label): Caller => ({ kind: 'fixed', label })) },
      { weight: 1, arbitrary: weirdString.map((sub): Caller => ({ kind: 'sub', sub })) },
    ),
    body: bodyArb(r, sample),
    contentType: contentTypeArb,
    idem: fc.option(
      fc.oneof(
        { weight: 2, arbitrary: fc.uuid() },
        fc.constantFrom('', ' ', 'k'.repeat(201), 'k'.repeat(1000), utf8Header('幂等键🔑')),
        headerText,
      ),
      { nil: null },
    ),
    devNow: rarely(
      fc.oneof(
        fc.constantFrom(
          '+275760-09-13T00:00:00.000Z',
          '-271821-04-20T00:00:00.000Z',
          '9999-12-31T23:59:59Z',
          '10000-01-01',
          '1970-01-01',
          '2000-02-30',
          '0',
          'Infinity',
          'garbage',
          'Tue, 01 Jan 2030 00:00:00 GMT',
          '-000001-01-01T00:00:00Z',
        ),
        printable,
      ),
    ),
    origin: rarely(fc.constantFrom('https://localhost:3000', 'null', 'https://evil.example', 'x')),
  });
};
