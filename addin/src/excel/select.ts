// Selecting the cell an issue points at.

/** Activates the sheet and selects the cell; one sync. */
export async function selectCell(ctx: Excel.RequestContext, sheet: string, cell: string): Promise<void> {
  const ws = ctx.workbook.worksheets.getItem(sheet);
  ws.activate();
  ws.getRange(cell).select();
  await ctx.sync();
}
