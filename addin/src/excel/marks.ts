// Marking bad cells: one custom conditional format per severity (per address chunk) on a RangeAreas.
// Conditional formats sit on top of the user's own formatting and vanish without a trace when
// deleted, so the user's fills, fonts and borders are never touched.
import type { Severity } from '../../../shared/rules/catalogue';
import type { AppliedMark, MarkChunk } from '../host/types';

/**
 * Our formulas are always TRUE and carry a tag, `taizhang:{severity}:{unique}`, the only way we
 * recognise our own formats: a format's `id` is its priority in the collection (Microsoft documents
 * it so) and shifts whenever any format, ours or the user's, is added or deleted.
 */
export const MARK_TAG = 'taizhang:';
export const markFormula = (tag: string) => `=N("${tag}")=0`;
const TAG_IN_FORMULA = /N\("(taizhang:[^"]*)"\)/;

let counter = 0;
const session = Math.random().toString(36).slice(2, 8);
/** A tag no other format in the workbook carries. */
export const newMarkTag = (s: Severity) => `${MARK_TAG}${s}:${session}${(counter++).toString(36)}`;

export const MARK_STYLE: Record<Severity, { fill: string; font: string }> = {
  error: { fill: '#FFC7CE', font: '#9C0006' }, // Excel's "light red fill, dark red text"
  warning: { fill: '#FFEB9C', font: '#9C5700' }, // amber
  finding: { fill: '#DDEBF7', font: '#1F4E79' }, // light blue: a policy problem, not a mistake
};

// The mark types are the host seam's; here an AppliedMark's id is the tag in its formula (never the
// format's Office id, which shifts).
export type { AppliedMark, MarkChunk } from '../host/types';

/**
 * Removes the formats tagged as in `remove` and adds `add`, events off while writing. Our formats are
 * looked up by tag in this same batch (`lookup`, queued with the caller's reads, or one sync of its
 * own when something is removed), deleted lowest-priority first so no pending delete points at a
 * shifted id, then the new ones are added: one sync. A format the user deleted by hand is simply not
 * found; a user's format is never touched.
 */
export async function applyMarks(
  context: Excel.RequestContext,
  remove: AppliedMark[],
  add: MarkChunk[],
  lookup?: FormatLookup,
): Promise<AppliedMark[]> {
  if (remove.length === 0 && add.length === 0) return [];
  const doomed = new Set(remove.map((m) => m.id));
  const sheetsToSearch = [...new Set(remove.map((m) => m.sheet))];
  let found: OwnFormat[] = [];
  if (remove.length) {
    const have = lookup && sheetsToSearch.every((n) => lookup.sheets.includes(n)) ? lookup : queueOwnFormats(context, sheetsToSearch);
    if (have !== lookup) await context.sync();
    found = have.formats();
  }
  const deletions = found.filter((f) => doomed.has(f.tag)).sort((a, b) => Number(b.cf.id) - Number(a.cf.id));
  try {
    context.runtime.enableEvents = false;
    for (const f of deletions) f.cf.delete();
    const sheets = new Map<string, Excel.Worksheet>();
    const added = add.map((m) => {
      let ws = sheets.get(m.sheet);
      if (!ws) sheets.set(m.sheet, (ws = context.workbook.worksheets.getItem(m.sheet)));
      const tag = newMarkTag(m.severity);
      const cf = ws.getRanges(m.address).conditionalFormats.add('Custom');
      cf.custom.rule.formula = markFormula(tag);
      cf.custom.format.fill.color = MARK_STYLE[m.severity].fill;
      cf.custom.format.font.color = MARK_STYLE[m.severity].font;
      return { ...m, id: tag };
    });
    context.runtime.enableEvents = true;
    await context.sync();
    return added;
  } catch (e) {
    context.runtime.enableEvents = true;
    await context.sync().catch(() => undefined);
    throw e;
  }
}

export interface OwnFormat {
  sheet: string;
  tag: string;
  cf: Excel.ConditionalFormat;
}

/** Queued lookup of our formats: read `formats()` after the next sync. */
export interface FormatLookup {
  sheets: string[];
  formats(): OwnFormat[];
}

/**
 * Queues loading every format's id, type and (custom ones) formula on these sheets; no sync of its
 * own, so the edit path sends it with its row reads.
 */
export function queueOwnFormats(context: Excel.RequestContext, sheetNames: string[]): FormatLookup {
  const lists = sheetNames.map((name) => {
    const cfs = context.workbook.worksheets.getItem(name).getRange().conditionalFormats;
    cfs.load('items/id,items/type,items/customOrNullObject/rule/formula');
    return { name, cfs };
  });
  return {
    sheets: sheetNames,
    formats: () =>
      lists.flatMap(({ name, cfs }) =>
        cfs.items.flatMap((cf) => {
          if (cf.type !== 'Custom' || cf.customOrNullObject.isNullObject) return [];
          const tag = TAG_IN_FORMULA.exec(cf.customOrNullObject.rule.formula ?? '')?.[1];
          return tag ? [{ sheet: name, tag, cf }] : [];
        }),
      ),
  };
}

/** Marks an earlier session left in the workbook (saved with it), so they can be replaced; `id` is the tag. One sync. */
export async function findOwnMarks(context: Excel.RequestContext, sheetNames: string[]): Promise<{ sheet: string; id: string }[]> {
  const lookup = queueOwnFormats(context, sheetNames);
  await context.sync();
  return lookup.formats().map(({ sheet, tag }) => ({ sheet, id: tag }));
}
