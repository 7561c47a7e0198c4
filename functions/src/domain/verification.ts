// Verification (实地核查 / 举报) and under-reporting (漏报/瞒报): which of the persons found on site are
// missing from the unit's current ledger, and who answers for it. Pure.
import { idKey } from '../../../shared/id/idcard';
import type { Ledger } from '../../../shared/ledger/schema';
import type { Member, MissingPerson, ResponsiblePersons, Verification, VerificationKind } from '../../../shared/api/contract';

export const VERIFICATION_KIND_LABEL: Record<VerificationKind, string> = { onsite: '实地核查', tip: '举报' };

/** What a verification records about itself (repeated on each of its under-report records). */
type VerificationFacts = Omit<Verification, 'checked' | 'found' | 'underReports' | 'responsible'>;

/** One person found by a verification but absent from the unit's ledger, with who answers for it. */
export type UnderReport = MissingPerson & VerificationFacts & ResponsiblePersons;

/** Just the facts (a verification or its input carries more). */
const factsOf = (v: VerificationFacts): VerificationFacts => ({
  verificationId: v.verificationId,
  campaignId: v.campaignId,
  unitId: v.unitId,
  kind: v.kind,
  at: v.at,
  summary: v.summary,
  ledgerVersion: v.ledgerVersion,
  recordedBy: v.recordedBy,
  recordedAt: v.recordedAt,
});

/** One record per under-reported person (the 问责线索 rows). */
export function underReportsOf(v: Verification): UnderReport[] {
  return v.underReports.map((p) => ({ ...factsOf(v), name: p.name, idNumber: p.idNumber, ...v.responsible }));
}

/** The ID set of a ledger's roster (idKeys, with the raw upper-cased text as fallback). */
function ledgerIds(ledger: Ledger | null): Set<string> {
  const out = new Set<string>();
  for (const r of ledger?.roster?.rows ?? []) {
    const raw = r.values.idNumber;
    if (raw === null || raw === undefined) continue;
    out.add(idKey(raw) ?? String(raw).trim().toUpperCase());
  }
  return out;
}

function uniq(names: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const n of names) {
    const t = (n ?? '').trim();
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

export function responsiblePersons(unitId: string, ledger: Ledger | null, members: readonly Member[]): ResponsiblePersons {
  const of = (role: Member['role']) => members.filter((m) => m.unitId === unitId && m.role === role).map((m) => m.name);
  const u = ledger?.unit?.values;
  const s = (v: unknown) => (typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));
  return {
    heads: uniq([s(u?.headName), ...of('head')]),
    leaders: uniq([s(u?.leaderName), ...of('leader')]),
    liaisons: uniq([s(u?.liaisonName), ...of('liaison')]),
  };
}

export interface VerificationInput extends VerificationFacts {
  missingPersons: readonly MissingPerson[];
  ledger: Ledger | null;
  members: readonly Member[];
}

/**
 * Builds the verification record: every reported person whose ID is not in the unit's current ledger
 * becomes an under-report (the same ID listed twice counts once); the responsible persons come from the
 * ledger's unit sheet and the campaign's member list. Matching is by ID number only: a
 * person under a different name but the same ID was reported; a typo in the ID shows up as a record
 * for the office to look at rather than being silently matched by name.
 */
export function buildVerification(v: VerificationInput): Verification {
  const ids = ledgerIds(v.ledger);
  const who = responsiblePersons(v.unitId, v.ledger, v.members);
  const seen = new Set<string>();
  const underReports: MissingPerson[] = [];
  let found = 0;
  let checked = 0;
  for (const p of v.missingPersons) {
    const key = idKey(p.idNumber) ?? p.idNumber.trim().toUpperCase();
    if (seen.has(key)) continue;
    seen.add(key);
    checked++;
    if (ids.has(key)) found++;
    else underReports.push({ name: p.name.trim(), idNumber: key });
  }
  return { ...factsOf(v), checked, found, underReports, responsible: who };
}
