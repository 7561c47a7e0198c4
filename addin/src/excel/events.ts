// Watching edits and pastes on the ledger sheets.

import type { SheetChange } from '../host/types';
export type { SheetChange } from '../host/types';

/**
 * Registers onChanged (and, when given, onActivated) on each sheet (one sync); they live as long as
 * the pane. onActivated lets the pane re-read a sheet the user returns to, since Excel on the web
 * does not report every edit through onChanged.
 */
export async function watchSheets(
  context: Excel.RequestContext,
  sheetNames: string[],
  onChange: (change: SheetChange) => void,
  onActivated?: (sheet: string) => void,
): Promise<void> {
  for (const name of sheetNames) {
    const ws = context.workbook.worksheets.getItem(name);
    ws.onChanged.add(async (e: Excel.WorksheetChangedEventArgs) => {
      onChange({ sheet: name, address: e.address, changeType: e.changeType });
    });
    if (onActivated) ws.onActivated.add(async () => onActivated(name));
  }
  await context.sync();
}
