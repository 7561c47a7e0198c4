// Which cells carry which mark, kept up to date from the checker's issue deltas, and the plan of
// conditional-format changes (remove / add) that brings the workbook in line. Pure, no Office.
import type { Issue } from '../../../shared/ledger/schema';
import { SEVERITIES, type Severity } from '../../../shared/rules/catalogue';
import type { AppliedMark, MarkChunk } from '../host/types';
import { chunkAddresses, compressCells, parseCell } from './a1';

const COLS = 16384;
const RANK: Record<Severity, number> = { error: 0, warning: 1, finding: 2 };
type Key = string; // `${sheet}|${severity}`

export class MarkBook {
  /** sheet → cell number (row * COLS + col) → issue count per severity. */
  private counts = new Map<string, Map<number, [number, number, number]>>();
  /** sheet|severity → cells whose strongest severity is that one. */
  private cells = new Map<Key, Set<number>>();
  private applied = new Map<Key, AppliedMark[]>();
  private stale: AppliedMark[] = [];
  private dirty = new Set<Key>();

  constructor(private maxChars = 2000) {}

  /** Forget everything (a full check follows); marks already in the workbook stay scheduled for removal. */
  reset(issues: Issue[]): void {
    for (const list of this.applied.values()) this.stale.push(...list);
    this.applied.clear();
    this.counts.clear();
    this.cells.clear();
    this.dirty.clear();
    this.update(issues, []);
  }

  /** Our formats found in the workbook that this book does not know: removed with the next plan. */
  adoptStale(marks: { sheet: string; id: string }[]): void {
    const known = new Set([...this.stale, ...this.appliedMarks()].map((m) => m.id));
    for (const m of marks) if (!known.has(m.id)) this.stale.push({ sheet: m.sheet, id: m.id, severity: 'error', address: '' });
  }

  update(added: Issue[], removed: Issue[]): void {
    for (const i of removed) this.count(i, -1);
    for (const i of added) this.count(i, +1);
  }

  private count(issue: Issue, d: 1 | -1): void {
    if (!issue.sheet || !issue.cell) return;
    const p = parseCell(issue.cell);
    if (!p) return;
    const n = p.row * COLS + p.col;
    let sheetCounts = this.counts.get(issue.sheet);
    if (!sheetCounts) this.counts.set(issue.sheet, (sheetCounts = new Map()));
    let c = sheetCounts.get(n);
    const before = c ? strongest(c) : null;
    if (!c) sheetCounts.set(n, (c = [0, 0, 0]));
    c[RANK[issue.severity]] = Math.max(0, c[RANK[issue.severity]] + d);
    const after = strongest(c);
    if (after === null) sheetCounts.delete(n);
    if (before === after) return;
    if (before) {
      this.set(issue.sheet, before).delete(n);
      this.dirty.add(`${issue.sheet}|${before}`);
    }
    if (after) {
      this.set(issue.sheet, after).add(n);
      this.dirty.add(`${issue.sheet}|${after}`);
    }
  }

  private set(sheet: string, s: Severity): Set<number> {
    const k = `${sheet}|${s}`;
    let set = this.cells.get(k);
    if (!set) this.cells.set(k, (set = new Set()));
    return set;
  }

  /** Number of cells currently marked with a severity on a sheet. */
  marked(sheet: string, s: Severity): number {
    return this.cells.get(`${sheet}|${s}`)?.size ?? 0;
  }

  /** The conditional-format changes needed: only chunks whose address changed are replaced. */
  plan(): { remove: AppliedMark[]; add: MarkChunk[] } {
    const remove: AppliedMark[] = [...this.stale];
    const add: MarkChunk[] = [];
    for (const k of this.dirty) {
      const bar = k.lastIndexOf('|');
      const sheet = k.slice(0, bar);
      const severity = k.slice(bar + 1) as Severity;
      const set = this.cells.get(k) ?? new Set<number>();
      const wanted = chunkAddresses(compressCells([...set].map((n) => ({ row: Math.floor(n / COLS), col: n % COLS }))), this.maxChars);
      const have = this.applied.get(k) ?? [];
      const haveAddr = new Set(have.map((m) => m.address));
      const wantAddr = new Set(wanted);
      for (const m of have) if (!wantAddr.has(m.address)) remove.push(m);
      for (const a of wanted) if (!haveAddr.has(a)) add.push({ sheet, severity, address: a });
    }
    return { remove, add };
  }

  /** Record what applyMarks did for a plan. */
  commit(plan: { remove: AppliedMark[] }, added: AppliedMark[]): void {
    const gone = new Set(plan.remove.map((m) => m.id));
    this.stale = this.stale.filter((m) => !gone.has(m.id));
    for (const [k, list] of this.applied)
      this.applied.set(
        k,
        list.filter((m) => !gone.has(m.id)),
      );
    for (const m of added) {
      const k = `${m.sheet}|${m.severity}`;
      this.applied.set(k, [...(this.applied.get(k) ?? []), m]);
    }
    this.dirty.clear();
  }

  /** Marks in the workbook now, by sheet and severity (for tests and the pane). */
  appliedMarks(): AppliedMark[] {
    return [...this.applied.values()].flat();
  }
}

function strongest(c: [number, number, number]): Severity | null {
  for (const s of SEVERITIES) if (c[RANK[s]] > 0) return s;
  return null;
}
