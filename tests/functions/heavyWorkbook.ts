// A large but honest ledger workbook written straight as sheet XML with fflate (ExcelJS takes seconds
// for tens of thousands of rows): the two ledger sheets, inline strings, the template version name.
import { strToU8, zipSync } from 'fflate';
import { columnLetter } from '../../shared/a1';
import { todayInChina } from '../../shared/dates';
import { escapeXmlText } from '../../shared/node/xlsxWriter';
import { validRosterRow, validUnitValues } from '../../fixtures/sampleLedgers';
import {
  ROSTER_FIELDS,
  SHEET_ROSTER,
  SHEET_UNIT,
  TEMPLATE_VERSION,
  TEMPLATE_VERSION_NAME,
  UNIT_FIELDS,
} from '../../shared/template/definition';

function cell(ref: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  return `<c r="${ref}" t="inlineStr"><is><t>${escapeXmlText(String(v))}</t></is></c>`;
}
const sheet = (rows: string[]) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows.join('')}</sheetData></worksheet>`;
const row = (r: number, values: unknown[]) => `<row r="${r}">${values.map((v, i) => cell(`${columnLetter(i)}${r}`, v)).join('')}</row>`;

/** `n` roster rows (validRosterRow(i), patched); dates as text, which the parser reads like date cells. */
export function heavyWorkbook(n: number, patch?: (i: number, v: Record<string, unknown>) => Record<string, unknown>): Uint8Array {
  // Filed today: the server checks as of the day it receives the ledger.
  const unit = validUnitValues(n, { filingDate: todayInChina() });
  const unitRows = UNIT_FIELDS.map((d, i) => row(i + 1, [d.header, unit[d.key]]));
  unitRows.push(row(UNIT_FIELDS.length + 2, ['模板版本', TEMPLATE_VERSION]));
  const rosterRows = [
    row(1, [`示范县${SHEET_ROSTER}`]),
    row(2, ['填报单位（盖章）：']),
    row(
      3,
      ROSTER_FIELDS.map((d) => d.header),
    ),
  ];
  for (let i = 0; i < n; i++) {
    let v: Record<string, unknown> = validRosterRow(i);
    if (patch) v = patch(i, v);
    rosterRows.push(
      row(
        4 + i,
        ROSTER_FIELDS.map((d) => v[d.key]),
      ),
    );
  }
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  const files = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`,
    'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="${SHEET_UNIT}" sheetId="1" r:id="rId1"/><sheet name="${SHEET_ROSTER}" sheetId="2" r:id="rId2"/></sheets><definedNames><definedName name="${TEMPLATE_VERSION_NAME}">'${SHEET_UNIT}'!$B$${UNIT_FIELDS.length + 2}</definedName></definedNames></workbook>`,
    'xl/worksheets/sheet1.xml': sheet(unitRows),
    'xl/worksheets/sheet2.xml': sheet(rosterRows),
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])), { level: 6 });
}
