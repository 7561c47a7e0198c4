// styles.xml: one solid fill per severity appended to <fills>, and for each (existing cell format,
// severity) pair a copy of that <xf> in <cellXfs> with our fill, so a marked cell keeps its number format,
// font, borders, alignment and protection and only its background changes.
import type { Severity } from '../../rules/catalogue';
import { addRel, ensureOverride, readRels, resolveTarget, type Package } from './package';
import { attr, NS_MAIN, REL_STYLES, rootPrefix, setAttr } from './xml';

/** ARGB of each severity's fill: red 错误, amber 提醒, blue 问题发现. */
export const SEVERITY_FILL: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', finding: 'FFBDD7EE' };

const CT_STYLES = 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml';
const MINIMAL_STYLES =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS_MAIN}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

/** Collects the formats needed while sheets are edited, then writes them into styles.xml once. */
export class StyleBook {
  private readonly part: string;
  private xml: string;
  private readonly p: string;
  private readonly xfs: string[];
  private readonly fillBase: number;
  private readonly added: string[] = [];
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly pkg: Package,
    workbookPart: string,
  ) {
    const rel = readRels(pkg, workbookPart).find((r) => r.type === REL_STYLES);
    let part = rel ? resolveTarget(workbookPart, rel.target) : null;
    if (part === null || !pkg.has(part)) {
      part = pkg.freeName('xl/styles#.xml').replace('styles1.xml', 'styles.xml');
      if (pkg.has(part)) part = pkg.freeName('xl/styles#.xml');
      pkg.write(part, MINIMAL_STYLES);
      addRel(pkg, workbookPart, REL_STYLES, part);
      ensureOverride(pkg, part, CT_STYLES);
    }
    this.part = part;
    let xml = pkg.read(part)!;
    this.p = rootPrefix(xml, 'styleSheet') ?? '';
    xml = this.ensureSection(
      xml,
      'fills',
      ['borders', 'cellStyleXfs', 'cellXfs'],
      '<fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>',
    );
    xml = this.ensureSection(
      xml,
      'cellXfs',
      ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'],
      '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
    );
    this.xml = xml;
    this.xfs = elements(section(xml, this.p, 'cellXfs').inner, this.p, 'xf');
    const fills = elements(section(xml, this.p, 'fills').inner, this.p, 'fill');
    this.fillBase = fills.length;
  }

  /** The cellXfs index of format `s` with the fill of `severity`. */
  marked(s: number, severity: Severity): number {
    const base = s >= 0 && s < this.xfs.length ? s : 0;
    const key = `${base}|${severity}`;
    let i = this.memo.get(key);
    if (i === undefined) {
      const fillId = this.fillBase + (['error', 'warning', 'finding'] as const).indexOf(severity);
      const xf = this.xfs[base] ?? `<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
      const start = /^<[^>]*?\/?>/.exec(xf)![0];
      let tag = setAttr(setAttr(start, 'fillId', String(fillId)), 'applyFill', '1');
      if (attr(tag, 'xfId') === null) tag = setAttr(tag, 'xfId', '0');
      i = this.xfs.length + this.added.length;
      this.added.push(tag + xf.slice(start.length));
      this.memo.set(key, i);
    }
    return i;
  }

  /** Write styles.xml (only when a format was added). */
  save(): void {
    if (this.added.length === 0) return;
    const p = this.p;
    const fills = (['error', 'warning', 'finding'] as const)
      .map(
        (s) =>
          `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${SEVERITY_FILL[s]}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
      )
      .join('');
    let xml = appendToSection(this.xml, p, 'fills', fills, this.fillBase + 3);
    xml = appendToSection(xml, p, 'cellXfs', this.added.join(''), this.xfs.length + this.added.length);
    this.pkg.write(this.part, xml);
  }

  private ensureSection(xml: string, local: string, before: string[], content: string): string {
    if (new RegExp(`<${this.p}${local}[\\s>/]`).test(xml)) return xml;
    const p = this.p;
    const el = `<${p}${local}>${content.replace(/<(\/?)(\w)/g, `<$1${p}$2`)}</${p}${local}>`;
    for (const b of before) {
      const m = new RegExp(`<${p}${b}[\\s>/]`).exec(xml);
      if (m) return xml.slice(0, m.index) + el + xml.slice(m.index);
    }
    return xml.replace(new RegExp(`</${p}styleSheet>`), `${el}</${p}styleSheet>`);
  }
}

function section(
  xml: string,
  p: string,
  local: string,
): { start: number; openEnd: number; innerEnd: number; inner: string; selfClosing: boolean } {
  const open = new RegExp(`<${p}${local}(?:\\s[^>]*)?>`).exec(xml)!;
  if (open[0].endsWith('/>')) {
    const at = open.index + open[0].length;
    return { start: open.index, openEnd: at, innerEnd: at, inner: '', selfClosing: true };
  }
  const openEnd = open.index + open[0].length;
  const innerEnd = xml.indexOf(`</${p}${local}>`, openEnd);
  return { start: open.index, openEnd, innerEnd, inner: xml.slice(openEnd, innerEnd), selfClosing: false };
}

/** Top-level child elements `local` of an element's content (they do not nest in styles.xml). */
function elements(inner: string, p: string, local: string): string[] {
  const re = new RegExp(`<${p}${local}(?=[\\s>/])(?:[^>]*?\\/>|[^>]*>[\\s\\S]*?<\\/${p}${local}>)`, 'g');
  return inner.match(re) ?? [];
}

function appendToSection(xml: string, p: string, local: string, content: string, count: number): string {
  const s = section(xml, p, local);
  const openTag = setAttr(xml.slice(s.start, s.openEnd).replace(/\s*\/>$/, '>'), 'count', String(count));
  if (s.selfClosing) return xml.slice(0, s.start) + openTag + content + `</${p}${local}>` + xml.slice(s.openEnd);
  return xml.slice(0, s.start) + openTag + s.inner + content + xml.slice(s.innerEnd);
}
