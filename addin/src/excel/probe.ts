// Template awareness: which ledger sheets exist and which template version the workbook carries.
import { SHEET_ROSTER, SHEET_UNIT, TEMPLATE_VERSION_NAME } from '../../../shared/template/definition';
import { assertCanInsert, insertRefusal } from './insert';

import type { WorkbookProbe } from '../host/types';
export type { WorkbookProbe } from '../host/types';

/** Two syncs: sheets and the name, then the named cell. */
export async function probeWorkbook(context: Excel.RequestContext): Promise<WorkbookProbe> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name,items/id');
  const named = context.workbook.names.getItemOrNullObject(TEMPLATE_VERSION_NAME);
  named.load('type,value');
  await context.sync();

  let templateVersion: string | null = null;
  if (!named.isNullObject) {
    if (named.type === 'Range') {
      const cell = named.getRange();
      cell.load('values');
      await context.sync();
      const v = cell.values?.[0]?.[0];
      templateVersion = v === '' || v === null || v === undefined ? null : String(v).trim();
    } else {
      // A constant name (="1") keeps its value as a formula text.
      templateVersion =
        String(named.value ?? '')
          .replace(/^=?"?|"?$/g, '')
          .trim() || null;
    }
  }
  const sheetNames = sheets.items.map((s) => s.name);
  const sheetIds = Object.fromEntries(sheets.items.map((s) => [s.name, s.id]));
  return {
    sheetNames,
    sheetIds,
    hasUnitSheet: sheetNames.includes(SHEET_UNIT),
    hasRosterSheet: sheetNames.includes(SHEET_ROSTER),
    templateVersion,
  };
}

/**
 * Inserts the standard template's sheets at the front and makes sure the version name exists
 * (whether Excel copies defined names along with the sheets is not guaranteed). Two syncs. Where
 * Excel cannot insert sheets, throws SheetInsertUnavailable (the pane offers the download).
 */
export async function insertTemplate(
  context: Excel.RequestContext,
  base64: string,
  versionRef: { name: string; reference: string } | null,
): Promise<string[]> {
  assertCanInsert(base64);
  const ids = context.workbook.insertWorksheetsFromBase64(base64, { positionType: 'Beginning' });
  const named = context.workbook.names.getItemOrNullObject(TEMPLATE_VERSION_NAME);
  named.load('name');
  try {
    await context.sync();
  } catch (e) {
    throw insertRefusal(e) ?? e;
  }
  if (named.isNullObject && versionRef) {
    const [sheet, addr] = splitReference(versionRef.reference);
    context.workbook.names.add(TEMPLATE_VERSION_NAME, context.workbook.worksheets.getItem(sheet).getRange(addr), '模板版本（台账通）');
  }
  context.workbook.worksheets.getItem(SHEET_UNIT).activate();
  await context.sync();
  return ids.value;
}

/** `'填表说明'!$B$2` → ['填表说明', '$B$2']. */
export function splitReference(ref: string): [string, string] {
  const r = ref.replace(/^=/, '');
  const i = r.lastIndexOf('!');
  const sheet = r
    .slice(0, i)
    .replace(/^'(.*)'$/, '$1')
    .replace(/''/g, "'");
  return [sheet, r.slice(i + 1)];
}
