// The fixed styles.xml every workbook carries, the cellXfs indexes rows refer to, the column defaults
// by kind, and the namespaces of the package parts.
import type { ColumnKind } from './types';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';

// Style indexes into cellXfs (see STYLES_XML). bold = +BOLD_OFFSET.
export const S_GENERAL = 0;
export const S_TEXT_QUOTED = 1;
export const S_INTEGER = 2;
export const S_NUMBER = 3;
export const S_DATE = 4;
export const S_DATETIME = 5;
export const S_TEXT = 6;
export const BOLD_OFFSET = 7;
export const S_HEADER = 14;

export const KIND_STYLE: Record<ColumnKind, number> = {
  text: S_TEXT,
  integer: S_INTEGER,
  number: S_NUMBER,
  date: S_DATE,
  datetime: S_DATETIME,
};
export const DEFAULT_WIDTH: Record<ColumnKind, number> = { text: 14, integer: 10, number: 12, date: 12, datetime: 17 };

export const STYLES_XML =
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
  `<styleSheet xmlns="${MAIN_NS}">` +
  `<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="yyyy\\-mm\\-dd\\ hh:mm"/></numFmts>` +
  `<fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>` +
  `<font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts>` +
  `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
  `<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>` +
  `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
  `<border><left style="thin"><color rgb="FFB4C6E7"/></left><right style="thin"><color rgb="FFB4C6E7"/></right><top style="thin"><color rgb="FFB4C6E7"/></top><bottom style="thin"><color rgb="FFB4C6E7"/></bottom><diagonal/></border></borders>` +
  `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
  `<cellXfs count="15">` +
  [0, 1]
    .map((font) => {
      const f = font === 1 ? ' applyFont="1"' : '';
      return (
        `<xf numFmtId="0" fontId="${font}" fillId="0" borderId="0" xfId="0"${f}/>` +
        `<xf numFmtId="49" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" quotePrefix="1"${f}/>` +
        `<xf numFmtId="1" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>` +
        `<xf numFmtId="4" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>` +
        `<xf numFmtId="164" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>` +
        `<xf numFmtId="165" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>` +
        `<xf numFmtId="49" fontId="${font}" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"${f}/>`
      );
    })
    .join('') +
  `<xf numFmtId="49" fontId="1" fillId="2" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1" quotePrefix="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>` +
  `</cellXfs>` +
  `<cellStyles count="1"><cellStyle name="常规" xfId="0" builtinId="0"/></cellStyles>` +
  `</styleSheet>`;
