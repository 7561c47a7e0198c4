// The part of the Office JavaScript API the add-in uses, over WorkbookModel, with the real batching
// semantics: calls queue commands, `context.sync()` runs them in order, properties can only be read
// after they were loaded and synced, a failing command rejects the sync (earlier ones stay applied).
// Long (~750 lines): one proxy class per Office object the pane touches (workbook, worksheets, ranges,
// conditional formats, names, settings, events), each a thin command queue over the model; split apart
// they would have to export the queue's internals to each other.
import { unzipSync } from 'fflate';
import { fromBase64 } from '../../../shared/base64';
import { dateToExcelSerial } from '../../../shared/dates';
import { readWorkbook } from '../../../shared/xlsx/read';
import {
  WorkbookModel,
  parseArea,
  parseAreas,
  formatRect,
  type CfModel,
  type ChartModel,
  type Rect,
  type SheetModel,
  type ChangedHandler,
} from './model';

export class DoubleOfficeError extends Error {
  constructor(
    public code: string,
    message: string,
    public debugInfo: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'RichApi.Error';
  }
}
const notLoaded = (prop: string) =>
  new DoubleOfficeError(
    'PropertyNotLoaded',
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
const notFound = (what: string) => new DoubleOfficeError('ItemNotFound', `The requested resource doesn't exist. (${what})`);

type Op = () => void;

/** Throws ApiNotFound, as a host without the requirement set answers, when `version` is missing. */
function requireApi(ctx: RequestContext, version: string, what: string): void {
  if (!ctx.model.supports(version))
    throw new DoubleOfficeError(
      'ApiNotFound',
      `The API you are trying to use could not be found. It may be available in a newer version of Excel. (${what}: ExcelApi ${version})`,
    );
}
/** Excel on the web caps a request at 5 MB. */
const WEB_REQUEST_LIMIT = 5 * 1024 * 1024;

export class RequestContext {
  /** Set by Excel.run({ delayForCellEdit: true }): syncs wait for the user to leave cell-edit mode. */
  delayForCellEdit = false;
  readonly workbook: Workbook;
  readonly runtime: Runtime;
  readonly trackedObjects = { add() {}, remove() {} };
  /** Syncs made through this context. */
  syncs = 0;
  private queue: Op[] = [];
  constructor(readonly model: WorkbookModel) {
    this.workbook = new Workbook(this);
    this.runtime = new Runtime(this);
  }
  get pending(): number {
    return this.queue.length;
  }
  enqueue(op: Op): void {
    this.queue.push(op);
  }
  async sync(): Promise<void> {
    this.syncs++;
    this.model.stats.syncs++;
    if (this.model.cellEditing) {
      if (!this.delayForCellEdit) {
        this.queue = [];
        throw new DoubleOfficeError(
          'InvalidOperationInCellEditMode',
          'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
        );
      }
      await this.model.untilCellEditEnds();
    }
    const ops = this.queue;
    this.queue = [];
    await Promise.resolve();
    for (const op of ops) op(); // throws → rejects this sync; the rest of the batch is dropped
  }
}

/** A proxy whose target is found when its first command runs (in queue order). */
abstract class ClientObject<T> {
  private _resolved = false;
  private _value: T | null = null;
  protected loadedProps: Record<string, unknown> | null = null;
  constructor(
    readonly context: RequestContext,
    private resolver: () => T | null,
    private nullable = false,
  ) {}
  protected target(): T {
    if (!this._resolved) {
      this._value = this.resolver();
      this._resolved = true;
    }
    if (this._value === null)
      throw this.nullable ? new DoubleOfficeError('InvalidOperation', 'The object is a null object.') : notFound(this.constructor.name);
    return this._value;
  }
  protected tryTarget(): T | null {
    if (!this._resolved) {
      this._value = this.resolver();
      this._resolved = true;
    }
    return this._value;
  }
  get isNullObject(): boolean {
    if (!this.loadedProps) throw notLoaded('isNullObject');
    return this._value === null;
  }
  protected abstract read(props: string[]): Record<string, unknown>;
  load(props?: string | string[] | Record<string, unknown>): this {
    const list = typeof props === 'string' ? props.split(',').map((p) => p.trim()) : Array.isArray(props) ? props : [];
    this.context.enqueue(() => {
      const t = this.nullable ? this.tryTarget() : this.target();
      this.loadedProps = { ...(this.loadedProps ?? {}), ...(t === null ? {} : this.read(list)) };
    });
    return this;
  }
  protected prop<V>(name: string): V {
    if (!this.loadedProps || !(name in this.loadedProps)) throw notLoaded(name);
    return this.loadedProps[name] as V;
  }
  protected later(op: (t: T) => void): void {
    this.context.enqueue(() => op(this.target()));
  }
  toJSON() {
    return this.loadedProps;
  }
}

class Runtime {
  constructor(private ctx: RequestContext) {}
  set enableEvents(v: boolean) {
    this.ctx.enqueue(() => {
      requireApi(this.ctx, '1.8', 'runtime.enableEvents');
      this.ctx.model.enableEvents = v;
    });
  }
  get enableEvents(): boolean {
    return this.ctx.model.enableEvents;
  }
  load() {
    return this;
  }
}

class ClientResult<V> {
  private v: V | undefined;
  private done = false;
  set(v: V) {
    this.v = v;
    this.done = true;
  }
  get value(): V {
    if (!this.done) throw notLoaded('value');
    return this.v as V;
  }
}

export class Workbook {
  readonly worksheets: WorksheetCollection;
  readonly names: NamedItemCollection;
  constructor(private ctx: RequestContext) {
    this.worksheets = new WorksheetCollection(ctx);
    this.names = new NamedItemCollection(ctx);
  }
  insertWorksheetsFromBase64(base64: string, options?: { positionType?: string }): ClientResult<string[]> {
    const result = new ClientResult<string[]>();
    this.ctx.enqueue(() => {
      requireApi(this.ctx, '1.13', 'insertWorksheetsFromBase64');
      const m0 = this.ctx.model;
      if (m0.platform === 'OfficeOnline' && base64.length > WEB_REQUEST_LIMIT)
        throw new DoubleOfficeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
      const bytes = fromBase64(base64);
      if (m0.platform === 'OfficeOnline' && hasChartsOrComments(bytes))
        throw new DoubleOfficeError(
          'UnsupportedFeature',
          'The operation failed because the source worksheet contains one or more unsupported features.',
        );
      const wb = readWorkbook(bytes);
      const m = this.ctx.model;
      let at = options?.positionType === 'Beginning' ? 0 : m.sheets.length;
      const ids: string[] = [];
      for (const name of wb.sheetNames) {
        const s = m.addSheet(name, at++);
        (wb.sheets[name] ?? []).forEach((row, r) => row?.forEach((v, c) => m.set(s, r, c, toExcelValue(v))));
        ids.push(s.id);
      }
      // Defined names are not carried over (not guaranteed by Excel either): the add-in restores its own.
      result.set(ids);
    });
    return result;
  }
}

/** What Excel's `values` gives for a cell: dates as serial numbers, empty as ''. */
function toExcelValue(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return dateToExcelSerial(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  return String(v);
}

/** Whether an .xlsx holds charts or comments (parts Excel on the web refuses to insert). */
function hasChartsOrComments(bytes: Uint8Array): boolean {
  let found = false;
  unzipSync(bytes, {
    filter: (f) => {
      if (/^xl\/(charts\/|comments|threadedComments\/)/.test(f.name)) found = true;
      return false; // list the entries only, inflate nothing
    },
  });
  return found;
}

class WorksheetCollection extends ClientObject<WorkbookModel> {
  private _items: Worksheet[] | null = null;
  constructor(ctx: RequestContext) {
    super(ctx, () => ctx.model);
  }
  protected read(props: string[]) {
    if (props.some((p) => p.startsWith('items'))) {
      this._items = this.target().sheets.map((s) => {
        const w = new Worksheet(this.context, () => s);
        w.prime(s);
        return w;
      });
    }
    return { items: true };
  }
  get items(): Worksheet[] {
    if (!this._items) throw notLoaded('items');
    return this._items;
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.context, () => this.context.model.sheet(name) ?? null);
  }
  getItemOrNullObject(name: string): Worksheet {
    return new Worksheet(this.context, () => this.context.model.sheet(name) ?? null, true);
  }
  /** (desk) A new sheet at the end. */
  add(name?: string): Worksheet {
    let added: SheetModel | null = null;
    this.context.enqueue(() => {
      added = this.context.model.addSheet(name ?? `Sheet${this.context.model.sheets.length + 1}`);
    });
    return new Worksheet(this.context, () => added);
  }
}

class EventSlot {
  constructor(
    private ws: Worksheet,
    private kind: 'handlers' | 'activatedHandlers',
    private version: string,
  ) {}
  add(handler: ChangedHandler) {
    const ctx = this.ws.context;
    let sheetId: string | null = null;
    this.ws.queue((s) => {
      requireApi(ctx, this.version, this.kind === 'handlers' ? 'onChanged' : 'onActivated');
      sheetId = s.id;
      const map = ctx.model[this.kind];
      let set = map.get(s.id);
      if (!set) map.set(s.id, (set = new Set()));
      set.add(handler);
    });
    return {
      context: ctx,
      remove: () => ctx.enqueue(() => sheetId && ctx.model[this.kind].get(sheetId)?.delete(handler)),
    };
  }
}

export class Worksheet extends ClientObject<SheetModel> {
  readonly onChanged = new EventSlot(this, 'handlers', '1.7');
  readonly onActivated = new EventSlot(this, 'activatedHandlers', '1.7');
  prime(s: SheetModel) {
    this.loadedProps = { name: s.name, id: s.id };
  }
  queue(op: (s: SheetModel) => void) {
    this.later(op);
  }
  protected read() {
    const s = this.target();
    return { name: s.name, id: s.id };
  }
  get name(): string {
    return this.prop('name');
  }
  set name(v: string) {
    this.later((s) => {
      if (this.context.model.sheets.some((o) => o !== s && o.name === v))
        throw new DoubleOfficeError('ItemAlreadyExists', `A sheet named ${v} exists.`);
      s.name = v;
    });
  }
  get id(): string {
    return this.prop('id');
  }
  delete(): void {
    this.later((s) => {
      const m = this.context.model;
      if (m.sheets.length === 1) throw new DoubleOfficeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      m.sheets = m.sheets.filter((o) => o !== s);
    });
  }
  activate(): void {
    this.later((s) => {
      this.context.model.activeSheet = s.name;
    });
  }
  getRange(address?: string): Range {
    return new Range(this.context, () => {
      const s = this.target();
      if (!address) return { sheet: s, rect: { r0: 0, c0: 0, r1: 1048575, c1: 16383 } };
      const rect = parseArea(address);
      if (!rect)
        throw new DoubleOfficeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${address})`);
      return { sheet: s, rect };
    });
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): Range {
    return new Range(this.context, () => {
      if (rows < 1 || cols < 1) throw new DoubleOfficeError('InvalidArgument', 'rowCount and columnCount must be positive');
      return { sheet: this.target(), rect: { r0: row, c0: col, r1: row + rows - 1, c1: col + cols - 1 } };
    });
  }
  getUsedRange(valuesOnly?: boolean): Range {
    void valuesOnly;
    return new Range(this.context, () => {
      const s = this.target();
      return { sheet: s, rect: this.context.model.usedRect(s) ?? { r0: 0, c0: 0, r1: 0, c1: 0 } };
    });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): Range {
    void valuesOnly;
    return new Range(
      this.context,
      () => {
        const s = this.target();
        const rect = this.context.model.usedRect(s);
        return rect ? { sheet: s, rect } : null;
      },
      true,
    );
  }
  /** (desk) Native charts: recorded on the sheet model for inspection. */
  get charts() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const ws = this;
    return {
      add(type: string, source: Range, seriesBy = 'Auto') {
        let chart: ChartModel | null = null;
        ws.queue((s) => {
          const t = source.target();
          chart = { type, source: formatRect(t.rect), seriesBy, title: '', position: null };
          (s.charts ??= []).push(chart);
        });
        return {
          title: {
            set text(v: string) {
              ws.context.enqueue(() => chart && (chart.title = v));
            },
          },
          setPosition(start: string, end?: string) {
            ws.context.enqueue(() => chart && (chart.position = end ? `${start}:${end}` : start));
          },
        };
      },
    };
  }
  getRanges(address: string): RangeAreas {
    return new RangeAreas(this.context, () => {
      requireApi(this.context, '1.9', 'getRanges');
      const rects = parseAreas(address);
      if (rects.length === 0) throw new DoubleOfficeError('InvalidArgument', `bad address ${address}`);
      return { sheet: this.target(), rects };
    });
  }
}

interface RangeTarget {
  sheet: SheetModel;
  rect: Rect;
}

export class Range extends ClientObject<RangeTarget> {
  readonly conditionalFormats: ConditionalFormatCollection;
  constructor(ctx: RequestContext, resolver: () => RangeTarget | null, nullable = false) {
    super(ctx, resolver, nullable);
    this.conditionalFormats = new ConditionalFormatCollection(ctx, () => {
      const t = this.target();
      return { sheet: t.sheet, rects: [t.rect] };
    });
  }
  protected read(props: string[]) {
    const { sheet, rect } = this.target();
    const all = props.length === 0;
    const out: Record<string, unknown> = {
      rowIndex: rect.r0,
      columnIndex: rect.c0,
      rowCount: rect.r1 - rect.r0 + 1,
      columnCount: rect.c1 - rect.c0 + 1,
      address: `${quote(sheet.name)}!${formatRect(rect)}`,
    };
    if (all || props.includes('values')) out.values = this.context.model.values(sheet, rect);
    return out;
  }
  get values(): unknown[][] {
    return this.prop('values');
  }
  set values(v: unknown[][]) {
    this.later(({ sheet, rect }) => {
      const m = this.context.model;
      v.forEach((row, i) => row.forEach((x, j) => m.set(sheet, rect.r0 + i, rect.c0 + j, x)));
      m.fireChanged(sheet, rect, 'RangeEdited', 'ThisLocalAddin');
    });
  }
  get rowIndex(): number {
    return this.prop('rowIndex');
  }
  get columnIndex(): number {
    return this.prop('columnIndex');
  }
  get rowCount(): number {
    return this.prop('rowCount');
  }
  get columnCount(): number {
    return this.prop('columnCount');
  }
  get address(): string {
    return this.prop('address');
  }
  getBoundingRect(other: Range | string): Range {
    return new Range(this.context, () => {
      const a = this.target();
      const b = typeof other === 'string' ? { rect: parseArea(other)! } : other.target();
      return {
        sheet: a.sheet,
        rect: {
          r0: Math.min(a.rect.r0, b.rect.r0),
          c0: Math.min(a.rect.c0, b.rect.c0),
          r1: Math.max(a.rect.r1, b.rect.r1),
          c1: Math.max(a.rect.c1, b.rect.c1),
        },
      };
    });
  }
  getIntersection(other: Range | string): Range {
    return new Range(this.context, () => {
      const a = this.target();
      const b = typeof other === 'string' ? { rect: parseArea(other)! } : other.target();
      const rect = {
        r0: Math.max(a.rect.r0, b.rect.r0),
        c0: Math.max(a.rect.c0, b.rect.c0),
        r1: Math.min(a.rect.r1, b.rect.r1),
        c1: Math.min(a.rect.c1, b.rect.c1),
      };
      if (rect.r0 > rect.r1 || rect.c0 > rect.c1) throw new DoubleOfficeError('ItemNotFound', 'The ranges do not intersect.');
      return { sheet: a.sheet, rect };
    });
  }
  /** (desk) Formatting the desk applies; no visible effect in the double. */
  get format() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const r = this;
    return {
      font: {
        set bold(_v: boolean) {
          r.later(() => {});
        },
      },
      autofitColumns() {
        r.later(() => {});
      },
    };
  }
  select(): void {
    this.later(({ sheet, rect }) => {
      this.context.model.selection = { sheet: sheet.name, address: formatRect(rect) };
      this.context.model.activeSheet = sheet.name;
    });
  }
  /** Exposed for getBoundingRect between proxies. */
  override target(): RangeTarget {
    return super.target();
  }
}

function quote(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

class RangeAreas extends ClientObject<{ sheet: SheetModel; rects: Rect[] }> {
  readonly conditionalFormats: ConditionalFormatCollection;
  constructor(ctx: RequestContext, resolver: () => { sheet: SheetModel; rects: Rect[] } | null) {
    super(ctx, resolver);
    this.conditionalFormats = new ConditionalFormatCollection(ctx, () => this.target());
  }
  protected read() {
    const t = this.target();
    return { address: t.rects.map(formatRect).join(','), areaCount: t.rects.length };
  }
  get address(): string {
    return this.prop('address');
  }
}

/** The format whose id (priority) is `id` now, or null. */
function byPriority(sheet: SheetModel, id: string): { sheet: SheetModel; cf: CfModel } | null {
  const cf = /^\d+$/.test(id) ? sheet.cfs[Number(id)] : undefined;
  return cf ? { sheet, cf } : null;
}

const intersects = (a: Rect, b: Rect) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

class ConditionalFormatCollection extends ClientObject<{ sheet: SheetModel; rects: Rect[] }> {
  private _items: ConditionalFormat[] | null = null;
  protected read(props: string[]) {
    const { sheet, rects } = this.target();
    const inScope = sheet.cfs.filter((cf) => cf.rects.some((r) => rects.some((s) => intersects(r, s))));
    if (props.some((p) => p.startsWith('items'))) {
      // An item is addressed by its id, i.e. its priority when loaded: if formats are added or deleted
      // before it is used, it points at whatever format holds that priority by then (as in Excel).
      this._items = inScope.map((cf) => {
        const id = String(sheet.cfs.indexOf(cf));
        const p = new ConditionalFormat(this.context, () => byPriority(sheet, id));
        p.prime(
          cf,
          id,
          props.some((x) => /^items\/(custom|customOrNullObject)\/rule\/formula$/.test(x)),
        );
        return p;
      });
    }
    return { count: inScope.length };
  }
  get items(): ConditionalFormat[] {
    if (!this._items) throw notLoaded('items');
    return this._items;
  }
  add(type: string): ConditionalFormat {
    if (type !== 'Custom') throw new DoubleOfficeError('NotImplemented', `the double only has custom formats (${type})`);
    let made: CfModel | null = null;
    const cf = new ConditionalFormat(this.context, () => {
      if (!made) throw new DoubleOfficeError('GeneralException', 'format not created');
      return { sheet: this.target().sheet, cf: made };
    });
    this.context.enqueue(() => {
      requireApi(this.context, '1.6', 'conditionalFormats.add');
      const { sheet, rects } = this.target();
      made = this.context.model.addCf(
        sheet,
        rects.map((r) => ({ ...r })),
      );
    });
    return cf;
  }
  private find(id: string) {
    const { sheet } = this.target();
    return byPriority(sheet, id);
  }
  getItem(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, () => this.find(id));
  }
  getItemOrNullObject(id: string): ConditionalFormat {
    return new ConditionalFormat(this.context, () => this.find(id), true);
  }
}

class ConditionalFormat extends ClientObject<{ sheet: SheetModel; cf: CfModel }> {
  get custom() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const me = this;
    return {
      rule: {
        set formula(v: string) {
          me.later(({ cf }) => (cf.formula = v));
        },
        get formula(): string {
          return me.prop('formula');
        },
        load: (p?: string) => {
          me.load(p ?? 'formula');
        },
      },
      format: {
        fill: {
          set color(v: string) {
            me.later(({ cf }) => (cf.fill = v));
          },
        },
        font: {
          set color(v: string) {
            me.later(({ cf }) => (cf.font = v));
          },
        },
      },
    };
  }
  prime(cf: CfModel, id: string, withFormula = false) {
    this.loadedProps = { id, type: cf.type, ...(withFormula ? { formula: cf.formula } : {}) };
  }
  /** ExcelApi 1.6: the custom format, a null object when the format is of another type. */
  get customOrNullObject() {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const me = this;
    return {
      get isNullObject(): boolean {
        return me.prop<string>('type') !== 'Custom';
      },
      rule: {
        get formula(): string {
          return me.prop('formula');
        },
      },
    };
  }
  protected read() {
    const { sheet, cf } = this.target();
    return { id: String(sheet.cfs.indexOf(cf)), type: cf.type, formula: cf.formula };
  }
  get id(): string {
    return this.prop('id');
  }
  get type(): string {
    return this.prop('type');
  }
  delete(): void {
    this.later(({ sheet, cf }) => {
      sheet.cfs = sheet.cfs.filter((c) => c !== cf);
    });
  }
}

class NamedItemCollection {
  constructor(private ctx: RequestContext) {}
  getItemOrNullObject(name: string): NamedItem {
    return new NamedItem(this.ctx, () => (this.ctx.model.names.has(name) ? name : null), true);
  }
  getItem(name: string): NamedItem {
    return new NamedItem(this.ctx, () => (this.ctx.model.names.has(name) ? name : null));
  }
  add(name: string, reference: Range | string, comment?: string): NamedItem {
    void comment;
    this.ctx.enqueue(() => {
      if (this.ctx.model.names.has(name)) throw new DoubleOfficeError('InvalidArgument', `name ${name} exists`);
      if (typeof reference === 'string') {
        const ref = reference.replace(/^=/, '');
        const i = ref.lastIndexOf('!');
        this.ctx.model.names.set(name, { sheet: ref.slice(0, i).replace(/^'(.*)'$/, '$1'), address: ref.slice(i + 1).replace(/\$/g, '') });
      } else {
        const t = reference.target();
        this.ctx.model.names.set(name, { sheet: t.sheet.name, address: formatRect(t.rect) });
      }
    });
    return this.getItem(name);
  }
}

class NamedItem extends ClientObject<string> {
  protected read() {
    const name = this.target();
    const ref = this.context.model.names.get(name)!;
    return { name, type: 'Range', value: `=${quote(ref.sheet)}!${ref.address}` };
  }
  get name(): string {
    return this.prop('name');
  }
  get type(): string {
    return this.prop('type');
  }
  get value(): string {
    return this.prop('value');
  }
  getRange(): Range {
    return new Range(this.context, () => {
      const ref = this.context.model.names.get(this.target())!;
      const sheet = this.context.model.sheet(ref.sheet);
      const rect = parseArea(ref.address);
      if (!sheet || !rect) throw notFound(`range of name ${this.target()}`);
      return { sheet, rect };
    });
  }
}

export interface OfficeGlobals {
  Excel: Record<string, unknown>;
  Office: Record<string, unknown>;
  OfficeExtension: Record<string, unknown>;
}

export function createOfficeGlobals(model: WorkbookModel, opts: { sso?: () => Promise<string> } = {}): OfficeGlobals {
  const Excel = {
    RequestContext: class extends RequestContext {
      constructor() {
        super(model);
      }
    },
    async run<T>(a: unknown, b?: unknown): Promise<T> {
      const fn = (typeof a === 'function' ? a : b) as (ctx: RequestContext) => Promise<T>;
      const ctx = new RequestContext(model);
      ctx.delayForCellEdit = typeof a === 'object' && a !== null && (a as { delayForCellEdit?: boolean }).delayForCellEdit === true;
      model.stats.batches++;
      const out = await fn(ctx);
      if (ctx.pending > 0) await ctx.sync(); // Excel.run flushes what is still queued
      return out;
    },
    ConditionalFormatType: { custom: 'Custom' },
    WorksheetPositionType: { beginning: 'Beginning', end: 'End' },
    ErrorCodes: { itemNotFound: 'ItemNotFound', invalidArgument: 'InvalidArgument' },
  };
  const info = {
    host: 'Excel',
    get platform() {
      return model.platform;
    },
  };
  const Office = {
    HostType: { Excel: 'Excel' },
    PlatformType: { OfficeOnline: 'OfficeOnline' },
    onReady(cb?: (i: typeof info) => void) {
      cb?.(info);
      return Promise.resolve(info);
    },
    context: {
      displayLanguage: 'zh-CN',
      get platform() {
        return model.platform;
      },
      requirements: {
        isSetSupported: (name: string, version?: string) => name === 'ExcelApi' && model.supports(version ?? '1.1'),
      },
      ui: {
        displayDialogAsync(_url: string, _o: unknown, cb?: (r: unknown) => void) {
          cb?.({ status: 'failed', error: { code: 12011, message: 'dialogs are not available in the test double' } });
        },
      },
    },
    auth: {
      getAccessToken: () =>
        opts.sso ? opts.sso() : Promise.reject(Object.assign(new Error('SSO is not supported in the test double.'), { code: 13012 })),
    },
  };
  const OfficeExtension = { Error: DoubleOfficeError, ErrorCodes: { propertyNotLoaded: 'PropertyNotLoaded' } };
  return { Excel, Office, OfficeExtension };
}
