// The WPS 表格 (ET) test double: an in-memory workbook behind the part of WPS's JS API (the VBA-like
// `Application` object model) the WPS host uses, written from WPS's documentation of ET's objects
// (Application, Workbook, Worksheets, Worksheet, Range, Names, FormatConditions, ApiEvent) and VBA's
// semantics they follow:
//   - every call is synchronous; collections are 1-based (`Item(1)`), a missing item throws;
//   - `Range.Value2` is a scalar for one cell and a 2-D array (rows of columns) for several; empty
//     cells read as undefined; dates are serial numbers;
//   - `Range.Address(false, false)` is "A1:B2" (areas joined by ","); whole rows read "5:6";
//   - `FormatConditions.Item(i)` is by position, and positions shift when a format is added (at the
//     end) or deleted; `Interior.Color` / `Font.Color` are BGR numbers (red = 0x0000FF);
//   - `Application.ApiEvent.AddApiEventListener('SheetChange', (sheet, target) => …)` fires after a
//     user edit unless `Application.EnableEvents` is false; 'SheetActivate' fires on a tab click.
// User actions (type, paste, clear, insert rows, a fill of their own) and inspection helpers let the
// live-checking tests drive it exactly as they drive the Excel double.
// Long (~490 lines): the ET objects (Application, Workbook, Worksheet, Range, FormatConditions, Comments,
// ApiEvent) share one in-memory model and its event queue; one file keeps that model private.
import { seedWorkbook } from '../doubles/seed';
import { formatRect, parseArea, parseAreas, type Rect } from '../../../addin/src/live/a1';

export type EtValue = string | number | boolean | undefined;

const MAX_ROW = 1048575;
const MAX_COL = 16383;

export class EtError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EtError';
  }
}

interface CfModel {
  formula: string;
  interior: number | null;
  font: number | null;
  rects: Rect[];
}

interface SheetModel {
  name: string;
  rows: Map<number, EtValue[]>;
  cfs: CfModel[];
  fills: Map<string, number>;
}

type Listener = (...args: unknown[]) => void;

/** '#FFC7CE' → BGR number as ET stores colours. */
export const bgr = (hex: string): number => {
  const n = parseInt(hex.replace('#', ''), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
};
/** BGR number → '#RRGGBB'. */
export const hexOfBgr = (c: number): string => {
  const r = c & 0xff,
    g = (c >> 8) & 0xff,
    b = (c >> 16) & 0xff;
  return `#${[r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('')}`.toUpperCase();
};

/** Our marks and user test formats use constant-TRUE formulas; the double evaluates just those. */
const evaluatesTrue = (f: string) => /^=(TRUE|N\(".*"\)=0)$/i.test(f.trim());

export class EtModel {
  sheets: SheetModel[] = [];
  names = new Map<string, { sheet: string; address: string }>();
  enableEvents = true;
  activeSheet: string | null = null;
  selection: { sheet: string; address: string } | null = null;
  listeners = new Map<string, Set<Listener>>();
  stats = { calls: 0, valueReads: 0, cellsRead: 0, eventsFired: 0, eventsSuppressed: 0 };

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name === name);
  }
  addSheet(name: string): SheetModel {
    const s: SheetModel = { name, rows: new Map(), cfs: [], fills: new Map() };
    this.sheets.push(s);
    return s;
  }
  get(s: SheetModel, r: number, c: number): EtValue {
    const v = s.rows.get(r)?.[c];
    return v === '' ? undefined : v;
  }
  set(s: SheetModel, r: number, c: number, v: unknown): void {
    const value: EtValue = v === null || v === undefined || v === '' ? undefined : typeof v === 'object' ? String(v) : (v as EtValue);
    let row = s.rows.get(r);
    if (!row) {
      if (value === undefined) return;
      s.rows.set(r, (row = []));
    }
    row[c] = value;
  }
  used(s: SheetModel): Rect | null {
    let r0 = Infinity,
      r1 = -1,
      c0 = Infinity,
      c1 = -1;
    for (const [r, row] of s.rows)
      row.forEach((v, c) => {
        if (v === undefined) return;
        r0 = Math.min(r0, r);
        r1 = Math.max(r1, r);
        c0 = Math.min(c0, c);
        c1 = Math.max(c1, c);
      });
    return r1 < 0 ? null : { r0, r1, c0, c1 };
  }
  fire(event: string, ...args: unknown[]): void {
    const ls = this.listeners.get(event);
    if (!ls?.size) return;
    if (!this.enableEvents) {
      this.stats.eventsSuppressed++;
      return;
    }
    for (const l of ls) {
      this.stats.eventsFired++;
      setTimeout(() => l(...args), 0);
    }
  }
  markFill(sheet: string, a1: string): string | null {
    const s = this.sheet(sheet);
    const p = parseArea(a1);
    if (!s || !p) return null;
    // ET applies formats in list order; the first true one with a fill shows.
    for (const cf of s.cfs) {
      if (cf.interior === null || !evaluatesTrue(cf.formula)) continue;
      if (cf.rects.some((r) => p.r0 >= r.r0 && p.r0 <= r.r1 && p.c0 >= r.c0 && p.c0 <= r.c1)) return hexOfBgr(cf.interior);
    }
    return null;
  }
}

const intersects = (a: Rect, b: Rect) => a.r0 <= b.r1 && b.r0 <= a.r1 && a.c0 <= b.c1 && b.c0 <= a.c1;

class EtFormatCondition {
  constructor(
    private sheet: SheetModel,
    private cf: CfModel,
  ) {}
  private live(): CfModel {
    if (!this.sheet.cfs.includes(this.cf)) throw new EtError('该条件格式已被删除。');
    return this.cf;
  }
  get Type(): number {
    return 2; // xlExpression
  }
  get Formula1(): string {
    return this.live().formula;
  }
  get Interior() {
    const cf = this.live();
    return {
      get Color() {
        return cf.interior ?? 0xffffff;
      },
      set Color(v: number) {
        cf.interior = v;
      },
    };
  }
  get Font() {
    const cf = this.live();
    return {
      get Color() {
        return cf.font ?? 0;
      },
      set Color(v: number) {
        cf.font = v;
      },
    };
  }
  Delete(): void {
    const i = this.sheet.cfs.indexOf(this.live());
    this.sheet.cfs.splice(i, 1);
  }
}

class EtFormatConditions {
  constructor(
    private model: EtModel,
    private sheet: SheetModel,
    private rects: Rect[],
  ) {}
  private inScope(): CfModel[] {
    return this.sheet.cfs.filter((cf) => cf.rects.some((r) => this.rects.some((s) => intersects(r, s))));
  }
  get Count(): number {
    return this.inScope().length;
  }
  /** 1-based position among the formats touching this range. */
  Item(i: number): EtFormatCondition {
    const cf = this.inScope()[i - 1];
    if (!cf) throw new EtError(`下标越界：FormatConditions.Item(${i})`);
    return new EtFormatCondition(this.sheet, cf);
  }
  Add(type: number, _operator?: unknown, formula1?: string): EtFormatCondition {
    this.model.stats.calls++;
    if (type !== 2) throw new EtError('测试替身只实现了公式条件格式（xlExpression）。');
    if (!formula1?.startsWith('=')) throw new EtError('公式无效。');
    const cf: CfModel = { formula: formula1, interior: null, font: null, rects: this.rects.map((r) => ({ ...r })) };
    this.sheet.cfs.push(cf); // added at the end: earlier positions stay, later deletes shift them
    return new EtFormatCondition(this.sheet, cf);
  }
}

export class EtRange {
  constructor(
    private model: EtModel,
    readonly sheetModel: SheetModel,
    readonly rects: Rect[],
  ) {}
  private get box(): Rect {
    return this.rects[0];
  }
  get Worksheet(): EtWorksheet {
    return new EtWorksheet(this.model, this.sheetModel);
  }
  get Row(): number {
    return this.box.r0 + 1;
  }
  get Column(): number {
    return this.box.c0 + 1;
  }
  get Rows() {
    return { Count: this.box.r1 - this.box.r0 + 1 };
  }
  get Columns() {
    return { Count: this.box.c1 - this.box.c0 + 1 };
  }
  get Areas() {
    return { Count: this.rects.length, Item: (i: number) => new EtRange(this.model, this.sheetModel, [this.rects[i - 1]]) };
  }
  Address(rowAbsolute = true, columnAbsolute = true): string {
    return this.rects
      .map((r) => {
        if (r.c0 === 0 && r.c1 === MAX_COL) return `${rowAbsolute ? '$' : ''}${r.r0 + 1}:${rowAbsolute ? '$' : ''}${r.r1 + 1}`;
        const a = formatRect(r);
        return rowAbsolute || columnAbsolute ? a.replace(/([A-Z]+)(\d+)/g, `${columnAbsolute ? '$' : ''}$1${rowAbsolute ? '$' : ''}$2`) : a;
      })
      .join(',');
  }
  get Value2(): EtValue | EtValue[][] {
    this.model.stats.calls++;
    this.model.stats.valueReads++;
    const b = this.box;
    this.model.stats.cellsRead += (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1);
    if (b.r0 === b.r1 && b.c0 === b.c1) return this.model.get(this.sheetModel, b.r0, b.c0);
    const out: EtValue[][] = [];
    for (let r = b.r0; r <= b.r1; r++) {
      const line: EtValue[] = [];
      for (let c = b.c0; c <= b.c1; c++) line.push(this.model.get(this.sheetModel, r, c));
      out.push(line);
    }
    return out;
  }
  set Value2(v: EtValue | EtValue[][]) {
    this.model.stats.calls++;
    const b = this.box;
    const rows = Array.isArray(v) ? v : [[v]];
    rows.forEach((row, i) => row.forEach((x, j) => this.model.set(this.sheetModel, b.r0 + i, b.c0 + j, x)));
    this.model.fire('SheetChange', this.Worksheet, this);
  }
  get FormatConditions(): EtFormatConditions {
    return new EtFormatConditions(this.model, this.sheetModel, this.rects);
  }
  Select(): void {
    this.model.selection = { sheet: this.sheetModel.name, address: this.rects.map(formatRect).join(',') };
  }
}

export class EtWorksheet {
  constructor(
    private model: EtModel,
    private s: SheetModel,
  ) {}
  get Name(): string {
    return this.s.name;
  }
  set Name(v: string) {
    if (this.model.sheet(v)) throw new EtError(`工作表名称“${v}”已存在。`);
    this.s.name = v;
  }
  /** `Range("A1:B2")`, `Range("A1,C3:D4")` or `Range("A1", "B2")`. */
  Range(a: string, b?: string): EtRange {
    // As in VBA, an address string longer than 255 characters is refused.
    if (a.length > 255) throw new EtError('方法“Range”作用于对象“_Worksheet”时失败。');
    const rects = b ? parseAreas(`${a}:${b}`) : parseAreas(a);
    if (rects.length === 0) throw new EtError(`无效的单元格引用：${a}`);
    return new EtRange(this.model, this.s, rects);
  }
  get Cells(): EtRange {
    return new EtRange(this.model, this.s, [{ r0: 0, c0: 0, r1: MAX_ROW, c1: MAX_COL }]);
  }
  /** VBA: the used range; A1 alone on an empty sheet. */
  get UsedRange(): EtRange {
    return new EtRange(this.model, this.s, [this.model.used(this.s) ?? { r0: 0, c0: 0, r1: 0, c1: 0 }]);
  }
  Activate(): void {
    this.model.activeSheet = this.s.name;
  }
}

function collection<T>(items: () => T[], nameOf: (t: T) => string, what: string) {
  return {
    get Count() {
      return items().length;
    },
    Item(key: number | string): T {
      const list = items();
      const found = typeof key === 'number' ? list[key - 1] : list.find((t) => nameOf(t) === key);
      if (found === undefined) throw new EtError(`${what}中找不到“${key}”。`);
      return found;
    },
  };
}

export interface EtApplication {
  ActiveWorkbook: unknown;
  ActiveSheet: unknown;
  EnableEvents: boolean;
  ApiEvent: { AddApiEventListener(name: string, fn: Listener): void; RemoveApiEventListener(name: string, fn: Listener): void };
}

export function etApplication(model: EtModel) {
  const ws = (s: SheetModel) => new EtWorksheet(model, s);
  const workbook = {
    Name: '工作簿1.xlsx',
    get Worksheets() {
      return collection(
        () => model.sheets.map(ws),
        (w) => w.Name,
        '工作表',
      );
    },
    get Sheets() {
      return this.Worksheets;
    },
    get Names() {
      return collection(
        () =>
          [...model.names.entries()].map(([name, ref]) => ({
            Name: name,
            RefersTo: `='${ref.sheet}'!${ref.address}`,
            get RefersToRange() {
              const s = model.sheet(ref.sheet);
              if (!s) throw new EtError('引用无效。');
              return new EtRange(model, s, parseAreas(ref.address));
            },
          })),
        (n) => n.Name,
        '名称',
      );
    },
  };
  return {
    get ActiveWorkbook() {
      return workbook;
    },
    get ActiveSheet() {
      const s = model.sheet(model.activeSheet ?? '') ?? model.sheets[0];
      return s ? ws(s) : null;
    },
    get EnableEvents() {
      return model.enableEvents;
    },
    set EnableEvents(v: boolean) {
      model.enableEvents = v;
    },
    ApiEvent: {
      AddApiEventListener(name: string, fn: Listener) {
        let set = model.listeners.get(name);
        if (!set) model.listeners.set(name, (set = new Set()));
        set.add(fn);
      },
      RemoveApiEventListener(name: string, fn: Listener) {
        model.listeners.get(name)?.delete(fn);
      },
    },
  };
}

export interface WpsDouble {
  model: EtModel;
  Application: ReturnType<typeof etApplication>;
  seed(sheets: Record<string, unknown[][]>, names?: Record<string, string>): void;
  user: {
    type(sheet: string, a1: string, value: EtValue): void;
    paste(sheet: string, a1: string, rows: EtValue[][]): void;
    clear(sheet: string, address: string): void;
    insertRows(sheet: string, row: number, count: number): void;
    fill(sheet: string, a1: string, color: string): void;
    addConditionalFormat(sheet: string, address: string, formula: string, fill: string): void;
    activate(sheet: string): void;
    /** A value set without any SheetChange (the pane must not rely on every change being reported). */
    pickSilently(sheet: string, a1: string, value: EtValue): void;
  };
  inspect: {
    value(sheet: string, a1: string): EtValue;
    mark(sheet: string, a1: string): string | null;
    ownFill(sheet: string, a1: string): string | null;
    conditionalFormulas(sheet: string): string[];
    selection(): { sheet: string; address: string } | null;
    enableEvents(): boolean;
    sheetNames(): string[];
  };
}

export function createWpsDouble(): WpsDouble {
  const model = new EtModel();
  const Application = etApplication(model);
  const sheetOf = (n: string) => {
    const s = model.sheet(n);
    if (!s) throw new Error(`no sheet ${n}`);
    return s;
  };
  const rectOf = (a1: string) => {
    const r = parseArea(a1);
    if (!r) throw new Error(`bad address ${a1}`);
    return r;
  };
  const changed = (s: SheetModel, r: Rect) => model.fire('SheetChange', new EtWorksheet(model, s), new EtRange(model, s, [r]));
  return {
    model,
    Application,
    seed: (sheets, names = {}) => seedWorkbook(model, sheets, names),
    user: {
      type(sheet, a1, value) {
        const s = sheetOf(sheet);
        const r = rectOf(a1);
        model.set(s, r.r0, r.c0, value);
        changed(s, { r0: r.r0, c0: r.c0, r1: r.r0, c1: r.c0 });
      },
      paste(sheet, a1, rows) {
        const s = sheetOf(sheet);
        const r = rectOf(a1);
        const width = Math.max(1, ...rows.map((x) => x.length));
        rows.forEach((row, i) => {
          for (let j = 0; j < width; j++) model.set(s, r.r0 + i, r.c0 + j, row[j]);
        });
        changed(s, { r0: r.r0, c0: r.c0, r1: r.r0 + rows.length - 1, c1: r.c0 + width - 1 });
      },
      clear(sheet, address) {
        const s = sheetOf(sheet);
        const r = rectOf(address);
        for (let i = r.r0; i <= r.r1; i++) for (let j = r.c0; j <= r.c1; j++) model.set(s, i, j, undefined);
        changed(s, r);
      },
      insertRows(sheet, row, count) {
        const s = sheetOf(sheet);
        const shifted = new Map<number, EtValue[]>();
        for (const [r, v] of s.rows) shifted.set(r >= row - 1 ? r + count : r, v);
        s.rows = shifted;
        changed(s, { r0: row - 1, c0: 0, r1: row - 2 + count, c1: MAX_COL }); // ET reports whole rows: "5:6"
      },
      fill(sheet, a1, color) {
        const r = rectOf(a1);
        sheetOf(sheet).fills.set(`${r.r0},${r.c0}`, bgr(color));
      },
      addConditionalFormat(sheet, address, formula, fill) {
        const s = sheetOf(sheet);
        s.cfs.push({ formula, interior: bgr(fill), font: null, rects: parseAreas(address) });
      },
      pickSilently(sheet, a1, value) {
        const r = rectOf(a1);
        model.set(sheetOf(sheet), r.r0, r.c0, value);
      },
      activate(sheet) {
        const s = sheetOf(sheet);
        model.activeSheet = s.name;
        model.fire('SheetActivate', new EtWorksheet(model, s));
      },
    },
    inspect: {
      value: (sheet, a1) => {
        const r = rectOf(a1);
        return model.get(sheetOf(sheet), r.r0, r.c0);
      },
      mark: (sheet, a1) => model.markFill(sheet, a1),
      ownFill: (sheet, a1) => {
        const r = rectOf(a1);
        const c = sheetOf(sheet).fills.get(`${r.r0},${r.c0}`);
        return c === undefined ? null : hexOfBgr(c);
      },
      conditionalFormulas: (sheet) => sheetOf(sheet).cfs.map((cf) => cf.formula),
      selection: () => model.selection,
      enableEvents: () => model.enableEvents,
      sheetNames: () => model.sheets.map((s) => s.name),
    },
  };
}
