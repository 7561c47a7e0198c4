// The fast canonical form must be byte-for-byte the reference definition (digests are signed and compared).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalLedger, canonicalLedgerPieces, canonicalLedgerReference } from '../../shared/ledger/canonical';
import type { Ledger } from '../../shared/ledger/schema';
import { ROSTER_FIELDS, UNIT_FIELDS } from '../../shared/template/definition';
import { makeLedger } from '../../fixtures/sampleLedgers';

const run = (f: () => string): string => {
  try {
    return f();
  } catch (e) {
    return `THROWS ${(e as Error).message}`;
  }
};

const cell = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('"', '\\', '\u2028', '\ud800', '\n', '劳务派遣')),
  },
  { weight: 4, arbitrary: fc.oneof(fc.double(), fc.integer(), fc.constantFrom(-0, 1e21, 5e-7, NaN, Infinity)) },
  { weight: 2, arbitrary: fc.constant(null) },
  {
    weight: 1,
    arbitrary: fc.oneof(fc.constant(undefined), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }), fc.object({ maxDepth: 1 })),
  },
);
const key = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...ROSTER_FIELDS.map((d) => d.key)) }, { weight: 1, arbitrary: fc.string() });
const values = fc.dictionary(key, cell, { maxKeys: 30 });
const rowNo = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 40 }) }, { weight: 1, arbitrary: fc.constantFrom(NaN, -0, 2.5) });
const ledger: fc.Arbitrary<Ledger> = fc.record({
  templateVersion: fc.option(fc.string(), { nil: null }),
  unit: fc.option(fc.record({ values: fc.dictionary(fc.constantFrom(...UNIT_FIELDS.map((d) => d.key)), cell), rows: fc.constant({}) }), {
    nil: null,
  }),
  roster: fc.option(
    fc.record({
      headerRow: fc.constant(3),
      columns: fc.constant({}),
      rows: fc.array(fc.record({ row: rowNo, values }), { maxLength: 12 }),
    }),
    { nil: null },
  ),
}) as fc.Arbitrary<Ledger>;

describe('canonicalLedger fast path', () => {
  it('equals the reference definition on arbitrary ledgers, including invalid ones', () => {
    fc.assert(
      fc.property(ledger, fc.integer({ min: 1, max: 5 }), (l, per) => {
        const ref = run(() => canonicalLedgerReference(l));
        expect(run(() => canonicalLedger(l))).toBe(ref);
        expect(run(() => [...canonicalLedgerPieces(l, per)].join(''))).toBe(ref);
      }),
      { numRuns: 1500 },
    );
  });

  it('equals the reference on a large ledger, rows in and out of order, one row with keys in another order', () => {
    const l = makeLedger(3000);
    expect(canonicalLedger(l)).toBe(canonicalLedgerReference(l));
    const pieces = [...canonicalLedgerPieces(l, 250)];
    expect(pieces.length).toBe(3000 / 250 + 2);
    expect(pieces.join('')).toBe(canonicalLedgerReference(l));
    l.roster!.rows.reverse();
    l.roster!.rows[10].values = Object.fromEntries(Object.entries(l.roster!.rows[10].values).reverse());
    expect(canonicalLedger(l)).toBe(canonicalLedgerReference(l));
  });
});

describe('canonical form is stable', () => {
  const ledger: Ledger = {
    templateVersion: '1',
    unit: { values: { unitName: '示范局', offStaffCount: 1 }, rows: { unitName: 3, offStaffCount: 10 } },
    roster: {
      headerRow: 3,
      columns: { name: 1, idNumber: 3 },
      rows: [{ row: 4, values: { name: '张伟', idNumber: '11010119900307123X', remarks: null } }],
    },
  };

  it('a normal ledger keeps its exact bytes (stored digests must not change)', () => {
    const text =
      '{"format":"taizhang-ledger/1","roster":[{"row":4,"values":{"idNumber":"11010119900307123X","name":"张伟"}}],"templateVersion":"1","unit":{"offStaffCount":1,"unitName":"示范局"}}';
    expect(canonicalLedger(ledger)).toBe(text);
    expect(canonicalLedgerReference(ledger)).toBe(text);
  });

  it('a roster sheet without header row (headerRow null) reports no rows: an empty array, not an absent sheet', () => {
    const headerless: Ledger = { ...ledger, roster: { headerRow: null, columns: {}, rows: [] } };
    const text = '{"format":"taizhang-ledger/1","roster":[],"templateVersion":"1","unit":{"offStaffCount":1,"unitName":"示范局"}}';
    expect(canonicalLedger(headerless)).toBe(text);
    expect(canonicalLedgerReference(headerless)).toBe(text);
    expect(canonicalLedger({ ...ledger, roster: null })).toContain('"roster":null');
  });
});
