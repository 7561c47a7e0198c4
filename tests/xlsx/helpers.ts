// Test helpers: ExcelJS's reading as a reference, hand-made packages, compound files, LibreOffice, the CLI.
// (Sample ledgers written by ExcelJS: fixtures/sampleWorkbooks.ts.)
import ExcelJS from 'exceljs';
import { zipSync, strToU8 } from 'fflate';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export function tempDir(prefix = 'taizhang-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An ExcelJS cell value as a plain value: formula → result, rich text → text, error → its text. */
export function plainValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as unknown as Record<string, unknown>;
    if ('richText' in o) return (o.richText as { text: string }[]).map((r) => r.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return plainValue(o.result as ExcelJS.CellValue);
    if ('error' in o) return o.error;
    if ('text' in o) return o.text;
    return null;
  }
  if (v === '') return null;
  return v;
}

/** What ExcelJS reads, shaped like readWorkbook's output (0-based, trailing empties trimmed). */
export async function readWithExcelJS(bytes: Uint8Array): Promise<Record<string, unknown[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const out: Record<string, unknown[][]> = {};
  wb.eachSheet((ws) => {
    const rows: unknown[][] = [];
    let last = -1;
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const vals: unknown[] = [];
      let lastCol = -1;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // ExcelJS repeats a merge's value in every merged cell; the file holds it once.
        if (cell.isMerged && cell.master !== cell) return;
        const v = plainValue(cell.value);
        if (v !== null) {
          while (vals.length < c - 1) vals.push(null);
          vals[c - 1] = v;
          lastCol = c - 1;
        }
      });
      vals.length = lastCol + 1;
      if (lastCol >= 0) {
        rows[r - 1] = vals;
        last = r - 1;
      }
    });
    rows.length = last + 1;
    for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
    out[ws.name] = rows;
  });
  return out;
}

/** A hand-made xlsx package from raw part texts (for XML shapes ExcelJS never writes). */
export function makePackage(parts: {
  sheets: { name: string; xml: string }[];
  sharedStrings?: string;
  styles?: string;
  workbookPr?: string;
  definedNames?: string;
}): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  files['[Content_Types].xml'] = strToU8(
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>',
  );
  files['_rels/.rels'] = strToU8(
    '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  let rels = '';
  let sheets = '';
  parts.sheets.forEach((s, i) => {
    rels += `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s${i + 1}.xml"/>`;
    sheets += `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`;
    files[`xl/worksheets/s${i + 1}.xml`] = strToU8(s.xml);
  });
  if (parts.sharedStrings) {
    rels +=
      '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>';
    files['xl/strings.xml'] = strToU8(parts.sharedStrings);
  }
  if (parts.styles) {
    rels +=
      '<Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>';
    files['xl/styles.xml'] = strToU8(parts.styles);
  }
  files['xl/_rels/workbook.xml.rels'] = strToU8(
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
  );
  files['xl/workbook.xml'] = strToU8(
    `<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${parts.workbookPr ?? ''}<sheets>${sheets}</sheets>${parts.definedNames ?? ''}</workbook>`,
  );
  return zipSync(files);
}

/**
 * A minimal but well-formed compound file (MS-CFB, 512-byte sectors): sector 0 is the FAT, sector 1 the
 * directory, then one sector of data per stream. Enough for anything that lists the streams.
 */
export function makeCompoundFile(streams: string[]): Uint8Array {
  const names = ['Root Entry', ...streams];
  if (names.length > 4) throw new Error('at most 3 streams');
  const sectors = 2 + streams.length;
  const b = new Uint8Array(512 * (sectors + 1));
  const dv = new DataView(b.buffer);
  b.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  dv.setUint16(0x18, 0x3e, true);
  dv.setUint16(0x1a, 3, true);
  dv.setUint16(0x1c, 0xfffe, true);
  dv.setUint16(0x1e, 9, true);
  dv.setUint16(0x20, 6, true);
  dv.setUint32(0x2c, 1, true); // one FAT sector
  dv.setUint32(0x30, 1, true); // directory at sector 1
  dv.setUint32(0x38, 4096, true);
  dv.setUint32(0x3c, 0xfffffffe, true);
  dv.setUint32(0x44, 0xfffffffe, true);
  for (let i = 0; i < 109; i++) dv.setUint32(0x4c + i * 4, i === 0 ? 0 : 0xffffffff, true);
  const fat = 512;
  for (let i = 0; i < 128; i++) dv.setUint32(fat + i * 4, 0xffffffff, true);
  dv.setUint32(fat, 0xfffffffd, true); // FAT sector
  dv.setUint32(fat + 4, 0xfffffffe, true); // directory: one sector
  for (let s = 0; s < streams.length; s++) dv.setUint32(fat + (2 + s) * 4, 0xfffffffe, true);
  const dir = 1024;
  names.forEach((name, i) => {
    const e = dir + i * 128;
    for (let k = 0; k < name.length; k++) dv.setUint16(e + k * 2, name.charCodeAt(k), true);
    dv.setUint16(e + 64, (name.length + 1) * 2, true);
    b[e + 66] = i === 0 ? 5 : 2;
    b[e + 67] = 1;
    dv.setUint32(e + 68, i + 1 < names.length && i > 0 ? i + 1 : 0xffffffff, true); // left sibling chain
    dv.setUint32(e + 72, 0xffffffff, true);
    dv.setUint32(e + 76, i === 0 && names.length > 1 ? 1 : 0xffffffff, true);
    dv.setUint32(e + 116, i === 0 ? 0xfffffffe : 1 + i, true);
    dv.setUint32(e + 120, i === 0 ? 0 : 512, true);
  });
  for (let i = names.length; i < 4; i++) {
    const e = dir + i * 128;
    dv.setUint32(e + 68, 0xffffffff, true);
    dv.setUint32(e + 72, 0xffffffff, true);
    dv.setUint32(e + 76, 0xffffffff, true);
  }
  return b;
}

export function sofficePath(): string {
  for (const p of ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/local/bin/soffice']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  // CI installs LibreOffice; a missing soffice must fail the tests, not skip them.
  throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc');
}

/**
 * Converts with LibreOffice in its own profile (parallel runs must not share one). `convertTo` is
 * soffice's `--convert-to` value (a target and its filter options); returns every file it wrote, by name
 * (a CSV export of every sheet writes one per sheet).
 */
export function sofficeConvertFiles(bytes: Uint8Array, inputName: string, convertTo: string): Map<string, Uint8Array> {
  const dir = tempDir('taizhang-lo-');
  try {
    const input = join(dir, inputName);
    writeFileSync(input, bytes);
    const outDir = join(dir, 'out');
    execFileSync(
      sofficePath(),
      [
        `-env:UserInstallation=file://${join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        '--convert-to',
        convertTo,
        '--outdir',
        outDir,
        input,
      ],
      { stdio: 'pipe', timeout: 120_000 },
    );
    return new Map(readdirSync(outDir).map((f) => [f, new Uint8Array(readFileSync(join(outDir, f)))]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Converts a workbook to xlsx or xls with LibreOffice. */
export function sofficeConvert(bytes: Uint8Array, inputName: string, target: 'xlsx' | 'xls'): Uint8Array {
  const outName = basename(inputName).replace(/\.[^.]+$/, '') + '.' + target;
  const out = sofficeConvertFiles(bytes, inputName, target).get(outName);
  if (!out) throw new Error(`LibreOffice wrote no ${outName}`);
  return out;
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real, built command (`node bin/taizhang.mjs …`, built by tests/setup/build-cli.ts) as a subprocess. */
export function runCli(args: string[], opts: { cwd?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/taizhang.mjs'), ...args], {
    cwd: opts.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
