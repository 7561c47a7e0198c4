import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  buildTemplateWorkbook,
  TEMPLATE_FIRST_DATA_ROW,
  TEMPLATE_HEADER_ROW,
  TEMPLATE_LAST_DATA_ROW,
} from '../../shared/node/templateWorkbook';
import {
  ENUMS,
  ROSTER_FIELDS,
  SHEET_GUIDE,
  SHEET_ROSTER,
  SHEET_UNIT,
  TEMPLATE_VERSION,
  TEMPLATE_VERSION_NAME,
  UNIT_FIELDS,
} from '../../shared/template/definition';
import { RULES, RULE_CODES, SEVERITY_LABEL } from '../../shared/rules/catalogue';
import { readWorkbook } from '../../shared/xlsx/read';
import { readLedgerFromXlsx } from '../../shared/ledger/fromXlsx';
import { checkLedger } from '../../shared/rules/engine';
import { fillTemplate } from '../../fixtures/sampleWorkbooks';

const template = await buildTemplateWorkbook();

async function load(bytes: Uint8Array) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** The raw worksheet XML of a sheet by name (validations are easiest to judge there). */
function sheetXml(bytes: Uint8Array, name: string): string {
  const files = unzipSync(bytes);
  const wbXml = strFromU8(files['xl/workbook.xml']);
  const rels = strFromU8(files['xl/_rels/workbook.xml.rels']);
  const rid = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="([^"]+)"`).exec(wbXml)![1];
  const target =
    new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
  return strFromU8(files[`xl/${target.replace(/^\/?xl\//, '')}`]);
}

describe('the standard template', () => {
  it('has the three sheets, the header row from definition.ts and the version stamp', () => {
    const wb = readWorkbook(template);
    expect(wb.sheetNames).toEqual([SHEET_UNIT, SHEET_ROSTER, SHEET_GUIDE]);
    expect(wb.sheets[SHEET_ROSTER][TEMPLATE_HEADER_ROW - 1]).toEqual(ROSTER_FIELDS.map((d) => d.header));
    const labels = wb.sheets[SHEET_UNIT].map((r) => r[0]);
    for (const d of UNIT_FIELDS) expect(labels).toContain(d.header);
    expect(wb.templateVersion).toBe(TEMPLATE_VERSION);
    expect(wb.definedNames[TEMPLATE_VERSION_NAME]).toMatch(new RegExp(`^'?${SHEET_GUIDE}'?!\\$B\\$2$`));
  });

  it('freezes the header, sets widths from definition.ts and formats the ID column as text', async () => {
    const wb = await load(template);
    const ws = wb.getWorksheet(SHEET_ROSTER)!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: TEMPLATE_HEADER_ROW });
    ROSTER_FIELDS.forEach((d, i) => {
      if (d.width) expect(ws.getColumn(i + 1).width).toBeCloseTo(d.width, 2);
      expect(ws.getCell(TEMPLATE_HEADER_ROW, i + 1).alignment?.wrapText).toBe(true);
    });
    const idCol = ROSTER_FIELDS.findIndex((d) => d.key === 'idNumber') + 1;
    expect(ws.getColumn(idCol).numFmt).toBe('@');
    expect(ws.getCell(TEMPLATE_FIRST_DATA_ROW + 10, idCol).numFmt).toBe('@');
  });

  it('has one range-level validation per roster column: lists for enums, dates, Chinese prompts', () => {
    const xml = sheetXml(template, SHEET_ROSTER);
    const dvs = [...xml.matchAll(/<dataValidation\b([^>]*?)(?:\/>|>([\s\S]*?)<\/dataValidation>)/g)];
    expect(dvs).toHaveLength(ROSTER_FIELDS.length);
    ROSTER_FIELDS.forEach((d, i) => {
      const col = String.fromCharCode(65 + i);
      const dv = dvs.find((m) => m[1].includes(`sqref="${col}${TEMPLATE_FIRST_DATA_ROW}:${col}${TEMPLATE_LAST_DATA_ROW}"`));
      expect(dv, d.header).toBeDefined();
      expect(dv![1]).toContain(`promptTitle="${d.header}"`);
      expect(dv![1]).toContain(d.help.replace(/"/g, '&quot;'));
      if (d.type.kind === 'enum') {
        expect(dv![1]).toContain('type="list"');
        expect(dv![2]).toContain(`&quot;${ENUMS[d.type.values].join(',')}&quot;`);
      }
      if (d.type.kind === 'date') expect(dv![1]).toContain('type="date"');
    });
  });

  it('explains every column and every rule, with what each severity means', () => {
    const guide = readWorkbook(template)
      .sheets[SHEET_GUIDE].flat()
      .filter((v) => typeof v === 'string')
      .join('\n');
    for (const d of ROSTER_FIELDS) expect(guide).toContain(d.help);
    for (const d of UNIT_FIELDS) expect(guide).toContain(d.help);
    for (const code of RULE_CODES) {
      expect(guide).toContain(code);
      expect(guide).toContain(RULES[code].explain);
    }
    for (const label of Object.values(SEVERITY_LABEL)) expect(guide).toContain(label);
    expect(guide).toMatch(/错误[\s\S]*阻止报送/);
    expect(guide).toMatch(/问题发现[\s\S]*不阻止/);
  });

  it('filled in correctly (through ExcelJS) validates with zero errors and warnings', async () => {
    const filled = await fillTemplate(template, 60);
    const ledger = readLedgerFromXlsx(filled);
    expect(ledger.templateVersion).toBe(TEMPLATE_VERSION);
    expect(ledger.roster?.rows).toHaveLength(60);
    expect(ledger.roster?.headerRow).toBe(TEMPLATE_HEADER_ROW);
    const result = checkLedger(ledger);
    expect(result.issues.filter((i) => i.severity !== 'finding')).toEqual([]);
    expect(result.ok).toBe(true);
    // The fixtures carry real policy problems: they are reported, and they do not block.
    expect(result.summary.findings).toBeGreaterThan(0);
  });
});
