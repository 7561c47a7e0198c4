// Suspected under-reporting (疑似漏报) from the external rosters. Pure.
//
// A roster person belongs to the campaign unit whose 统一社会信用代码 is the person's credit code. Then:
// - in that unit's latest ledger → reported, nothing to say;
// - on the on-staff roster (在编) → not off-staff, nothing to say;
// - in ANOTHER unit's ledger → `elsewhere` (insured or paid by one unit, reported by another: a finding
//   of its own for the office — borrowed staff, or a unit paying for someone it does not list);
// - otherwise → a lead, with every source that lists the person there (also when the unit has not
//   reported yet: then every such person is a lead).
// Credit codes that are no campaign unit's → `outOfScope` (units missing from the campaign, 范围遗漏).
// IDs are compared as idKeys (15 digits upgraded, half-width, upper-case), which the roster parser and
// the ledger index both produce. Two units sharing a credit code (a data error) share its persons: the
// person is reported if either lists it, and a lead goes to the first of them in directory order.
import { ROSTER_SOURCES, type RosterPerson, type RosterSource } from './external';

export interface LeadUnit {
  unitId: string;
  /** Normalised credit code, null when unknown (no code set and no ledger yet). */
  creditCode: string | null;
  /** ID keys of the unit's latest ledger; empty when it has not reported. */
  ledgerIds: Iterable<string>;
}

export interface LeadInput {
  /** In directory order (the order of the output). */
  units: readonly LeadUnit[];
  onStaff: ReadonlySet<string>;
  rosters: Partial<Record<RosterSource, readonly RosterPerson[]>>;
}

export interface Lead {
  unitId: string;
  idNumber: string;
  name: string;
  sources: RosterSource[];
}

export interface ReportedElsewhere extends Lead {
  /** Units whose latest ledger lists the person (sorted). */
  ledgerUnitIds: string[];
}

export interface OutOfScope {
  creditCode: string;
  /** Distinct persons under that code. */
  persons: number;
  sources: RosterSource[];
  /** A few names, for the office to recognise the unit. */
  sampleNames: string[];
}

export interface LeadsResult {
  leads: Lead[];
  elsewhere: ReportedElsewhere[];
  outOfScope: OutOfScope[];
}

const SAMPLE_NAMES = 3;

export function computeLeads(input: LeadInput): LeadsResult {
  const unitOrder = new Map<string, number>();
  const byCode = new Map<string, string[]>();
  // One holder per ID in the common case; an array only for IDs in several ledgers.
  const holders = new Map<string, string | string[]>();
  input.units.forEach((u, i) => {
    unitOrder.set(u.unitId, i);
    if (u.creditCode) {
      const list = byCode.get(u.creditCode);
      if (list) list.push(u.unitId);
      else byCode.set(u.creditCode, [u.unitId]);
    }
    for (const id of u.ledgerIds) {
      const h = holders.get(id);
      if (h === undefined) holders.set(id, u.unitId);
      else if (typeof h === 'string') {
        if (h !== u.unitId) holders.set(id, [h, u.unitId]);
      } else if (!h.includes(u.unitId)) h.push(u.unitId);
    }
  });
  const holdsIt = (id: string, unitIds: string[]): boolean => {
    const h = holders.get(id);
    if (h === undefined) return false;
    if (typeof h === 'string') return unitIds.length === 1 ? h === unitIds[0] : unitIds.includes(h);
    return h.some((x) => unitIds.includes(x));
  };

  // Keyed by unitId + '|' + id; first source in canonical order names the person.
  const leads = new Map<string, Lead>();
  const elsewhere = new Map<string, ReportedElsewhere>();
  const outside = new Map<string, { ids: Set<string>; sources: RosterSource[]; sampleNames: string[] }>();
  const addSource = (list: RosterSource[], s: RosterSource) => {
    if (list[list.length - 1] !== s) list.push(s); // sources arrive in canonical order
  };

  for (const source of ROSTER_SOURCES) {
    for (const p of input.rosters[source] ?? []) {
      const unitIds = byCode.get(p.creditCode);
      if (!unitIds) {
        let o = outside.get(p.creditCode);
        if (!o) outside.set(p.creditCode, (o = { ids: new Set(), sources: [], sampleNames: [] }));
        if (!o.ids.has(p.idNumber)) {
          o.ids.add(p.idNumber);
          if (o.sampleNames.length < SAMPLE_NAMES) o.sampleNames.push(p.name);
        }
        addSource(o.sources, source);
        continue;
      }
      if (holdsIt(p.idNumber, unitIds) || input.onStaff.has(p.idNumber)) continue;
      const unitId = unitIds[0];
      const key = unitId + '|' + p.idNumber;
      const h = holders.get(p.idNumber);
      if (h !== undefined) {
        const e = elsewhere.get(key);
        if (e) addSource(e.sources, source);
        else
          elsewhere.set(key, {
            unitId,
            idNumber: p.idNumber,
            name: p.name,
            sources: [source],
            ledgerUnitIds: (typeof h === 'string' ? [h] : [...h]).sort(),
          });
        continue;
      }
      const l = leads.get(key);
      if (l) addSource(l.sources, source);
      else leads.set(key, { unitId, idNumber: p.idNumber, name: p.name, sources: [source] });
    }
  }

  const byUnit = <T extends Lead>(m: Map<string, T>): T[] =>
    [...m.values()].sort(
      (a, b) =>
        (unitOrder.get(a.unitId) as number) - (unitOrder.get(b.unitId) as number) ||
        (a.idNumber < b.idNumber ? -1 : a.idNumber > b.idNumber ? 1 : 0),
    );
  return {
    leads: byUnit(leads),
    elsewhere: byUnit(elsewhere),
    outOfScope: [...outside]
      .map(([creditCode, o]) => ({ creditCode, persons: o.ids.size, sources: o.sources, sampleNames: o.sampleNames }))
      .sort((a, b) => b.persons - a.persons || (a.creditCode < b.creditCode ? -1 : 1)),
  };
}

/** Leads per unit (the progress table's `suspectedUnreported`). */
export function leadCounts(leads: readonly Lead[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of leads) out.set(l.unitId, (out.get(l.unitId) ?? 0) + 1);
  return out;
}
