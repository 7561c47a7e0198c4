// The desk's operations (office and supervisors): aggregated workbook, public notice, on-staff roster,
// verifications and version diffs. Called by the route files with a `Call`; no @azure/functions here.
import { randomUUID } from 'node:crypto';
import type { DiffResponse, OnStaffBody, OnStaffResult, OnStaffStatus, Verification, VerificationBody, VerificationsResponse } from '../../../shared/api/contract';
import { idKey } from '../../../shared/id/idcard';
import type { Ledger } from '../../../shared/ledger/schema';
import { AppError, notFound } from '../errors';
import type { Call, Services } from '../services';
export { deskStore, underReportCounts } from './accountability';
import type { Directory, UnitState } from '../storage';
import { requireOffice, requireUnitRole, visibleUnits } from '../domain/access';
import { loadDirectory } from '../domain/campaigns';
import { progress } from '../domain/progress';
import { chinaDay } from '../domain/time';
import { writeAggregate, type AggregateInput, type AggregateStats, type DeskUnit, type UnitLedger } from './aggregate';
import { diffLedgers } from './diff';
import { writeNotice, type NoticeUnit } from './notice';
import { deskStore } from './accountability';
import { buildVerification, underReportsOf } from './verification';
import { XlsxStreamWriter, type XlsxWriterOptions } from '../../../shared/node/xlsxWriter';

/** Ledgers read at once while streaming the workbook (keeps storage busy without holding many in memory). */
const READ_AHEAD = 4;

/** Reads the current version of each unit, in order, `READ_AHEAD` at a time. */
export async function* readCurrentLedgers(
  s: Services,
  campaignId: string,
  states: UnitState[],
  inScope: (unitId: string) => boolean,
): AsyncGenerator<UnitLedger> {
  const pending: Promise<UnitLedger>[] = [];
  let i = 0;
  const start = () => {
    const st = states[i++];
    pending.push(
      s.rows.read(campaignId, st.unitId, st.latest.submissionId, { validate: false }).then(({ ledger, issues }) => ({ unitId: st.unitId, version: st.latestVersion, ledger, issues, inScope: inScope(st.unitId) })),
    );
  };
  while (i < states.length && pending.length < READ_AHEAD) start();
  while (pending.length > 0) {
    const next = await pending.shift()!;
    if (i < states.length) start();
    yield next;
  }
}

function unitOrder(dir: Directory, visible: Set<string>): string[] {
  // Depth-first over the tree (a supervising unit, then its units), siblings by unitId.
  const children = new Map<string | null, string[]>();
  for (const u of dir.units.values()) {
    const p = u.parentId && dir.units.has(u.parentId) ? u.parentId : null;
    if (!children.has(p)) children.set(p, []);
    children.get(p)!.push(u.unitId);
  }
  for (const list of children.values()) list.sort();
  const out: string[] = [];
  const walk = (p: string | null) => {
    for (const id of children.get(p) ?? []) {
      if (visible.has(id)) out.push(id);
      walk(id);
    }
  };
  walk(null);
  return out;
}

export interface WorkbookResult {
  /** The workbook as the writer produced it, in order (not concatenated: no second copy in memory). */
  chunks: Uint8Array[];
  size: number;
  filename: string;
  stats: AggregateStats & { scope: 'office' | 'supervisor' };
}

/** A response body over the chunks, without joining them. */
export async function* chunkStream(chunks: Uint8Array[]): AsyncGenerator<Uint8Array> {
  for (const c of chunks) yield c;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/** Everything the aggregated workbook is built from; `input.ledgers` streams from storage as it is iterated. */
export async function aggregateInput(call: Call, campaignId: string): Promise<{ input: AggregateInput; filename: string; role: 'office' | 'supervisor' }> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { role, units: visible } = visibleUnits(actor, dir);
  const store = deskStore(call.s);
  const [prog, states, onStaff, verifications] = await Promise.all([
    progress(call, campaignId),
    call.s.submissions.listStates(campaignId),
    store.onStaffIds(campaignId),
    store.listVerifications(campaignId),
  ]);
  const progressById = new Map(prog.units.map((u) => [u.unitId, u]));
  const order = unitOrder(dir, visible);
  const units: DeskUnit[] = order
    .filter((id) => progressById.has(id))
    .map((id) => {
      const p = progressById.get(id)!;
      const parent = p.parentId ? dir.units.get(p.parentId) : undefined;
      return { ...p, parentName: parent?.name ?? null };
    });
  const rank = new Map(order.map((id, i) => [id, i]));
  // In-scope units first in display order, then the rest (read only for the cross-unit check).
  const sorted = states
    .filter((st) => dir.units.has(st.unitId))
    .sort((a, b) => (rank.get(a.unitId) ?? 1e9) - (rank.get(b.unitId) ?? 1e9) || (a.unitId < b.unitId ? -1 : 1));
  const scopeTag = role === 'office' ? '' : `-${actor.memberships.find((m) => m.role === 'supervisor')?.unitId ?? 'supervisor'}`;
  return {
    role,
    filename: `${campaignId}${scopeTag}-汇总-${prog.asOf}.xlsx`,
    input: {
      campaignId,
      title: dir.campaign.title,
      asOf: prog.asOf,
      units,
      ledgers: readCurrentLedgers(call.s, campaignId, sorted, (id) => visible.has(id)),
      onStaff,
      underReports: verifications.filter((v) => visible.has(v.unitId)).flatMap(underReportsOf),
    },
  };
}

/**
 * GET /campaigns/{c}/aggregate.xlsx. The workbook is generated as ledgers are read; the finished bytes
 * (compressed, ~15 MB for 100,000 persons) are returned whole, so a storage failure halfway gives a
 * clean error response instead of a truncated download.
 */
export async function aggregateWorkbook(call: Call, campaignId: string, writerOpts?: XlsxWriterOptions): Promise<WorkbookResult> {
  const { input, filename, role } = await aggregateInput(call, campaignId);
  const parts: Uint8Array[] = [];
  const writer = new XlsxStreamWriter((c) => parts.push(c), writerOpts);
  const stats = await writeAggregate(input, writer);
  writer.finish();
  return { chunks: parts, size: parts.reduce((n, p) => n + p.length, 0), filename, stats: { ...stats, scope: role } };
}

/**
 * GET /campaigns/{c}/notice.xlsx (office only): the persons to be dismissed (拟处理意见 = 清退) of each
 * unit's current version. Names are masked unless `fullNames` (query `names=full`); ID numbers always are.
 */
export async function noticeWorkbook(call: Call, campaignId: string, fullNames: boolean): Promise<{ bytes: Uint8Array; filename: string; persons: number }> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  requireOffice(actor);
  const states = await call.s.submissions.listStates(campaignId);
  const order = unitOrder(dir, new Set(dir.units.keys()));
  const rank = new Map(order.map((id, i) => [id, i]));
  const sorted = states.filter((s) => dir.units.has(s.unitId)).sort((a, b) => rank.get(a.unitId)! - rank.get(b.unitId)!);
  async function* units(): AsyncGenerator<NoticeUnit> {
    for await (const ul of readCurrentLedgers(call.s, campaignId, sorted, () => true)) {
      const u = dir.units.get(ul.unitId)!;
      yield { unitId: u.unitId, name: u.name, parentName: u.parentId ? (dir.units.get(u.parentId)?.name ?? null) : null, ledger: ul.ledger };
    }
  }
  const parts: Uint8Array[] = [];
  const writer = new XlsxStreamWriter((c) => parts.push(c));
  const today = chinaDay(call.now);
  const persons = await writeNotice(units(), { fullNames, title: dir.campaign.title, asOf: today }, writer);
  writer.finish();
  return { bytes: concat(parts), filename: `${campaignId}-公示名单-${today}.xlsx`, persons };
}

/** PUT /campaigns/{c}/on-staff (office): replaces the on-staff roster. */
export async function putOnStaff(call: Call, campaignId: string, body: OnStaffBody): Promise<OnStaffResult> {
  const { actor } = await loadDirectory(call, campaignId);
  requireOffice(actor);
  const ids = new Set<string>();
  const invalidSamples: string[] = [];
  let invalid = 0;
  let duplicates = 0;
  for (const raw of body.idNumbers) {
    const k = idKey(raw);
    if (k === null) {
      invalid++;
      if (invalidSamples.length < 20) invalidSamples.push(raw);
    } else if (ids.has(k)) duplicates++;
    else ids.add(k);
  }
  const info = await deskStore(call.s).putOnStaff(
    campaignId,
    [...ids],
    { userId: actor.userId, role: 'office', action: 'onstaff.put', unitId: null, version: null, digest: null, details: { count: ids.size, invalid, duplicates } },
    call.now,
  );
  return { ...info, invalid, invalidSamples, duplicates };
}

/** GET /campaigns/{c}/on-staff (office): what roster is loaded (count and when), not the IDs. */
export async function getOnStaff(call: Call, campaignId: string): Promise<OnStaffStatus> {
  const { actor } = await loadDirectory(call, campaignId);
  requireOffice(actor);
  return (await deskStore(call.s).onStaffInfo(campaignId)) ?? { count: 0, updatedAt: null, updatedBy: null };
}

/**
 * POST /campaigns/{c}/verifications. Office staff for any unit; a supervisor (主管部门负总责) for the
 * units of its subtree — both carry out on-site checks and receive tips. Persons not in the unit's
 * current ledger become under-reporting records against its head, leader in charge and liaison.
 */
export async function createVerification(call: Call, campaignId: string, body: VerificationBody): Promise<Verification> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  if (!dir.units.has(body.unitId)) throw notFound(`单位（${body.unitId}）`);
  const who = requireUnitRole(actor, dir, body.unitId, ['office', 'supervisor']);
  const today = chinaDay(call.now);
  if (body.at > today) throw new AppError(400, 'VALIDATION_FAILED', `核查日期 ${body.at} 晚于今天（${today}）。`, { fieldErrors: { at: ['核查日期不能晚于今天'] }, formErrors: [] });
  const bad = body.missingPersons.filter((p) => p.name.trim() === '' || p.idNumber.trim() === '');
  if (bad.length > 0)
    throw new AppError(400, 'VALIDATION_FAILED', `有 ${bad.length} 名核查发现人员缺少姓名或身份证号码。`, { fieldErrors: { missingPersons: ['姓名和身份证号码均须填写'] }, formErrors: [] });
  const state = await call.s.submissions.getState(campaignId, body.unitId);
  let ledger: Ledger | null = null;
  if (state) ledger = (await call.s.rows.read(campaignId, body.unitId, state.latest.submissionId)).ledger;
  const v = buildVerification({
    verificationId: `VF-${today.replaceAll('-', '')}-${randomUUID().slice(0, 8).toUpperCase()}`,
    campaignId,
    unitId: body.unitId,
    kind: body.kind,
    at: body.at,
    summary: body.summary.trim(),
    missingPersons: body.missingPersons,
    ledger,
    ledgerVersion: state?.latestVersion ?? null,
    members: dir.members,
    recordedBy: who.name === actor.userId ? actor.userId : `${who.name}（${actor.userId}）`,
    recordedAt: call.now.toISOString(),
  });
  await deskStore(call.s).addVerification(
    v,
    {
      userId: actor.userId,
      role: who.role,
      action: 'verification.create',
      unitId: body.unitId,
      version: v.ledgerVersion,
      digest: state?.latest.digest ?? null,
      details: { verificationId: v.verificationId, kind: v.kind, at: v.at, checked: v.checked, found: v.found, underReports: v.underReports.length },
    },
    call.now,
  );
  return v;
}

/** GET /campaigns/{c}/verifications: office all, supervisors their subtree. */
export async function listVerifications(call: Call, campaignId: string): Promise<VerificationsResponse> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const { units } = visibleUnits(actor, dir);
  const all = await deskStore(call.s).listVerifications(campaignId);
  return { verifications: all.filter((v) => units.has(v.unitId)) };
}

const READ_ROLES = ['liaison', 'head', 'leader', 'supervisor', 'office'] as const;

/**
 * GET /campaigns/{c}/units/{u}/submissions/{v}/diff[?from=N]: what changed from version N (default
 * v−1) to v. 400 for v = 1 (nothing to compare) or a bad `from`; 404 for an unknown unit or version.
 */
export async function submissionDiff(call: Call, campaignId: string, unitId: string, version: number, from?: number): Promise<DiffResponse> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  if (!dir.units.has(unitId)) throw notFound(`单位（${unitId}）`);
  requireUnitRole(actor, dir, unitId, READ_ROLES);
  const previousVersion = from ?? version - 1;
  if (previousVersion < 1) throw new AppError(400, 'VALIDATION_FAILED', '第 1 版没有上一版本，无法比较。', { fieldErrors: { version: ['没有可比较的上一版本'] }, formErrors: [] });
  if (previousVersion >= version)
    throw new AppError(400, 'VALIDATION_FAILED', `比较的版本（第 ${previousVersion} 版）须早于第 ${version} 版。`, { fieldErrors: { from: ['须小于 version'] }, formErrors: [] });
  const [cur, prev] = await Promise.all([call.s.submissions.getVersion(campaignId, unitId, version), call.s.submissions.getVersion(campaignId, unitId, previousVersion)]);
  if (!cur) throw notFound(`第 ${version} 版`);
  if (!prev) throw notFound(`第 ${previousVersion} 版`);
  const [a, b] = await Promise.all([call.s.rows.read(campaignId, unitId, prev.submissionId), call.s.rows.read(campaignId, unitId, cur.submissionId)]);
  return { campaignId, unitId, version, previousVersion, ...diffLedgers(a.ledger, b.ledger) };
}
