// The fast ledger validator must never accept what LedgerSchema rejects, and must return what zod returns.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { fastLedger, fastLedgerBody } from '../../shared/ledger/guard';
import { LedgerSchema } from '../../shared/ledger/schema';
import { makeLedger } from '../../fixtures/sampleLedgers';

const odd = fc.oneof(
  fc.constantFrom(null, undefined, true, '', 'x', 0, -0, -1, 1.5, 2 ** 53, NaN, Infinity, '__proto__', 'values', 'seq'),
  fc.integer(),
  fc.double(),
  fc.string(),
  fc.constant([]),
  fc.constant({}),
  fc.object({ maxDepth: 1 }),
);

type Path = (string | number)[];
function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (v && typeof v === 'object')
    for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, Array.isArray(v) ? Number(k) : k], out);
  return out;
}

/** A small valid ledger (as posted JSON) with one or two random edits: replace, delete or add a key. */
const edited = fc
  .tuple(
    fc.integer({ min: 0, max: 3 }),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('set', 'delete', 'add'),
        fc.oneof(fc.string(), fc.constantFrom('seq', 'name', 'row', 'values', 'rows', '__proto__', 'unitName')),
        odd,
      ),
      { maxLength: 2 },
    ),
  )
  .map(([n, edits]) => {
    const v = JSON.parse(JSON.stringify(makeLedger(n))) as unknown;
    const all = paths(v);
    for (const [i, op, key, value] of edits) {
      const p = all[i % all.length];
      if (p.length === 0) continue;
      let parent = v as Record<string | number, unknown> | undefined;
      for (const k of p.slice(0, -1))
        parent = parent && typeof parent === 'object' ? (parent[k] as Record<string | number, unknown>) : undefined;
      if (!parent || typeof parent !== 'object') continue;
      const last = p[p.length - 1];
      if (op === 'set') parent[last] = value;
      else if (op === 'delete') delete parent[last];
      else {
        const target = parent[last];
        if (target && typeof target === 'object')
          Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
      }
    }
    return v;
  });

describe('fastLedger', () => {
  it('accepts a valid posted ledger and returns exactly what LedgerSchema.parse returns', () => {
    const v = JSON.parse(JSON.stringify(makeLedger(50)));
    const fast = fastLedger(v);
    expect(fast).not.toBeNull();
    expect(JSON.stringify(fast)).toBe(JSON.stringify(LedgerSchema.parse(v)));
    expect(fastLedgerBody({ ledger: v })).toEqual({ ledger: fast });
    expect(fastLedgerBody({ ledger: v, extra: 1 })).toBeNull();
  });

  it('a roster without header row: accepted only with no columns and no rows, by both', () => {
    const v = JSON.parse(JSON.stringify(makeLedger(2)));
    v.roster = { headerRow: null, columns: {}, rows: [] };
    expect(fastLedger(v)).toEqual(v);
    expect(LedgerSchema.parse(v)).toEqual(v);
    for (const roster of [
      { headerRow: null, columns: { idNumber: 3 }, rows: [] },
      { headerRow: null, columns: {}, rows: [{ row: 4, values: {} }] },
    ]) {
      const bad = { ...v, roster };
      expect(fastLedger(bad)).toBeNull();
      expect(LedgerSchema.safeParse(bad).success).toBe(false);
    }
  });

  it('agrees with zod at every position of a ledger for boundary values, extra keys and missing keys', () => {
    const base = JSON.stringify(makeLedger(2));
    const values: unknown[] = [null, undefined, true, '', 'x', 0, -0, -1, 1, 1.5, 2 ** 53, 2 ** 53 - 1, [], {}, { a: 1 }];
    let accepted = 0;
    const compare = (v: unknown) => {
      const fast = fastLedger(v);
      const slow = LedgerSchema.safeParse(v);
      if (fast !== null) {
        accepted++;
        expect(slow.success).toBe(true);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
      }
    };
    for (const p of paths(JSON.parse(base))) {
      const edit = (f: (parent: Record<string | number, unknown>, last: string | number) => void) => {
        const v = JSON.parse(base);
        if (p.length === 0) return compare(v);
        let parent = v;
        for (const k of p.slice(0, -1)) parent = parent[k];
        f(parent, p[p.length - 1]);
        compare(v);
      };
      for (const x of values)
        edit((parent, last) => {
          parent[last] = x;
        });
      edit((parent, last) => {
        delete parent[last];
      });
      edit((parent, last) => {
        const t = parent[last];
        if (t && typeof t === 'object') (t as Record<string, unknown>).extra = 1;
      });
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('never accepts what zod rejects, and agrees with zod on what it accepts', () => {
    fc.assert(
      fc.property(edited, (v) => {
        const fast = fastLedger(v);
        const slow = LedgerSchema.safeParse(v);
        if (fast !== null) {
          expect(slow.success).toBe(true);
          expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
        }
        const body = fastLedgerBody({ ledger: v });
        if (body !== null) expect(z.strictObject({ ledger: LedgerSchema }).safeParse({ ledger: v }).success).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});
