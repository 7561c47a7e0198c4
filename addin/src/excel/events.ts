// Watching edits and pastes on the ledger sheets.

export interface SheetChange {
  sheet: string;
  address: string;
  changeType: string;
}

/**
 * Registers one onChanged handler per sheet (one sync). Returns the registrations, to be removed
 * with `unwatchSheets` when the pane stops watching.
 */
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

/** Removes handlers registered by watchSheets; one sync. */
export async function unwatchSheets(
  ctx: Excel.RequestContext,
  regs: OfficeExtension.EventHandlerResult<Excel.WorksheetChangedEventArgs>[],
): Promise<void> {
  for (const r of regs) r.remove();
  await ctx.sync();
}
