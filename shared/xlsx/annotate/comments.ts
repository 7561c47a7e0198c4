// Cell notes: the legacy comments part plus its VML drawing (what Excel, WPS, LibreOffice and ExcelJS all
// read as notes). Existing notes are kept: ours are appended to the sheet's comments and VML, and on a cell
// that already has a note our text is added below the author's.
import { addRel, ensureDefault, ensureOverride, readRels, resolveTarget, type Package } from './package';
import { attr, ensurePrefix, escapeXml, NS_MAIN, NS_REL, parseRef, REL_COMMENTS, REL_VML } from './xml';

export const NOTE_AUTHOR = '台账通';
const CT_COMMENTS = 'application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml';
const CT_VML = 'application/vnd.openxmlformats-officedocument.vmlDrawing';
/** Excel's limit on a cell's text applies to a note too. */
const MAX_NOTE_CHARS = 32_000;

const SHAPETYPE =
  '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">' +
  '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>';

function run(text: string): string {
  const t = text.length > MAX_NOTE_CHARS ? text.slice(0, MAX_NOTE_CHARS) + '…' : text;
  return `<r><rPr><sz val="9"/><rFont val="宋体"/><family val="3"/><charset val="134"/></rPr><t xml:space="preserve">${escapeXml(t)}</t></r>`;
}

function shape(id: number, ref: string): string {
  const { col, row } = parseRef(ref)!;
  return (
    `<v:shape id="_x0000_s${id}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:260pt;height:110pt;z-index:${id};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
    '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
    '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
    `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${col}, 15, ${row - 1}, 2, ${col + 4}, 15, ${row + 6}, 16</x:Anchor>` +
    `<x:AutoFill>False</x:AutoFill><x:Row>${row - 1}</x:Row><x:Column>${col - 1}</x:Column></x:ClientData></v:shape>`
  );
}

/** Sheet elements that come after <legacyDrawing> (ECMA-376 CT_Worksheet order). */
const AFTER_LEGACY_DRAWING = [
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
];

/**
 * Add notes (A1 ref → text) to a sheet; returns the sheet XML (it may gain a <legacyDrawing>).
 * `vmlData`: a drawing number unused in the workbook, for a new VML part's shape ids.
 */
export function addNotes(
  pkg: Package,
  sheetPart: string,
  sheetXml: string,
  p: string,
  notes: Map<string, string>,
  vmlData: number,
): string {
  if (notes.size === 0) return sheetXml;
  const rels = readRels(pkg, sheetPart);
  const commentsRel = rels.find((r) => r.type === REL_COMMENTS && !r.external);
  let xml = sheetXml;

  // comments part
  let commentsPart = commentsRel ? resolveTarget(sheetPart, commentsRel.target) : null;
  let comments = commentsPart ? pkg.read(commentsPart) : null;
  if (commentsPart === null || comments === null) {
    commentsPart = pkg.freeName('xl/comments#.xml');
    comments = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${NS_MAIN}"><authors></authors><commentList></commentList></comments>`;
    addRel(pkg, sheetPart, REL_COMMENTS, commentsPart);
    ensureOverride(pkg, commentsPart, CT_COMMENTS);
  }
  const cp = /<([\w.-]+:)?comments[\s>]/.exec(comments)?.[1] ?? '';
  comments = comments
    .replace(new RegExp(`<${cp}authors\\s*/>`), `<${cp}authors></${cp}authors>`)
    .replace(new RegExp(`<${cp}commentList\\s*/>`), `<${cp}commentList></${cp}commentList>`);
  const authorCount = (comments.match(new RegExp(`<${cp}author[\\s>]`, 'g')) ?? []).length;
  comments = comments.replace(new RegExp(`</${cp}authors>`), `<${cp}author>${NOTE_AUTHOR}</${cp}author></${cp}authors>`);
  const existing = new Set<string>();
  comments = comments.replace(
    new RegExp(`(<${cp}comment\\b[^>]*>)([\\s\\S]*?)(</${cp}text>)`, 'g'),
    (all, open: string, body: string, close: string) => {
      const ref = (attr(open, 'ref') ?? '').toUpperCase();
      const text = notes.get(ref);
      if (text === undefined) return all;
      existing.add(ref);
      return open + body + run('\n' + text).replace(/<(\/?)(\w)/g, `<$1${cp}$2`) + close;
    },
  );
  const added: string[] = [];
  const list: string[] = [];
  for (const [ref, text] of notes) {
    if (existing.has(ref)) continue;
    added.push(ref);
    list.push(
      `<${cp}comment ref="${ref}" authorId="${authorCount}"><${cp}text>${run(text).replace(/<(\/?)(\w)/g, `<$1${cp}$2`)}</${cp}text></${cp}comment>`,
    );
  }
  const listEnd = comments.lastIndexOf(`</${cp}commentList>`);
  comments = comments.slice(0, listEnd) + list.join('') + comments.slice(listEnd);
  pkg.write(commentsPart, comments);
  if (added.length === 0) return xml;

  // VML drawing: the one the sheet's <legacyDrawing> names, else a new one
  ensureDefault(pkg, 'vml', CT_VML);
  const ld = new RegExp(`<${p}legacyDrawing\\b[^>]*>`).exec(xml);
  const ldId = ld ? (/\s(?:[\w.-]+:)?id\s*=\s*"([^"]*)"/.exec(ld[0])?.[1] ?? null) : null;
  const vmlRel = ldId ? rels.find((r) => r.id === ldId) : undefined;
  let vmlPart = vmlRel ? resolveTarget(sheetPart, vmlRel.target) : null;
  let vml = vmlPart ? pkg.read(vmlPart) : null;
  if (vmlPart === null || vml === null) {
    vmlPart = pkg.freeName('xl/drawings/vmlDrawing#.vml');
    const data = vmlData;
    vml =
      `<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">` +
      `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${data}"/></o:shapelayout>${SHAPETYPE}</xml>`;
    const id = addRel(pkg, sheetPart, REL_VML, vmlPart);
    const withNs = ensurePrefix(xml, 'worksheet', NS_REL, 'r');
    xml = withNs.xml;
    const el = `<${p}legacyDrawing ${withNs.prefix}:id="${id}"/>`;
    if (ld) xml = xml.replace(ld[0], el);
    else {
      let at = -1;
      for (const name of AFTER_LEGACY_DRAWING) {
        const m = new RegExp(`<${p}${name}[\\s>/]`).exec(xml);
        if (m) {
          at = m.index;
          break;
        }
      }
      if (at < 0) at = xml.lastIndexOf(`</${p}worksheet>`);
      xml = xml.slice(0, at) + el + xml.slice(at);
    }
  } else if (!vml.includes('_x0000_t202')) {
    vml = vml.replace(/<\/xml>\s*$/, `${SHAPETYPE}</xml>`);
  }
  let next = 1;
  for (const m of vml.matchAll(/_x0000_s(\d+)/g)) next = Math.max(next, Number(m[1]) + 1);
  const idmap = /<o:idmap\b[^>]*data="(\d+)/.exec(vml);
  if (idmap) next = Math.max(next, Number(idmap[1]) * 1024 + 1);
  const shapes = added.map((ref, i) => shape(next + i, ref)).join('');
  const endAt = vml.lastIndexOf('</xml>');
  vml = endAt >= 0 ? vml.slice(0, endAt) + shapes + vml.slice(endAt) : vml + shapes;
  pkg.write(vmlPart, vml);
  return xml;
}
