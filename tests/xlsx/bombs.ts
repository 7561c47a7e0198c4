// Hostile workbooks, built in memory for the limit tests and bench/bomb.ts. Each is a complete, valid
// package (true sizes and CRCs in the zip directory, unless a test asks it to lie) whose ledger sheets
// are abusive: the reader must refuse them without doing the work they ask for.
import { constants as zc, crc32, deflateRawSync } from 'node:zlib';
import { SHEET_ROSTER, SHEET_UNIT } from '../../shared/template/definition';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const enc = new TextEncoder();

export interface ZipPart {
  name: string;
  /** Stored bytes: raw DEFLATE (method 8) or the content itself (method 0). */
  data: Uint8Array;
  method: 0 | 8;
  size: number;
  crc: number;
}

export const storedPart = (name: string, content: string | Uint8Array): ZipPart => {
  const data = typeof content === 'string' ? enc.encode(content) : content;
  return { name, data, method: 0, size: data.length, crc: crc32(data) >>> 0 };
};

export const deflatedPart = (name: string, content: string | Uint8Array): ZipPart => {
  const raw = typeof content === 'string' ? enc.encode(content) : content;
  return { name, data: deflateRawSync(raw, { level: 1 }), method: 8, size: raw.length, crc: crc32(raw) >>> 0 };
};

/**
 * A part that inflates to `head + block × repeat + tail` without that ever existing in memory: `block` is
 * deflated once with a full flush (which resets the compressor), so its compressed form can be repeated.
 */
export function repeatedPart(name: string, head: string, block: string, repeat: number, tail: string): ZipPart {
  const full = { finishFlush: zc.Z_FULL_FLUSH };
  const h = enc.encode(head);
  const b = enc.encode(block);
  const t = enc.encode(tail);
  const hz = deflateRawSync(h, full);
  const bz = deflateRawSync(b, full);
  const tz = deflateRawSync(t);
  const data = new Uint8Array(hz.length + bz.length * repeat + tz.length);
  data.set(hz, 0);
  for (let i = 0; i < repeat; i++) data.set(bz, hz.length + i * bz.length);
  data.set(tz, hz.length + bz.length * repeat);
  let crc = crc32(h);
  for (let i = 0; i < repeat; i++) crc = crc32(b, crc);
  crc = crc32(t, crc);
  return { name, data, method: 8, size: h.length + b.length * repeat + t.length, crc: crc >>> 0 };
}

/** Zip container (no zip64: every test part stays under 4 GiB). */
export function zip(parts: ZipPart[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = enc.encode(p.name);
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, p.method, true);
    lv.setUint32(14, p.crc, true);
    lv.setUint32(18, p.data.length, true);
    lv.setUint32(22, p.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const dir = new Uint8Array(46 + name.length);
    const dv = new DataView(dir.buffer);
    dv.setUint32(0, 0x02014b50, true);
    dv.setUint16(4, 20, true);
    dv.setUint16(6, 20, true);
    dv.setUint16(8, 0x0800, true);
    dv.setUint16(10, p.method, true);
    dv.setUint32(16, p.crc, true);
    dv.setUint32(20, p.data.length, true);
    dv.setUint32(24, p.size, true);
    dv.setUint16(28, name.length, true);
    dv.setUint32(42, offset, true);
    dir.set(name, 46);
    chunks.push(local, p.data);
    central.push(dir);
    offset += local.length + p.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, Math.min(parts.length, 0xffff), true);
  ev.setUint16(10, Math.min(parts.length, 0xffff), true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...chunks, ...central, eocd];
  const out = new Uint8Array(all.reduce((n, c) => n + c.length, 0));
  let o = 0;
  for (const c of all) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

const UNIT_SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>${SHEET_UNIT}</t></is></c></row></sheetData></worksheet>`;
export const SHEET_HEAD = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>`;
export const SHEET_TAIL = '</sheetData></worksheet>';
const HEADER_ROW = `<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="inlineStr"><is><t>身份证号码</t></is></c></row>`;

/** The package parts around a roster sheet part (xl/worksheets/sheet2.xml) and optional shared strings. */
export function ledgerPackage(
  roster: ZipPart,
  extra: { sharedStrings?: ZipPart; more?: ZipPart[]; workbookXml?: string } = {},
): Uint8Array {
  const sst = extra.sharedStrings ? `<Relationship Id="rId3" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` : '';
  return zip([
    storedPart(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
    ),
    storedPart(
      '_rels/.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    storedPart(
      'xl/workbook.xml',
      extra.workbookXml ??
        `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="${SHEET_UNIT}" sheetId="1" r:id="rId1"/><sheet name="${SHEET_ROSTER}" sheetId="2" r:id="rId2"/></sheets></workbook>`,
    ),
    storedPart(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/worksheet" Target="worksheets/sheet2.xml"/>${sst}</Relationships>`,
    ),
    storedPart('xl/worksheets/sheet1.xml', UNIT_SHEET),
    { ...roster, name: 'xl/worksheets/sheet2.xml' },
    ...(extra.sharedStrings ? [{ ...extra.sharedStrings, name: 'xl/sharedStrings.xml' }] : []),
    ...(extra.more ?? []),
  ]);
}

// One roster row and 4 MiB of the whitespace XML allows between rows: it deflates at ~1,000:1 (a repeated
// row would not: its period costs distance bits on every match), and a block this large dwarfs the
// 32 KiB window each full flush gives up.
function rowBlock(): string {
  return '<row><c t="inlineStr"><is><t>张三</t></is></c><c><v>1</v></c></row>' + ' '.repeat(4 * 1024 * 1024);
}

/** The classic: about `inflatedMb` MB of roster rows from a file of about a thousandth of that. */
export function zipBomb(inflatedMb = 1024): Uint8Array {
  const block = rowBlock();
  const repeat = Math.ceil((inflatedMb * 1024 * 1024) / Buffer.byteLength(block));
  return ledgerPackage(repeatedPart('roster', SHEET_HEAD + HEADER_ROW, block, repeat, SHEET_TAIL));
}

/** The same bomb with a zip directory that claims the roster is only `claimedBytes` long. */
export function lyingZipBomb(inflatedMb = 1024, claimedBytes = 4 * 1024 * 1024): Uint8Array {
  const block = rowBlock();
  const repeat = Math.ceil((inflatedMb * 1024 * 1024) / Buffer.byteLength(block));
  const part = repeatedPart('roster', SHEET_HEAD + HEADER_ROW, block, repeat, SHEET_TAIL);
  return ledgerPackage({ ...part, size: claimedBytes });
}

/** A workbook with `count` zip entries besides its own (each a few bytes). */
export function manyPartsBomb(count = 60_000): Uint8Array {
  const more: ZipPart[] = [];
  const tiny = storedPart('x', '<x/>');
  for (let i = 0; i < count; i++) more.push({ ...tiny, name: `xl/media/p${i}.xml` });
  return ledgerPackage(storedPart('roster', SHEET_HEAD + HEADER_ROW + SHEET_TAIL), { more });
}

/** A roster with one cell at `ref` (e.g. "XFE2", "A1048577"). */
export function cellAt(ref: string): Uint8Array {
  const row = Number(/\d+$/.exec(ref)![0]);
  return ledgerPackage(deflatedPart('roster', `${SHEET_HEAD}${HEADER_ROW}<row r="${row}"><c r="${ref}"><v>1</v></c></row>${SHEET_TAIL}`));
}

/** `rows` rows each holding one cell in the last column: few bytes, 16,384 cell slots a row. */
export function farRightCells(rows: number): Uint8Array {
  let rowsXml = '';
  for (let r = 2; r < rows + 2; r++) rowsXml += `<row r="${r}"><c r="XFD${r}"><v>1</v></c></row>`;
  return ledgerPackage(deflatedPart('roster', SHEET_HEAD + HEADER_ROW + rowsXml + SHEET_TAIL));
}

/** A shared-strings table declaring `declared` strings (uniqueCount) and holding `actual` empty ones, stored. */
export function sharedStringsBomb(actual: number, declared = actual): Uint8Array {
  const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="${MAIN_NS}" count="${declared}" uniqueCount="${declared}">`;
  const sst = enc.encode(head + '<si/>'.repeat(actual) + '</sst>');
  return ledgerPackage(deflatedPart('roster', SHEET_HEAD + HEADER_ROW + '<row r="2"><c r="B2" t="s"><v>0</v></c></row>' + SHEET_TAIL), {
    sharedStrings: storedPart('sst', sst),
  });
}

/** "Billion laughs": entity declarations in the roster's DTD. */
export function entityBomb(where: 'sheet' | 'workbook' = 'sheet'): Uint8Array {
  let dtd = '<!DOCTYPE worksheet [<!ENTITY a0 "ha">';
  for (let i = 1; i < 10; i++) dtd += `<!ENTITY a${i} "${`&a${i - 1};`.repeat(10)}">`;
  dtd += ']>';
  if (where === 'workbook') {
    return ledgerPackage(storedPart('roster', SHEET_HEAD + HEADER_ROW + SHEET_TAIL), {
      workbookXml: `<?xml version="1.0" encoding="UTF-8"?>${dtd.replace('worksheet', 'workbook')}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets><sheet name="&a9;" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    });
  }
  const sheet = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${dtd}<worksheet xmlns="${MAIN_NS}"><sheetData>${HEADER_ROW}<row r="2"><c r="B2" t="inlineStr"><is><t>&a9;</t></is></c></row>${SHEET_TAIL}`;
  return ledgerPackage(deflatedPart('roster', sheet));
}

/** A roster cell whose text is `chars` characters long. */
export function longText(chars: number): Uint8Array {
  return ledgerPackage(
    deflatedPart(
      'roster',
      `${SHEET_HEAD}${HEADER_ROW}<row r="2"><c r="B2" t="inlineStr"><is><t>${'长'.repeat(chars)}</t></is></c></row>${SHEET_TAIL}`,
    ),
  );
}

/** Bombs of every kind, small enough to send over HTTP (under the 10 MB body limit). */
export function bombSet(): { name: string; bytes: Uint8Array; code: 'WORKBOOK_TOO_LARGE' | 'CORRUPT_WORKBOOK' }[] {
  return [
    { name: 'zip bomb (1 GB roster)', bytes: zipBomb(1024), code: 'WORKBOOK_TOO_LARGE' },
    { name: 'many parts', bytes: manyPartsBomb(), code: 'WORKBOOK_TOO_LARGE' },
    { name: 'cell at XFE2', bytes: cellAt('XFE2'), code: 'WORKBOOK_TOO_LARGE' },
    { name: 'cell at A1048577', bytes: cellAt('A1048577'), code: 'WORKBOOK_TOO_LARGE' },
    { name: 'shared strings count', bytes: sharedStringsBomb(10, 1_000_000_000), code: 'WORKBOOK_TOO_LARGE' },
    { name: 'entities', bytes: entityBomb(), code: 'CORRUPT_WORKBOOK' },
  ];
}
