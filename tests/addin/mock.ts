// office-addin-mock helpers: a mock RequestContext that counts syncs and can fail a chosen sync.
import { OfficeMockObject } from 'office-addin-mock';

export interface MockCtx {
  ctx: Excel.RequestContext;
  mock: any;
  syncs: () => number;
  /** Make sync number n (1-based) reject with an Office error of this code. */
  failSync: (n: number, code: string) => void;
}

export function mockContext(data: Record<string, unknown>): MockCtx {
  const mock = new OfficeMockObject(data) as any;
  let syncs = 0;
  const failures = new Map<number, string>();
  const orig = mock.sync.bind(mock);
  mock.sync = async () => {
    syncs++;
    const code = failures.get(syncs);
    if (code) throw Object.assign(new Error(`mock failure ${code}`), { code });
    await orig();
  };
  return { ctx: mock as Excel.RequestContext, mock, syncs: () => syncs, failSync: (n, code) => failures.set(n, code) };
}

/** Adds (once) and returns a child mock under `parent`, populated with `data`. */
export function child(parent: any, key: string, data: Record<string, unknown>): any {
  if (!parent[key]) {
    parent.addMock(key);
    parent[key].populate(data);
  }
  return parent[key];
}

/**
 * A collection's `load`: logs what was asked for and marks `items` as loaded the way the mock's own
 * load does, so the items (an array) are readable only after the next sync.
 */
export function loadItems(log: string[] | null, label: string) {
  return function (this: any, props: string) {
    log?.push(`${label}.load ${props}`);
    OfficeMockObject.prototype.load.call(this, 'items');
  };
}

/**
 * A mock method that logs `label` and its plain arguments (`sheet 编外人员台账`; ranges and other
 * objects left out), then returns the child `next` of the mock it is called on, if any.
 */
export function logged(log: string[] | null, label: string, next?: string) {
  return function (this: any, ...args: unknown[]) {
    log?.push([label, ...args.filter((a) => typeof a !== 'object')].join(' '));
    return next === undefined ? undefined : this[next];
  };
}

/** A mock method that returns the child `next` of the mock it is called on. */
export const returns = (next: string) => logged(null, '', next);
