// Marking bad cells: one custom conditional format per severity (per address chunk) on a RangeAreas.
// Conditional formats sit on top of the user's own formatting and vanish without a trace when
// deleted, so the user's fills, fonts and borders are never touched.
import type { Severity } from '../../../shared/rules/catalogue';
import type { AppliedMark, MarkChunk } from '../host/types';
import { OfficeCodes, officeErrorCode } from './run';

/** Our formulas are always TRUE and carry a tag, so marks left by an earlier session can be found. */
export const MARK_TAG = 'taizhang:';
export const markFormula = (s: Severity) => `=N("${MARK_TAG}${s}")=0`;

export const MARK_STYLE: Record<Severity, { fill: string; font: string }> = {
  error: { fill: '#FFC7CE', font: '#9C0006' }, // Excel's "light red fill, dark red text"
  warning: { fill: '#FFEB9C', font: '#9C5700' }, // amber
  finding: { fill: '#DDEBF7', font: '#1F4E79' }, // light blue: a policy problem, not a mistake
};

// The mark types are the host seam's (an AppliedMark's id is the conditional format id here).
export type { AppliedMark, MarkChunk } from '../host/types';

/**
 * Removes `remove` and adds `add` in one batch with events off: one sync. Should the user have
 * deleted one of our formats by hand (ItemNotFound), the still existing ones are looked up and the
 * batch is redone. Whatever fails, events are switched back on before the error is passed up.
 */
export async function applyMarks(
  ctx: Excel.RequestContext,
  remove: AppliedMark[],
  add: MarkChunk[],
): Promise<AppliedMark[]> {
  if (remove.length === 0 && add.length === 0) return [];
  try {
    return await queueAndSync(ctx, remove, add);
  } catch (e) {
    ctx.runtime.enableEvents = true;
    await ctx.sync();
    if (officeErrorCode(e) !== OfficeCodes.itemNotFound || remove.length === 0) throw e;
    const existing = await existingIds(ctx, [...new Set(remove.map((m) => m.sheet))]);
    return queueAndSync(ctx, remove.filter((m) => existing.has(m.id)), add);
  }
}

async function queueAndSync(ctx: Excel.RequestContext, remove: AppliedMark[], add: MarkChunk[]): Promise<AppliedMark[]> {
  ctx.runtime.enableEvents = false;
  const sheets = new Map<string, Excel.Worksheet>();
  const sheet = (name: string) => {
    let ws = sheets.get(name);
    if (!ws) sheets.set(name, (ws = ctx.workbook.worksheets.getItem(name)));
    return ws;
  };
  const whole = new Map<string, Excel.ConditionalFormatCollection>();
  for (const m of remove) {
    let cfs = whole.get(m.sheet);
    if (!cfs) whole.set(m.sheet, (cfs = sheet(m.sheet).getRange().conditionalFormats));
    cfs.getItem(m.id).delete();
  }
  const added = add.map((m) => {
    const cf = sheet(m.sheet).getRanges(m.address).conditionalFormats.add('Custom');
    cf.custom.rule.formula = markFormula(m.severity);
    cf.custom.format.fill.color = MARK_STYLE[m.severity].fill;
    cf.custom.format.font.color = MARK_STYLE[m.severity].font;
    cf.load('id');
    return { m, cf };
  });
  ctx.runtime.enableEvents = true;
  await ctx.sync();
  return added.map(({ m, cf }) => ({ ...m, id: cf.id }));
}

async function existingIds(ctx: Excel.RequestContext, sheetNames: string[]): Promise<Set<string>> {
  const lists = sheetNames.map((n) => {
    const cfs = ctx.workbook.worksheets.getItem(n).getRange().conditionalFormats;
    cfs.load('items/id');
    return cfs;
  });
  await ctx.sync();
  return new Set(lists.flatMap((l) => l.items.map((cf) => cf.id)));
}

/**
 * Finds marks an earlier session left in the workbook (saved with it) so they can be replaced.
 * Two syncs: the formats' ids and types, then the custom ones' formulas.
 */
export async function findOwnMarks(ctx: Excel.RequestContext, sheetNames: string[]): Promise<{ sheet: string; id: string }[]> {
  const lists = sheetNames.map((name) => {
    const cfs = ctx.workbook.worksheets.getItem(name).getRange().conditionalFormats;
    cfs.load('items/id,items/type');
    return { name, cfs };
  });
  await ctx.sync();
  const custom = lists.flatMap(({ name, cfs }) =>
    cfs.items
      .filter((cf) => cf.type === 'Custom')
      .map((cf) => {
        cf.custom.rule.load('formula');
        return { name, cf };
      }),
  );
  if (custom.length === 0) return [];
  await ctx.sync();
  return custom
    .filter(({ cf }) => (cf.custom.rule.formula ?? '').includes(MARK_TAG))
    .map(({ name, cf }) => ({ sheet: name, id: cf.id }));
}
