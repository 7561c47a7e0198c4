// A stored ledger written back as a workbook for the evidence archive, such that reading it with the
// shared reader gives the same canonical ledger (and so the same digest). The usual case — a ledger
// from the standard template — is written INTO the standard template (its styles, validations and
// 填表说明 kept; values as inline strings or numbers at their own worksheet rows). A ledger laid out
// otherwise (own header row, older or missing template stamp, a missing sheet) gets a plain workbook
// with that same layout, so its worksheet row numbers — part of the digest — survive.
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { columnLetter } from '../../../shared/a1';
import type { Cell, Ledger } from '../../../shared/ledger/schema';
import * as def from '../../../shared/template/definition';
import { buildTemplateWorkbook, TEMPLATE_HEADER_ROW, TEMPLATE_UNIT_FIRST_ROW } from '../../../shared/node/templateWorkbook';
import { escapeXmlText } from '../../../shared/node/xlsxWriter';
import { deflatedMember, zipInMemory, type ZipMember } from './zipEntry';

/** Zip entries keep this time so the same ledger always gives the same bytes. */
const FIXED_MTIME = new Date(Date.UTC(2026, 0, 1));

function cellXml(ref: string, v: Cell, style = ''): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return `<c r="${ref}"${style}><v>${v}</v></c>`;
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${escapeXmlText(v)}</t></is></c>`;
}

interface TemplateParts {
  /** Every part of the template in order, the fixed ones deflated once; the two sheets are filled per ledger. */
  members: (readonly [string, ZipMember | null])[];
  unitPath: string;
  rosterPath: string;
  unitXml: string;
  rosterHead: string;
  rosterHeaderRows: string;
  rosterTail: string;
}

async function templateParts(): Promise<TemplateParts> {
  const files = unzipSync(await buildTemplateWorkbook());
  const wb = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const pathOf = (name: string) => {
    const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wb)?.[1];
    const target = rid && new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
    if (!target) throw new Error(`template sheet ${name} not found`);
    return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
  };
  const unitPath = pathOf(def.SHEET_UNIT);
  const rosterPath = pathOf(def.SHEET_ROSTER);
  const roster = strFromU8(files[rosterPath]);
  const end = roster.indexOf('</sheetData>');
  const start = roster.indexOf('<sheetData>') + '<sheetData>'.length;
  const members = Object.entries(files).map(
    ([name, bytes]) => [name, name === unitPath || name === rosterPath ? null : deflatedMember(bytes)] as const,
  );
  return {
    members,
    unitPath,
    rosterPath,
    unitXml: strFromU8(files[unitPath]),
    rosterHead: roster.slice(0, start),
    rosterHeaderRows: roster.slice(start, end),
    rosterTail: roster.slice(end),
  };
}

let cached: Promise<TemplateParts> | undefined;

/** True when the ledger can be written into the standard template with nothing moved. */
export function fitsTemplate(l: Ledger): boolean {
  return (
    l.templateVersion === def.TEMPLATE_VERSION &&
    l.unit !== null &&
    l.roster !== null &&
    l.roster.headerRow === TEMPLATE_HEADER_ROW &&
    l.roster.rows.every((r) => r.row > TEMPLATE_HEADER_ROW)
  );
}

function rosterRowsXml(l: Ledger, firstCol = 0): { xml: string; last: number } {
  let xml = '';
  let last = 0;
  for (const r of l.roster?.rows ?? []) {
    let cells = '';
    def.ROSTER_FIELDS.forEach((d, i) => (cells += cellXml(`${columnLetter(firstCol + i)}${r.row}`, r.values[d.key] ?? null)));
    xml += `<row r="${r.row}">${cells}</row>`;
    last = Math.max(last, r.row);
  }
  return { xml, last };
}

export async function ledgerWorkbook(l: Ledger): Promise<Uint8Array> {
  if (!fitsTemplate(l)) return plainWorkbook(l);
  const t = await (cached ??= templateParts());
  let unit = t.unitXml;
  def.UNIT_FIELDS.forEach((d, i) => {
    const ref = `B${TEMPLATE_UNIT_FIRST_ROW + i}`;
    const v = l.unit!.values[d.key] ?? null;
    if (v === null) return;
    unit = unit.replace(new RegExp(`<c r="${ref}"( s="\\d+")?/>`), (_m, s: string | undefined) => cellXml(ref, v, s ?? ''));
  });
  const { xml, last } = rosterRowsXml(l);
  const head = t.rosterHead.replace(
    /<dimension ref="[^"]*"\/>/,
    `<dimension ref="A1:${columnLetter(def.ROSTER_FIELDS.length - 1)}${Math.max(last, TEMPLATE_HEADER_ROW)}"/>`,
  );
  const filled: Record<string, ZipMember> = {
    [t.unitPath]: deflatedMember(strToU8(unit)),
    [t.rosterPath]: deflatedMember(strToU8(head + t.rosterHeaderRows + xml + t.rosterTail)),
  };
  return zipInMemory(
    t.members.map(([name, m]) => [name, m ?? filled[name]] as const),
    FIXED_MTIME,
  );
}

// ---------------------------------------------------------------- a plain workbook in the ledger's own layout

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function sheetXml(rows: Map<number, string>): string {
  const body = [...rows.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([n, cells]) => `<row r="${n}">${cells}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}><sheetData>${body}</sheetData></worksheet>`;
}

function plainWorkbook(l: Ledger): Uint8Array {
  const sheets: { name: string; xml: string }[] = [];
  if (l.unit) {
    const rows = new Map<number, string>();
    for (const d of def.UNIT_FIELDS) {
      const r = l.unit.rows[d.key];
      if (r !== undefined) rows.set(r, cellXml(`A${r}`, d.header) + cellXml(`B${r}`, l.unit.values[d.key] ?? null));
    }
    sheets.push({ name: def.SHEET_UNIT, xml: sheetXml(rows) });
  }
  if (l.roster) {
    const rows = new Map<number, string>();
    const h = l.roster.headerRow;
    if (h !== null) {
      rows.set(h, def.ROSTER_FIELDS.map((d, i) => cellXml(`${columnLetter(i)}${h}`, d.header)).join(''));
      for (const r of l.roster.rows)
        rows.set(r.row, def.ROSTER_FIELDS.map((d, i) => cellXml(`${columnLetter(i)}${r.row}`, r.values[d.key] ?? null)).join(''));
    }
    sheets.push({ name: def.SHEET_ROSTER, xml: sheetXml(rows) });
  }
  if (l.templateVersion !== null)
    sheets.push({ name: def.SHEET_GUIDE, xml: sheetXml(new Map([[2, cellXml('A2', '模板版本') + cellXml('B2', l.templateVersion)]])) });
  if (sheets.length === 0) sheets.push({ name: 'Sheet1', xml: sheetXml(new Map()) });
  const guide = sheets.findIndex((s) => s.name === def.SHEET_GUIDE);
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
    ),
    '_rels/.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook ${NS}><sheets>${sheets.map((s, i) => `<sheet name="${escapeXmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>${guide >= 0 ? `<definedNames><definedName name="${def.TEMPLATE_VERSION_NAME}">'${def.SHEET_GUIDE}'!$B$2</definedName></definedNames>` : ''}</workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    ),
  };
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(s.xml)));
  return zipInMemory(
    Object.entries(files).map(([name, bytes]) => [name, deflatedMember(bytes)] as const),
    FIXED_MTIME,
  );
}
