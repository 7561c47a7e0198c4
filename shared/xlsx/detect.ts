// What kind of file is this? Decided from the bytes, never from the file name: users rename files.

export type FileKind = 'empty' | 'zip' | 'legacy-xls' | 'encrypted' | 'ole-other' | 'text' | 'unknown';

const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function sniffFile(b: Uint8Array): FileKind {
  if (b.length === 0) return 'empty';
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5 || b[2] === 7) && b[3] === b[2] + 1) return 'zip';
  if (b.length >= 8 && OLE_MAGIC.every((v, i) => b[i] === v)) return classifyCompoundFile(b);
  if (looksLikeText(b)) return 'text';
  return 'unknown';
}

/** True for a file that a person would call text (CSV, TSV, a note), in UTF-8, UTF-16 or GBK. */
export function looksLikeText(b: Uint8Array): boolean {
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff)) return true;
  const n = Math.min(b.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i];
    if (c === 0) return false;
    if (c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 27) control++;
  }
  return control <= n / 100;
}

/**
 * Classifies an OLE2 compound file by its stream names. Excel and WPS store a password-protected .xlsx
 * as a compound file holding "EncryptionInfo" and "EncryptedPackage"; a legacy .xls holds "Workbook"
 * (BIFF8) or "Book" (BIFF5). When the directory cannot be walked we fall back to a byte search.
 */
function classifyCompoundFile(b: Uint8Array): FileKind {
  const names = compoundStreamNames(b);
  if (names) {
    if (names.has('EncryptionInfo') || names.has('EncryptedPackage')) return 'encrypted';
    if (names.has('Workbook') || names.has('Book')) return 'legacy-xls';
    if (names.has('WordDocument') || names.has('PowerPoint Document')) return 'ole-other';
    return 'legacy-xls';
  }
  return containsUtf16(b, 'EncryptionInfo') ? 'encrypted' : 'legacy-xls';
}

function containsUtf16(b: Uint8Array, s: string): boolean {
  const pat = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) pat[i * 2] = s.charCodeAt(i);
  outer: for (let i = b.indexOf(pat[0]); i >= 0 && i + pat.length <= b.length; i = b.indexOf(pat[0], i + 1)) {
    for (let j = 1; j < pat.length; j++) if (b[i + j] !== pat[j]) continue outer;
    return true;
  }
  return false;
}

const u16 = (b: Uint8Array, o: number) => b[o] | (b[o + 1] << 8);
const u32 = (b: Uint8Array, o: number) => (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16)) + b[o + 3] * 0x1000000;
const END_OF_CHAIN = 0xfffffffe;

/** Names of the directory entries of a compound file (MS-CFB), or null if it cannot be walked. */
export function compoundStreamNames(b: Uint8Array): Set<string> | null {
  if (b.length < 512) return null;
  const shift = u16(b, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectorOffset = (n: number) => (n + 1) * size;
  const numFat = u32(b, 0x2c);
  const dirStart = u32(b, 0x30);
  let difat = u32(b, 0x44);
  let numDifat = u32(b, 0x48);
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < numFat; i++) fatSectors.push(u32(b, 0x4c + i * 4));
  while (numDifat-- > 0 && difat < END_OF_CHAIN && fatSectors.length < numFat) {
    const o = sectorOffset(difat);
    if (o + size > b.length) return null;
    for (let i = 0; i < size / 4 - 1 && fatSectors.length < numFat; i++) fatSectors.push(u32(b, o + i * 4));
    difat = u32(b, o + size - 4);
  }
  const perSector = size / 4;
  const next = (n: number): number => {
    const fs = fatSectors[Math.floor(n / perSector)];
    if (fs === undefined) return -1;
    const o = sectorOffset(fs) + (n % perSector) * 4;
    return o + 4 > b.length ? -1 : u32(b, o);
  };
  const names = new Set<string>();
  let sector = dirStart;
  for (let guard = 0; sector !== END_OF_CHAIN; guard++) {
    if (guard > 100_000 || sector < 0 || sector > 0xfffffffa) return null;
    const o = sectorOffset(sector);
    if (o + size > b.length) return null;
    for (let e = o; e < o + size; e += 128) {
      const len = u16(b, e + 64);
      const type = b[e + 66];
      if (type === 0 || len < 2 || len > 64) continue;
      let name = '';
      for (let k = 0; k < len - 2; k += 2) name += String.fromCharCode(u16(b, e + k));
      names.add(name);
    }
    sector = next(sector);
  }
  return names.size > 0 ? names : null;
}
