// The live check: a full check when the pane opens, then on every edit or paste only the changed
// rows are read and re-checked (LedgerChecker) and the marks updated — one sync to read, one to mark.
import { parseLedger, parseRosterRow, parseUnitSheet } from '../../../shared/ledger/parse';
import type { CheckResult, Issue, Ledger, LedgerRow, RosterSheet, UnitSheet } from '../../../shared/ledger/schema';
import { LedgerChecker, type IssueDelta } from '../../../shared/rules/engine';
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION } from '../../../shared/template/definition';
import { ledgerDigest } from '../../../shared/ledger/canonical';
import type { LedgerSession, LedgerSnapshot, SheetChange, SpreadsheetHost, SubmissionBody, TemplateState, WorkbookProbe } from '../host/types';
import { parseAreas } from './a1';
import { MarkBook } from './markbook';

export type { TemplateState } from '../host/types';
export type LiveSnapshot = LedgerSnapshot;

/** A range edit spanning more rows than this is handled as a full re-read. */
const MAX_INCREMENTAL_ROWS = 20_000;
const EDIT_TYPES = new Set(['RangeEdited', 'Unknown']);

interface Pending {
  full: boolean;
  unit: boolean;
  rows: { firstRow: number; lastRow: number }[];
}

export interface SessionOptions {
  asOf?: string;
  maxMarkChars?: number;
}

/** The live check over a spreadsheet host (Excel, WPS): see ../host/types.ts. */
export class LiveSession implements LedgerSession {
  private snap: LiveSnapshot = { phase: 'starting', template: null, templateVersion: null, busy: false, error: null, revision: 0 };
  private listeners = new Set<() => void>();
  private probe: WorkbookProbe | null = null;
  private checker: LedgerChecker | null = null;
  private unit: UnitSheet | null = null;
  private roster: Omit<RosterSheet, 'rows'> | null = null;
  private rows = new Map<number, LedgerRow>();
  private rosterWidth = 0;
  private marks: MarkBook;
  private watching = new Set<string>();
  private pending: Pending = { full: false, unit: false, rows: [] };
  private chain: Promise<void> = Promise.resolve();
  private cachedResult: { revision: number; result: CheckResult } | null = null;

  constructor(private host: SpreadsheetHost, private opts: SessionOptions = {}) {
    this.marks = new MarkBook(opts.maxMarkChars);
  }

  // ---- observation

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  snapshot(): LiveSnapshot {
    return this.snap;
  }
  private set(patch: Partial<LiveSnapshot>, bump = false): void {
    this.snap = { ...this.snap, ...patch, revision: this.snap.revision + (bump ? 1 : 0) };
    for (const fn of this.listeners) fn();
  }

  /** The current check result (computed on demand, cached per revision); null before a ledger was read. */
  result(): CheckResult | null {
    if (!this.checker) return null;
    if (this.cachedResult?.revision !== this.snap.revision) {
      this.cachedResult = { revision: this.snap.revision, result: this.checker.result() };
    }
    return this.cachedResult.result;
  }

  /** The ledger as last read (rows in worksheet order). */
  ledger(): Ledger {
    return {
      templateVersion: this.probe?.templateVersion ?? null,
      unit: this.unit,
      roster: this.roster ? { ...this.roster, rows: [...this.rows.values()].sort((a, b) => a.row - b.row) } : null,
    };
  }

  appliedMarks() {
    return this.marks.appliedMarks();
  }

  /** The ledger as last read, posted as JSON; call recheck() first so it is what the workbook holds now. */
  async submission(): Promise<{ body: SubmissionBody; digest: string }> {
    const ledger = this.ledger();
    return { body: { kind: 'ledger', ledger }, digest: await ledgerDigest(ledger) };
  }

  describeError(e: unknown): string {
    return this.host.describeError(e);
  }

  // ---- actions

  /** Probe the workbook, read and check everything, mark, and start watching edits. */
  open(): Promise<void> {
    return this.enqueue(() => this.fullCheck(true));
  }

  /** A full re-read and re-check on demand (and before submitting). */
  recheck(): Promise<void> {
    return this.enqueue(() => this.fullCheck(false));
  }

  /** Called from the onChanged handlers; coalesces edits that arrive while a check runs. */
  notify(change: SheetChange): void {
    const p = this.pending;
    if (change.sheet === SHEET_UNIT) p.unit = true;
    else if (change.sheet === SHEET_ROSTER) {
      // No roster, or no header row yet (null): any edit may create the header, so re-read everything.
      const headerRow = this.roster?.headerRow ?? Infinity;
      if (!EDIT_TYPES.has(change.changeType)) p.full = true; // rows/columns shifted
      else
        for (const r of parseAreas(change.address)) {
          if (r.r0 + 1 <= headerRow || r.r1 - r.r0 + 1 > MAX_INCREMENTAL_ROWS) p.full = true;
          else p.rows.push({ firstRow: r.r0 + 1, lastRow: r.r1 + 1 });
        }
    } else return;
    if (!this.snap.busy) this.set({ busy: true });
    void this.enqueue(() => this.drain());
  }

  /** Resolves when every queued edit has been checked and marked. */
  idle(): Promise<void> {
    return this.chain;
  }

  /** Selects an issue's cell; a failure (say the sheet was renamed meanwhile) is shown in the pane, not thrown. */
  async select(issue: Pick<Issue, 'sheet' | 'cell'>): Promise<void> {
    if (!issue.sheet || !issue.cell) return;
    try {
      await this.host.run((ops) => ops.select(issue.sheet!, issue.cell!));
    } catch (e) {
      this.set({ error: this.host.describeError(e) });
    }
  }

  // ---- internals

  private enqueue(task: () => Promise<void>): Promise<void> {
    const next = this.chain.then(task).catch((e: unknown) => {
      this.set({ phase: this.checker ? 'ready' : 'failed', error: this.host.describeError(e), busy: false });
      throw e;
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async fullCheck(first: boolean): Promise<void> {
    this.pending = { full: false, unit: false, rows: [] };
    await this.host.run(async (ops) => {
      const probe = await ops.probe();
      this.probe = probe;
      const template: TemplateState =
        !probe.hasUnitSheet && !probe.hasRosterSheet
          ? 'missing'
          : probe.templateVersion === null
            ? 'unversioned'
            : probe.templateVersion === TEMPLATE_VERSION
              ? 'standard'
              : 'outdated';
      if (template === 'missing') {
        this.checker = null;
        this.set({ phase: 'ready', template, templateVersion: null, error: null, busy: false }, true);
        return;
      }
      const read = await ops.readLedgerSheets({ unit: probe.hasUnitSheet, roster: probe.hasRosterSheet });
      const ledger = parseLedger({ sheets: read.sheets, templateVersion: probe.templateVersion });
      this.unit = ledger.unit;
      this.roster = ledger.roster ? { headerRow: ledger.roster.headerRow, columns: ledger.roster.columns } : null;
      this.rows = new Map((ledger.roster?.rows ?? []).map((r) => [r.row, r]));
      const mapped = Object.values(this.roster?.columns ?? {}) as number[];
      this.rosterWidth = Math.max(read.rosterWidth, ...mapped.map((c) => c + 1), 1);
      this.checker = new LedgerChecker(ledger, { asOf: this.opts.asOf });
      this.marks.reset(this.checker.result().issues);
      if (first) {
        const present = [SHEET_UNIT, SHEET_ROSTER].filter((s) => probe.sheetNames.includes(s));
        this.marks.adoptStale(await ops.findOwnMarks(present));
      }
      const plan = this.marks.plan();
      this.marks.commit(plan, await ops.applyMarks(plan.remove, plan.add));
      const toWatch = [SHEET_UNIT, SHEET_ROSTER].filter((s) => probe.sheetNames.includes(s) && !this.watching.has(s));
      if (toWatch.length) {
        await ops.watch(toWatch, (c) => this.notify(c));
        toWatch.forEach((s) => this.watching.add(s));
      }
      this.set({ phase: 'ready', template, templateVersion: probe.templateVersion, error: null, busy: false }, true);
    });
  }

  private async drain(): Promise<void> {
    const p = this.pending;
    this.pending = { full: false, unit: false, rows: [] };
    if (!p.full && !p.unit && p.rows.length === 0) return;
    if (p.full || !this.checker || (p.rows.length && (!this.roster || this.roster.headerRow === null))) return this.fullCheck(false);
    await this.host.run(async (ops) => {
      const read = await ops.readChanged(mergeBlocks(p.rows), this.rosterWidth, p.unit);
      const checker = this.checker!;
      const deltas: IssueDelta[] = [];
      if (read.unit) {
        this.unit = parseUnitSheet(read.unit);
        deltas.push(checker.updateUnit(this.unit));
      }
      const columns = this.roster?.columns ?? {};
      for (const { firstRow, values } of read.blocks) {
        for (let i = 0; i < values.length; i++) {
          const n = firstRow + i;
          const row = parseRosterRow(values[i], columns, n);
          if (row) this.rows.set(n, row);
          else if (!this.rows.delete(n)) continue; // empty before and after: nothing to tell the checker
          deltas.push(checker.updateRow(n, row));
        }
      }
      for (const d of deltas) this.marks.update(d.added, d.removed);
      const plan = this.marks.plan();
      this.marks.commit(plan, await ops.applyMarks(plan.remove, plan.add));
    });
    this.set({ busy: this.hasPending() }, true);
  }

  private hasPending(): boolean {
    return this.pending.full || this.pending.unit || this.pending.rows.length > 0;
  }
}

/** Overlapping or adjacent row blocks merged, sorted. */
export function mergeBlocks(blocks: { firstRow: number; lastRow: number }[]): { firstRow: number; lastRow: number }[] {
  const sorted = [...blocks].sort((a, b) => a.firstRow - b.firstRow);
  const out: { firstRow: number; lastRow: number }[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && b.firstRow <= last.lastRow + 1) last.lastRow = Math.max(last.lastRow, b.lastRow);
    else out.push({ ...b });
  }
  return out;
}
