// The package around the sheets: relationships, the workbook part (sheet list, defined names, date
// system) and where the shared strings and styles live (OPC: found through relationships, not by name).
import { columnIndex } from '../a1';
import { WorkbookReadError } from './errors';
import type { ReadBudget } from './limits';
import { assertNoDtd, decodeEntities, parseAttrs, textDecoder } from './xml';
import { readEntry, readZipDirectory, type InflateRaw, type ZipEntry } from './zip';

export interface SheetRef {
  name: string;
  path: string | null;
}

export interface WorkbookPackage {
  sheetRefs: SheetRef[];
  definedNames: Record<string, string>;
  date1904: boolean;
  /** Zip entries of the shared strings and styles parts, when present. */
  sharedStrings: ZipEntry | undefined;
  styles: ZipEntry | undefined;
  /** Zip entry of a part by its path inside the package. */
  part(path: string): ZipEntry | undefined;
}

/** A small part as text (relationships, workbook, styles); a DTD is refused. */
export function readTextPart(bytes: Uint8Array, e: ZipEntry, budget: ReadBudget, inflateRaw?: InflateRaw): string {
  const text = textDecoder.decode(readEntry(bytes, e, budget, inflateRaw));
  assertNoDtd(text);
  return text;
}

export function readPackage(bytes: Uint8Array, budget: ReadBudget, inflateRaw?: InflateRaw): WorkbookPackage {
  const dir = readZipDirectory(bytes);
  const part = (path: string): ZipEntry | undefined => dir.get(path.toLowerCase());
  const partText = (path: string): string | null => {
    const e = part(path);
    return e ? readTextPart(bytes, e, budget, inflateRaw) : null;
  };
  // The workbook part is whatever the package relationships call the office document.
  let workbookPath = 'xl/workbook.xml';
  const rootRels = partText('_rels/.rels');
  if (rootRels) {
    const doc = parseRels(rootRels, '').find((r) => r.type.endsWith('/officeDocument'));
    if (doc) workbookPath = doc.target;
  }
  const workbookXml = partText(workbookPath) ?? (workbookPath !== 'xl/workbook.xml' ? partText('xl/workbook.xml') : null);
  if (workbookXml === null) {
    if (part('xl/workbook.bin')) throw new WorkbookReadError('NOT_A_WORKBOOK', 'xlsb is not supported');
    throw new WorkbookReadError('NOT_A_WORKBOOK', 'no workbook part');
  }
  if (!/<(?:[\w.-]+:)?workbook[\s>]/.test(workbookXml)) throw new WorkbookReadError('NOT_A_WORKBOOK', 'workbook part is not a workbook');
  const baseDir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const relsPath = `${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`;
  const rels = parseRels(partText(relsPath) ?? '', baseDir);
  const relById = new Map(rels.map((r) => [r.id, r]));

  const sheetRefs: SheetRef[] = [];
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?sheet\s([^>]*?)\/?>/g)) {
    const attrs = parseAttrs(m[1]);
    const rid = Object.entries(attrs).find(([k]) => k === 'id' || k.endsWith(':id'))?.[1];
    const rel = rid ? relById.get(rid) : undefined;
    sheetRefs.push({ name: attrs.name ?? '', path: rel ? rel.target : null });
  }
  const date1904 = /<(?:[\w.-]+:)?workbookPr\s[^>]*date1904\s*=\s*["'](?:1|true)["']/.test(workbookXml);

  const definedNames: Record<string, string> = {};
  for (const m of workbookXml.matchAll(/<(?:[\w.-]+:)?definedName\s([^>]*)>([\s\S]*?)<\/(?:[\w.-]+:)?definedName>/g)) {
    const attrs = parseAttrs(m[1]);
    const name = attrs.name;
    if (!name) continue;
    // Workbook-level names win over sheet-scoped ones of the same name.
    if (attrs.localSheetId !== undefined && name in definedNames) continue;
    definedNames[name] = decodeEntities(m[2]).trim();
  }

  const sstRel = rels.find((r) => r.type.endsWith('/sharedStrings'));
  const stylesRel = rels.find((r) => r.type.endsWith('/styles'));
  return {
    sheetRefs,
    definedNames,
    date1904,
    sharedStrings: part(sstRel?.target ?? `${baseDir}sharedStrings.xml`),
    styles: part(stylesRel?.target ?? `${baseDir}styles.xml`),
    part,
  };
}

interface Rel {
  id: string;
  type: string;
  target: string;
}

function parseRels(xml: string, baseDir: string): Rel[] {
  const out: Rel[] = [];
  for (const m of xml.matchAll(/<(?:[\w.-]+:)?Relationship\s([^>]*?)\/?>/g)) {
    const a = parseAttrs(m[1]);
    if (!a.Id || !a.Target || a.TargetMode === 'External') continue;
    out.push({ id: a.Id, type: a.Type ?? '', target: resolvePartPath(baseDir, a.Target) });
  }
  return out;
}

function resolvePartPath(baseDir: string, target: string): string {
  const raw = target.startsWith('/') ? target.slice(1) : baseDir + target;
  const parts: string[] = [];
  for (const seg of raw.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** "'填表说明'!$B$2" → sheet and 0-based row/col of the (top-left) cell. */
export function parseCellRef(ref: string): { sheet: string; row: number; col: number } | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!]+))!\$?([A-Za-z]{1,3})\$?(\d+)/.exec(ref.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, row: Number(m[4]) - 1, col: columnIndex(m[3]) };
}
