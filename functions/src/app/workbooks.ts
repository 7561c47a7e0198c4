// Use cases of the desk's workbooks (office and supervisors): the aggregated workbook and the public notice.
import { routes } from '../../../shared/api/contract';
import type { Call, Services } from '../services';
import type { Directory, UnitState } from '../storage';
import { authorizeCampaign } from '../domain/access';
import { campaignScope, recordAccess } from './accessLog';
import { underReportsOf } from '../domain/verification';
import { campaignLeads, suspectedRows } from './leads';
import { chinaDay } from '../domain/time';
import { writeAggregate, type AggregateInput, type AggregateStats, type DeskUnit, type UnitLedger } from '../documents/aggregate';
import { writeNotice, type NoticeUnit } from '../documents/notice';
import { XlsxStreamWriter, type XlsxWriterOptions } from '../../../shared/node/xlsxWriter';
import { loadDirectory } from './context';
import { progress } from './progress';

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
      s.rows
        .read(campaignId, st.unitId, st.latest.submissionId, { validate: false })
        .then(({ ledger, issues }) => ({ unitId: st.unitId, version: st.latestVersion, ledger, issues, inScope: inScope(st.unitId) })),
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
export async function aggregateInput(
  call: Call,
  campaignId: string,
): Promise<{ input: AggregateInput; filename: string; role: 'office' | 'supervisor'; supervisedRoot: string | null }> {
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
  // In-scope units first in display order, then the rest (read only for the cross-unit check).
  const sorted = states
    .filter((st) => dir.units.has(st.unitId))
    .sort((a, b) => (rank.get(a.unitId) ?? 1e9) - (rank.get(b.unitId) ?? 1e9) || (a.unitId < b.unitId ? -1 : 1));
  const supervisedRoot = role === 'office' ? null : (actor.memberships.find((m) => m.role === 'supervisor')?.unitId ?? null);
  const scopeTag = role === 'office' ? '' : `-${supervisedRoot ?? 'supervisor'}`;
  return {
    role,
    supervisedRoot,
    filename: `${campaignId}${scopeTag}-汇总-${prog.asOf}.xlsx`,
    input: {
      campaignId,
      title: dir.campaign.title,
      asOf: prog.asOf,
      units,
      ledgers: readCurrentLedgers(call.s, campaignId, sorted, (id) => visible.has(id)),
      onStaff,
      underReports: verifications.filter((v) => visible.has(v.unitId)).flatMap(underReportsOf),
      suspected: leads ? suspectedRows(leads.result, verifications).filter((r) => visible.has(r.unitId)) : [],
    },
  };
}

/**
 * GET /campaigns/{c}/aggregate.xlsx. The workbook is generated as ledgers are read; the finished bytes
 * (compressed, ~15 MB for 100,000 persons) are returned whole, so a storage failure halfway gives a
 * clean error response instead of a truncated download.
 */
export async function aggregateWorkbook(call: Call, campaignId: string, writerOpts?: XlsxWriterOptions): Promise<WorkbookResult> {
  const { input, filename, role, supervisedRoot } = await aggregateInput(call, campaignId);
  await recordAccess(call, campaignId, { action: 'aggregate.download', role, ...campaignScope(role, supervisedRoot), names: 'full' });
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
    for await (const ul of readCurrentLedgers(call.s, campaignId, sorted, () => true)) {
      const u = dir.units.get(ul.unitId)!;
      yield {
        unitId: u.unitId,
        name: u.name,
        parentName: u.parentId ? (dir.units.get(u.parentId)?.name ?? null) : null,
        ledger: ul.ledger,
      };
    }
  }
  const parts: Uint8Array[] = [];
  const writer = new XlsxStreamWriter((c) => parts.push(c));
  const today = chinaDay(call.now);
  const persons = await writeNotice(units(), { fullNames, title: dir.campaign.title, asOf: today }, writer);
  writer.finish();
  return { bytes: concat(parts), filename: `${campaignId}-公示名单-${today}.xlsx`, persons };
}
