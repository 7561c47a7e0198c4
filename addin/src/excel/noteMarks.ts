// The fourth kind of mark: review notes (审核意见) from the supervisor or the office, on the cells they
// name. A separate conditional format per sheet with its own tag (not MARK_TAG, so the live checker's
// clean-up of its own marks never takes these), replaced as a whole whenever the notes or rows move.
import { chunkAddresses, compressCells, parseCell } from '../live/a1';

export const NOTE_TAG = 'taizhang-note';
export const NOTE_FORMULA = `=N("${NOTE_TAG}")=0`;
/** Purple: not a check result, a reviewer's remark. */
export const NOTE_STYLE = { fill: '#E4DFEC', font: '#5B2C6F' } as const;

/** Removes our earlier note marks and marks `cells` (sheet → A1 cells). Three syncs at most. */
export async function replaceNoteMarks(context: Excel.RequestContext, sheetNames: string[], cells: Map<string, string[]>): Promise<number> {
  const lists = sheetNames.map((name) => {
    const cfs = context.workbook.worksheets.getItem(name).getRange().conditionalFormats;
    cfs.load('items/id,items/type');
    return cfs;
  });
  await context.sync();
  const custom = lists.flatMap((cfs) =>
    cfs.items
      .filter((cf) => cf.type === 'Custom')
      .map((cf) => {
        cf.custom.rule.load('formula');
        return cf;
      }),
  );
  if (custom.length > 0) await context.sync();
  context.runtime.enableEvents = false;
  try {
    for (const cf of custom) if ((cf.custom.rule.formula ?? '').includes(NOTE_TAG)) cf.delete();
    let added = 0;
    for (const [sheet, list] of cells) {
      const parsed = list.map(parseCell).filter((p): p is NonNullable<typeof p> => p !== null);
      for (const address of chunkAddresses(compressCells(parsed), 2000)) {
        const cf = context.workbook.worksheets.getItem(sheet).getRanges(address).conditionalFormats.add('Custom');
        cf.custom.rule.formula = NOTE_FORMULA;
        cf.custom.format.fill.color = NOTE_STYLE.fill;
        cf.custom.format.font.color = NOTE_STYLE.font;
        added++;
      }
    }
    return added;
  } finally {
    context.runtime.enableEvents = true;
    await context.sync();
  }
}
