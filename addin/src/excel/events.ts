// Watching edits and pastes on the ledger sheets.

import type { SheetChange } from '../host/types';
export type { SheetChange } from '../host/types';

/** Registers one onChanged handler per sheet (one sync); they live as long as the pane. */
export async function watchSheets(
  ctx: Excel.RequestContext,
  sheetNames: string[],
  onChange: (change: SheetChange) => void,
): Promise<OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[]> {
  const regs = sheetNames.map((name) =>
    ctx.workbook.worksheets.getItem(name).onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
      onChange({ sheet: name, address: e.address, changeType: e.changeType });
    }),
  );
  await ctx.sync();
  return regs;
}
