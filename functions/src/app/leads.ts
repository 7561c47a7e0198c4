// External rosters and suspected under-reporting (疑似漏报) for the desk: roster uploads (office), the
// leads (office; a supervisor gets its subtree), the per-unit counts on the progress table, the 疑似漏报
// sheet's rows, and turning leads into a verification record in one step.
import type { LeadsResponse, LeadVerifyBody, RosterInfo } from '../../../shared/api/chain';
import { routes, type Verification } from '../../../shared/api/contract';
import { idKey } from '../../../shared/id/idcard';
import { computeLeads, leadCounts, type LeadsResult, type LeadUnit } from '../../../shared/rosters/leads';
import {
  normaliseCreditCode,
  personsByCreditCode,
  ROSTER_SOURCE_LABEL,
  type RosterParse,
  type RosterSource,
} from '../../../shared/rosters/external';
import { AppError } from '../errors';
import type { Call, Services } from '../services';
import type { Directory, UnitState } from '../storage';
import type { SuspectedRow } from '../documents/aggregate/types';
import { authorizeCampaign } from '../domain/access';
import { loadDirectory } from './context';
import { createVerification } from './verifications';
import type { LedgerIndex } from '../storage/rosters';

const rosterStore = (s: Services) => s.rosters;

/** Ledgers read at once (keeps storage busy without holding many requests open). */
const READ_AHEAD = 8;

/** Each unit's credit code (set on the unit, else its latest ledger's) and its latest ledger's IDs. */
async function leadUnits(s: Services, campaignId: string, dir: Directory, states: UnitState[]): Promise<LeadUnit[]> {
  const store = rosterStore(s);
  const byUnit = new Map(states.map((st) => [st.unitId, st]));
  const units = [...dir.units.values()];
  const indexes = new Map<string, LedgerIndex>();
  for (let i = 0; i < units.length; i += READ_AHEAD) {
    await Promise.all(
      units.slice(i, i + READ_AHEAD).map(async (u) => {
        const st = byUnit.get(u.unitId);
        if (st) indexes.set(u.unitId, await store.ledgerIndex(campaignId, u.unitId, st.latest.submissionId));
      }),
    );
  }
  return units.map((u) => {
    const ix = indexes.get(u.unitId);
    return { unitId: u.unitId, creditCode: normaliseCreditCode(u.creditCode) ?? ix?.creditCode ?? null, ledgerIds: ix?.ids ?? [] };
  });
}

/** The campaign-wide leads (all units: a person in another unit's ledger must be seen even outside a subtree). */
export async function campaignLeads(
  s: Services,
  campaignId: string,
  dir: Directory,
  states?: UnitState[],
): Promise<{ result: LeadsResult; infos: Record<RosterSource, RosterInfo | null> } | null> {
  const { infos, persons } = await rosterStore(s).rosters(campaignId);
  if (Object.keys(persons).length === 0) return null;
  const [units, onStaff] = await Promise.all([
    leadUnits(s, campaignId, dir, states ?? (await s.submissions.listStates(campaignId))),
    s.onStaff.ids(campaignId),
  ]);
  return { result: computeLeads({ units, onStaff, rosters: persons }), infos };
}

/** Leads per unit for the progress table; empty when no roster was loaded (then nothing is read). */
export async function suspectedUnreportedCounts(
  s: Services,
  campaignId: string,
  dir: Directory,
  states: UnitState[],
): Promise<Map<string, number>> {
  const r = await campaignLeads(s, campaignId, dir, states);
  return r ? leadCounts(r.result.leads) : new Map();
}

/** `parse` reads the body: called only once the caller is known to be office staff. */
export async function putRoster(
  call: Call,
  campaignId: string,
  source: RosterSource,
  parse: () => Promise<RosterParse>,
): Promise<RosterInfo> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.putRoster.auth, actor, dir);
  const parsed = await parse();
  if (!parsed.ok) {
    const status = parsed.code === 'ROSTER_TOO_LARGE' ? 413 : 400;
    throw new AppError(status, parsed.code, `${ROSTER_SOURCE_LABEL[source]}未导入：${parsed.message}`, { problems: parsed.problems });
  }
  const units = await leadUnits(call.s, campaignId, dir, await call.s.submissions.listStates(campaignId));
  const codes = new Set(units.map((u) => u.creditCode).filter((c): c is string => c !== null));
  let matchedUnits = 0;
  let unmatched = 0;
  let unmatchedCreditCodes = 0;
  for (const [cc, n] of personsByCreditCode(parsed.persons)) {
    if (codes.has(cc)) matchedUnits++;
    else {
      unmatched += n;
      unmatchedCreditCodes++;
    }
  }
  // Two units sharing a code count once here, as they share its persons in the leads.
  const info = { source, persons: parsed.persons.length, duplicates: parsed.duplicates, matchedUnits, unmatched, unmatchedCreditCodes };
  return rosterStore(call.s).put(
    campaignId,
    info,
    parsed.persons,
    {
      userId: actor.userId,
      role: 'office',
      action: 'roster.upload',
      unitId: null,
      version: null,
      digest: null,
      details: { ...info, category: 'access', scope: 'campaign' },
    },
    call.now,
  );
}

export async function getRosters(call: Call, campaignId: string): Promise<{ rosters: Record<RosterSource, RosterInfo | null> }> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.getRosters.auth, actor, dir);
  return { rosters: await rosterStore(call.s).infos(campaignId) };
}

/** Leads and persons listed elsewhere as the 疑似漏报 sheet's rows, with the verification made from a lead. */
export function suspectedRows(r: LeadsResult, verifications: readonly Verification[]): SuspectedRow[] {
  const verified = verifiedLeads(verifications);
  return [
    ...r.leads.map((l) => ({
      kind: 'lead' as const,
      ...l,
      ledgerUnitIds: [],
      verificationId: verified.get(`${l.unitId}|${l.idNumber}`) ?? null,
    })),
    ...r.elsewhere.map((l) => ({ kind: 'elsewhere' as const, ...l, verificationId: null })),
  ];
}

function verifiedLeads(verifications: readonly Verification[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of verifications) for (const p of v.underReports) out.set(`${v.unitId}|${p.idNumber}`, v.verificationId);
  return out;
}

export async function getLeads(call: Call, campaignId: string): Promise<LeadsResponse> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { role, units } = authorizeCampaign(routes.leads.auth, actor, dir);
  const [r, verifications] = await Promise.all([campaignLeads(call.s, campaignId, dir), call.s.verifications.list(campaignId)]);
  if (!r) return { campaignId, leads: [], elsewhere: [], outOfScope: [], rosters: await rosterStore(call.s).infos(campaignId) };
  const verified = verifiedLeads(verifications);
  return {
    campaignId,
    leads: r.result.leads
      .filter((l) => units.has(l.unitId))
      .map((l) => ({ ...l, verificationId: verified.get(`${l.unitId}|${l.idNumber}`) ?? null })),
    elsewhere: r.result.elsewhere.filter((l) => units.has(l.unitId)),
    // Units missing from the campaign belong to nobody's subtree: the office's alone.
    outOfScope: role === 'office' ? r.result.outOfScope : [],
    rosters: r.infos,
  };
}

/** Leads of one unit → one verification record (the existing verifications route's rules and audit). */
export async function verifyLeads(call: Call, campaignId: string, body: LeadVerifyBody): Promise<Verification> {
  const leads = await getLeads(call, campaignId);
  const mine = new Map(leads.leads.filter((l) => l.unitId === body.unitId).map((l) => [l.idNumber, l]));
  const picked = body.idNumbers.map((raw) => {
    const l = mine.get(idKey(raw) ?? raw.trim().toUpperCase());
    if (!l) throw new AppError(400, 'VALIDATION_FAILED', `身份证号码“${raw}”不是该单位的疑似漏报线索。`);
    return l;
  });
  const sources = [...new Set(picked.flatMap((l) => l.sources))].map((s) => ROSTER_SOURCE_LABEL[s]).join('、');
  return createVerification(call, campaignId, {
    unitId: body.unitId,
    kind: body.kind,
    at: body.at,
    summary: body.summary ?? `疑似漏报线索核实（来源：${sources}），共 ${picked.length} 人`,
    missingPersons: picked.map((l) => ({ name: l.name, idNumber: l.idNumber })),
  });
}
