// Use cases of the desk's workbooks (office and supervisors): the aggregated workbook and the public notice.
import { routes } from '../../../shared/api/contract';
import type { Call } from '../services';
import { readLedgers, type CurrentLedgerRef, type Directory, type UnitState } from '../storage';
import { authorizeCampaign } from '../domain/access';
import { campaignScope, recordAccess } from './accessLog';
import { underReportsOf } from '../domain/verification';
import { campaignLeads, suspectedRows } from './leads';
import { chinaDay } from '../../../shared/dates';
import type { AggregateInput, AggregateStats, DeskUnit } from '../documents/aggregate/types';
import { writeNotice, type NoticeUnit } from '../documents/notice';
import { collectXlsxAsync, type XlsxWriterOptions } from '../../../shared/node/xlsxWriter';
import { loadDirectory } from './context';
import { progress } from './progress';

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
  bytes: Uint8Array;
  filename: string;
  stats: AggregateStats & { scope: 'office' | 'supervisor' };
}

/** The current version of each unit, for the bulk readers. */
const refsOf = (states: readonly UnitState[], inScope: (unitId: string) => boolean): CurrentLedgerRef[] =>
  states.map((st) => ({ unitId: st.unitId, version: st.latestVersion, submissionId: st.latest.submissionId, inScope: inScope(st.unitId) }));

/**
 * Everything the aggregated workbook is built from: `refs` point at the ledgers to read (in-scope units
 * first in display order, then the rest, read only for the cross-unit check); `input.ledgers` streams
 * them from storage as it is iterated (the bench reads them so).
 */
export async function aggregateInput(
  call: Call,
  campaignId: string,
): Promise<{
  input: AggregateInput;
  refs: CurrentLedgerRef[];
  filename: string;
  role: 'office' | 'supervisor';
  supervisedRoot: string | null;
}> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  const scope = authorizeCampaign(routes.aggregate.auth, actor, dir);
  const role = scope.role === 'office' ? 'office' : 'supervisor';
  const visible = scope.units;
  const [prog, states, onStaff, verifications] = await Promise.all([
    progress(call, campaignId),
    call.s.submissions.listStates(campaignId),
    call.s.onStaff.ids(campaignId),
    call.s.verifications.list(campaignId),
  ]);
  // The ledgers' ID indexes and the rosters are cached by progress() just before: this costs the computation only.
  const leads = await campaignLeads(call.s, campaignId, dir, states);
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
  const sorted = states
    .filter((st) => dir.units.has(st.unitId))
    .sort((a, b) => (rank.get(a.unitId) ?? 1e9) - (rank.get(b.unitId) ?? 1e9) || (a.unitId < b.unitId ? -1 : 1));
  const refs = refsOf(sorted, (id) => visible.has(id));
  const supervisedRoot = role === 'office' ? null : (actor.memberships.find((m) => m.role === 'supervisor')?.unitId ?? null);
  const scopeTag = role === 'office' ? '' : `-${supervisedRoot ?? 'supervisor'}`;
  return {
    role,
    supervisedRoot,
    refs,
    filename: `${campaignId}${scopeTag}-汇总-${prog.asOf}.xlsx`,
    input: {
      campaignId,
      title: dir.campaign.title,
      asOf: prog.asOf,
      units,
      ledgers: readLedgers(call.s.rows, campaignId, refs),
      onStaff,
      underReports: verifications.filter((v) => visible.has(v.unitId)).flatMap(underReportsOf),
      suspected: leads ? suspectedRows(leads.result, verifications).filter((r) => visible.has(r.unitId)) : [],
    },
  };
}

/**
 * GET /campaigns/{c}/aggregate.xlsx. The workbook is built on the work pool's thread (503 BUSY when it is
 * full) as ledgers are read; the finished bytes (compressed, ~15 MB for 100,000 persons) are returned
 * whole, so a storage failure halfway gives a clean error response instead of a truncated download. The
 * access entry is written once the workbook exists, before it is handed out: a refused build records nothing.
 */
export async function aggregateWorkbook(call: Call, campaignId: string, writerOpts?: XlsxWriterOptions): Promise<WorkbookResult> {
  const { input, refs, filename, role, supervisedRoot } = await aggregateInput(call, campaignId);
  const { settings } = call.s;
  const { ledgers: _streamed, onStaff, ...lists } = input;
  const { bytes, stats } = await call.s.work.buildAggregate({
    storage: {
      connectionString: settings.STORAGE_CONNECTION_STRING,
      sealContainer: settings.SEAL_CONTAINER,
      timeoutMs: call.s.storage.timeoutMs,
    },
    refs,
    input: { ...lists, onStaff: [...onStaff] },
    writer: writerOpts,
  });
  await recordAccess(call, campaignId, { action: 'aggregate.download', role, ...campaignScope(role, supervisedRoot), names: 'full' });
  return { bytes, filename, stats: { ...stats, scope: role } };
}

/**
 * GET /campaigns/{c}/notice.xlsx (office only): the persons to be dismissed (拟处理意见 = 清退) of each
 * unit's current version. Names are masked unless `fullNames` (query `names=full`); ID numbers always are.
 */
export async function noticeWorkbook(
  call: Call,
  campaignId: string,
  fullNames: boolean,
): Promise<{ bytes: Uint8Array; filename: string; persons: number }> {
  const { dir, actor } = await loadDirectory(call, campaignId);
  authorizeCampaign(routes.notice.auth, actor, dir);
  const [states] = await Promise.all([
    call.s.submissions.listStates(campaignId),
    recordAccess(call, campaignId, {
      action: 'notice.download',
      role: 'office',
      scope: 'campaign',
      unitId: null,
      names: fullNames ? 'full' : 'masked',
    }),
  ]);
  const order = unitOrder(dir, new Set(dir.units.keys()));
  const rank = new Map(order.map((id, i) => [id, i]));
  const sorted = states.filter((s) => dir.units.has(s.unitId)).sort((a, b) => rank.get(a.unitId)! - rank.get(b.unitId)!);
  async function* units(): AsyncGenerator<NoticeUnit> {
    for await (const ul of readLedgers(
      call.s.rows,
      campaignId,
      refsOf(sorted, () => true),
    )) {
      const u = dir.units.get(ul.unitId)!;
      yield {
        unitId: u.unitId,
        name: u.name,
        parentName: u.parentId ? (dir.units.get(u.parentId)?.name ?? null) : null,
        ledger: ul.ledger,
      };
    }
  }
  const today = chinaDay(call.now);
  const { bytes, value: persons } = await collectXlsxAsync((w) =>
    writeNotice(units(), { fullNames, title: dir.campaign.title, asOf: today }, w),
  );
  return { bytes, filename: `${campaignId}-公示名单-${today}.xlsx`, persons };
}
