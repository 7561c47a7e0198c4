// What changed between two versions of a unit's ledger: persons matched by ID number (idKey: half-width,
// upper-case, 15 digits upgraded), so moving or re-sorting rows is not a change. Pure.
import { ROSTER_FIELDS, UNIT_FIELDS, type RosterKey } from '../../../shared/template/definition';
import type { Cell, Ledger, LedgerRow } from '../../../shared/ledger/schema';
import type { ChangedPerson, DiffPerson, LedgerDiff, RosterFieldChange, UnitFieldChange } from '../../../shared/api/contract';
import { idKey } from '../../../shared/id/idcard';

/** Fields whose change is not a change of what was reported about the person. */
const IGNORED: ReadonlySet<RosterKey> = new Set<RosterKey>(['seq']);
const COMPARED = ROSTER_FIELDS.filter((f) => !IGNORED.has(f.key));

function personKey(r: LedgerRow): string {
  // Stored versions passed the server check, so every row has a valid ID; the raw text and the row
  // number are fallbacks that keep odd data visible instead of merging it.
  const raw = r.values.idNumber;
  return idKey(raw) ?? (raw !== null && raw !== undefined && raw !== '' ? `raw:${String(raw)}` : `row:${r.row}`);
}

function person(r: LedgerRow, key: string): DiffPerson {
  const n = r.values.name;
  return {
    idNumber: key.startsWith('row:') ? '' : key.replace(/^raw:/, ''),
    name: n === null || n === undefined ? null : String(n),
    row: r.row,
  };
}

const same = (a: Cell | undefined, b: Cell | undefined) => (a ?? null) === (b ?? null);

export function diffLedgers(previous: Ledger, current: Ledger): LedgerDiff {
  const before = new Map<string, LedgerRow>();
  for (const r of previous.roster?.rows ?? []) {
    const k = personKey(r);
    if (!before.has(k)) before.set(k, r);
  }
  const seen = new Set<string>();
  const added: DiffPerson[] = [];
  const changed: ChangedPerson[] = [];
  let unchanged = 0;
  for (const r of current.roster?.rows ?? []) {
    const k = personKey(r);
    if (seen.has(k)) continue;
    seen.add(k);
    const old = before.get(k);
    if (!old) {
      added.push(person(r, k));
      continue;
    }
    const changes: RosterFieldChange[] = [];
    for (const f of COMPARED) {
      const a = old.values[f.key];
      const b = r.values[f.key];
      if (!same(a, b)) changes.push({ field: f.key, column: f.header, before: a ?? null, after: b ?? null });
    }
    if (changes.length > 0) changed.push({ ...person(r, k), previousRow: old.row, changes });
    else unchanged++;
  }
  const removed: DiffPerson[] = [];
  for (const [k, r] of before) if (!seen.has(k)) removed.push(person(r, k));

  const unitChanges: UnitFieldChange[] = [];
  for (const f of UNIT_FIELDS) {
    const a = previous.unit?.values[f.key];
    const b = current.unit?.values[f.key];
    if (!same(a, b)) unitChanges.push({ field: f.key, column: f.header, before: a ?? null, after: b ?? null });
  }
  return {
    added,
    removed,
    changed,
    unitChanges,
    summary: { added: added.length, removed: removed.length, changed: changed.length, unchanged, unitChanges: unitChanges.length },
  };
}
