// The live check: a full check when the pane opens, then on every edit or paste only the changed
// rows are read and re-checked (LedgerChecker) and the marks updated — one sync to read, one to mark.
import { parseLedger, parseRosterRow, parseUnitSheet } from '../../../shared/ledger/parse';
import type { CheckResult, Issue, Ledger, LedgerRow, RosterSheet, UnitSheet } from '../../../shared/ledger/schema';
import { LedgerChecker, type IssueDelta } from '../../../shared/rules/engine';
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION } from '../../../shared/template/definition';
import { ledgerDigest } from '../../../shared/ledger/canonical';
import { todayInChina } from '../../../shared/dates';
import type {
  LedgerSession,
  LedgerSnapshot,
  SheetChange,
  SpreadsheetHost,
  SubmissionBody,
  TemplateState,
  WorkbookProbe,
} from '../host/types';
import { sameRow, sameUnit } from './compare';
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
  /** Reference date of the check; default today in China, as the server checks on receipt (ledger-template.md). */
  asOf?: string;
  maxMarkChars?: number;
}

type CheckKind = 'open' | 'recheck' | 'reconcile';

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
  private reconcileQueued = false;
  private timer: ReturnType<typeof setInterval> | null = null;
  private cachedResult: { revision: number; result: CheckResult } | null = null;

  constructor(
    private host: SpreadsheetHost,
    private opts: SessionOptions = {},
  ) {
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
    if (this.host.liveSupported && !this.host.liveSupported()) {
      this.set({ phase: 'unsupported', busy: false, error: null }, true);
      return Promise.resolve();
    }
    return this.enqueue(() => this.fullCheck('open'));
  }

  /** A full re-read and re-check on demand (and before submitting). */
  recheck(): Promise<void> {
    return this.enqueue(() => this.fullCheck('recheck'));
  }

  /**
   * Re-reads the ledger and brings the check and the marks in line with it, changing only what
   * differs. Excel on the web fires no onChanged for some edits (dropdown picks, some fills), so this
   * runs when a ledger sheet is activated and periodically (`every`); at most one is queued at a time.
   */
  reconcile(): Promise<void> {
    if (this.snap.phase !== 'ready' || this.reconcileQueued) return this.chain;
    this.reconcileQueued = true;
    return this.enqueue(() => {
      this.reconcileQueued = false;
      return this.fullCheck('reconcile');
    }).catch(() => undefined);
  }

  /** Reconciles every `ms` milliseconds until `stop()`; the pane calls it while it is open. */
  every(ms: number): () => void {
    this.stop();
    const timer = setInterval(() => void this.reconcile(), ms);
    this.timer = timer;
    return () => this.stop();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Called from the onChanged handlers; coalesces edits that arrive while a check runs. */
  notify(change: SheetChange): void {
    const p = this.pending;
    if (change.sheet === SHEET_UNIT) p.unit = true;
    else if (change.sheet === SHEET_ROSTER) {
      // No roster, or no header row yet (null): any edit may create the header, so re-read everything.
      const headerRow = this.roster?.headerRow ?? Infinity;
      if (!EDIT_TYPES.has(change.changeType))
        p.full = true; // rows/columns shifted
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

  private async fullCheck(kind: CheckKind): Promise<void> {
    const dropped = this.pending;
    this.pending = { full: false, unit: false, rows: [] };
    try {
      await this.readAndCheck(kind);
    } catch (e) {
      this.requeue(dropped);
      throw e;
    }
  }

  private async readAndCheck(kind: CheckKind): Promise<void> {
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
        this.set(
          { phase: 'ready', template, templateVersion: null, error: null, busy: false },
          kind !== 'reconcile' || this.snap.template !== 'missing',
        );
        return;
      }
      const read = await ops.readLedgerSheets({ unit: probe.hasUnitSheet, roster: probe.hasRosterSheet });
      const ledger = parseLedger({ sheets: read.sheets, templateVersion: probe.templateVersion });
      const mapped = Object.values(ledger.roster?.columns ?? {}) as number[];
      this.rosterWidth = Math.max(read.rosterWidth, ...mapped.map((c) => c + 1), 1);
      const present = [SHEET_UNIT, SHEET_ROSTER].filter((s) => probe.sheetNames.includes(s));
      const changed = kind === 'reconcile' && this.checker ? this.catchUp(ledger) : this.rebuild(ledger);
      // Our formats the book does not know (left by an earlier session, or written by a batch that
      // failed half-way) are removed: a mark is never left behind.
      this.marks.adoptStale(await ops.findOwnMarks(present));
      const plan = this.marks.plan();
      this.marks.commit(plan, await ops.applyMarks(plan.remove, plan.add));
      const toWatch = present.filter((s) => !this.watching.has(s));
      if (toWatch.length) {
        await ops.watch(
          toWatch,
          (c) => this.notify(c),
          () => void this.reconcile(),
        );
        toWatch.forEach((s) => this.watching.add(s));
      }
      const bump = changed || plan.remove.length > 0 || plan.add.length > 0 || kind !== 'reconcile';
      this.set({ phase: 'ready', template, templateVersion: probe.templateVersion, error: null, busy: this.hasPending() }, bump);
    });
  }

  private async drain(): Promise<void> {
    const p = this.pending;
    if (!p.full && !p.unit && p.rows.length === 0) return;
    if (p.full || !this.checker || (p.rows.length && (!this.roster || this.roster.headerRow === null))) return this.fullCheck('recheck');
    this.pending = { full: false, unit: false, rows: [] };
    try {
      await this.checkEdits(p);
    } catch (e) {
      this.requeue(p); // never drop an edit: the next edit, activation or periodic check takes it up
      throw e;
    }
    this.set({ busy: this.hasPending(), error: null }, true);
  }

  private requeue(p: Pending): void {
    this.pending.full ||= p.full;
    this.pending.unit ||= p.unit;
    this.pending.rows.push(...p.rows);
  }

  /** The edit path: the changed rows read in one round trip, the marks written in one. */
  private async checkEdits(p: Pending): Promise<void> {
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
  }

  /** A fresh check of `ledger` (open, recheck, or the sheet's structure changed). */
  private rebuild(ledger: Ledger): boolean {
    this.unit = ledger.unit;
    this.roster = ledger.roster ? { headerRow: ledger.roster.headerRow, columns: ledger.roster.columns } : null;
    this.rows = new Map((ledger.roster?.rows ?? []).map((r) => [r.row, r]));
    this.checker = new LedgerChecker(ledger, { asOf: this.opts.asOf ?? todayInChina() });
    this.marks.reset(this.checker.result().issues);
    return true;
  }

  /** Feeds the checker only the rows (and unit facts) that differ from what it has; true when any did. */
  private catchUp(ledger: Ledger): boolean {
    const roster = ledger.roster;
    const sameShape =
      (roster === null) === (this.roster === null) &&
      (!roster || (roster.headerRow === this.roster!.headerRow && JSON.stringify(roster.columns) === JSON.stringify(this.roster!.columns)));
    if (!sameShape) return this.rebuild(ledger);
    const checker = this.checker!;
    const deltas: IssueDelta[] = [];
    if (!sameUnit(this.unit, ledger.unit)) {
      this.unit = ledger.unit;
      if (ledger.unit) deltas.push(checker.updateUnit(ledger.unit));
      else return this.rebuild(ledger);
    }
    const fresh = new Map((roster?.rows ?? []).map((r) => [r.row, r]));
    for (const n of new Set([...this.rows.keys(), ...fresh.keys()])) {
      const now = fresh.get(n) ?? null;
      if (sameRow(this.rows.get(n) ?? null, now)) continue;
      if (now) this.rows.set(n, now);
      else this.rows.delete(n);
      deltas.push(checker.updateRow(n, now));
    }
    for (const d of deltas) this.marks.update(d.added, d.removed);
    return deltas.length > 0;
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
