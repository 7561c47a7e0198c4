// 公民身份号码 GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence (odd = male), check char.
import { isRealDate, type Ymd } from '../dates';

export const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** S mod 11 → check character. */
export const ID_CHECK_CHARS = '10X98765432';

// Province-level codes: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65, 71, 81, 82.
const PROVINCE = new Uint8Array(100);
for (const [a, b] of [
  [11, 15],
  [21, 23],
  [31, 37],
  [41, 46],
  [50, 54],
  [61, 65],
  [71, 71],
  [81, 82],
]) {
  for (let i = a; i <= b; i++) PROVINCE[i] = 1;
}

export function isProvinceCode(code: number): boolean {
  return code >= 0 && code < 100 && PROVINCE[code] === 1;
}

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Check character of the first 17 digits (caller guarantees 17 digits). */
export function idCheckChar(first17: string): string {
  let s = 0;
  for (let i = 0; i < 17; i++) s += (first17.charCodeAt(i) - 48) * ID_WEIGHTS[i];
  return ID_CHECK_CHARS[s % 11];
}

/** 15-digit ID → 18 digits: insert '19' before the 2-digit year, append the check character. */
export function upgradeId15(id15: string): string {
  const first17 = id15.slice(0, 6) + '19' + id15.slice(6);
  return first17 + idCheckChar(first17);
}

/** 'digits18' = 17 digits then a digit or X; 'digits15' = 15 digits. Expects upper-case, trimmed text. */
export function idShape(s: string): 'digits18' | 'digits15' | null {
  if (s.length === 18) {
    for (let i = 0; i < 17; i++) if (!isDigitCode(s.charCodeAt(i))) return null;
    const last = s.charCodeAt(17);
    return isDigitCode(last) || last === 88 /* X */ ? 'digits18' : null;
  }
  if (s.length === 15) {
    for (let i = 0; i < 15; i++) if (!isDigitCode(s.charCodeAt(i))) return null;
    return 'digits15';
  }
  return null;
}

function dig(s: string, i: number): number {
  return s.charCodeAt(i) - 48;
}

export interface IdAnalysis {
  /** The 18-character ID the checks ran on (upgraded when the input had 15 digits). */
  id18: string;
  from15: boolean;
  regionOk: boolean;
  /** Encoded birth date as Ymd, 0 when it does not exist. */
  birth: Ymd;
  checksumOk: boolean;
  expectedCheck: string;
  male: boolean;
}

/** Analyse an upper-case ID; null when it has neither the 18- nor the 15-digit shape (ID_FORMAT). */
export function analyseId(s: string): IdAnalysis | null {
  const out: IdAnalysis = { id18: '', from15: false, regionOk: false, birth: 0, checksumOk: false, expectedCheck: '', male: false };
  return analyseIdInto(s, out) ? out : null;
}

/** analyseId writing into a caller-owned object (the engine reuses one per check); false = no ID shape. */
export function analyseIdInto(s: string, out: IdAnalysis): boolean {
  let id18: string, from15: boolean, expectedCheck: string;
  if (s.length === 18) {
    // Shape check and checksum in one pass (the common case).
    let sum = 0;
    for (let i = 0; i < 17; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return false;
      sum += c * ID_WEIGHTS[i];
    }
    const last = s.charCodeAt(17);
    if (!isDigitCode(last) && last !== 88 /* X */) return false;
    id18 = s;
    from15 = false;
    expectedCheck = ID_CHECK_CHARS[sum % 11];
  } else {
    if (idShape(s) !== 'digits15') return false;
    id18 = upgradeId15(s);
    from15 = true;
    expectedCheck = idCheckChar(id18);
  }
  const y = dig(id18, 6) * 1000 + dig(id18, 7) * 100 + dig(id18, 8) * 10 + dig(id18, 9);
  const m = dig(id18, 10) * 10 + dig(id18, 11),
    d = dig(id18, 12) * 10 + dig(id18, 13);
  out.id18 = id18;
  out.from15 = from15;
  out.regionOk = isProvinceCode((id18.charCodeAt(0) - 48) * 10 + (id18.charCodeAt(1) - 48));
  out.birth = isRealDate(y, m, d) ? y * 10000 + m * 100 + d : 0;
  out.checksumOk = id18.charCodeAt(17) === expectedCheck.charCodeAt(0);
  out.expectedCheck = expectedCheck;
  out.male = (id18.charCodeAt(16) - 48) % 2 === 1;
  return true;
}

const FULL_WIDTH_G = /[\uFF01-\uFF5E]/g;

/**
 * The comparison key of an ID across rows/units/lists: half-width, no whitespace, upper-case,
 * 15 digits upgraded to 18. null when it has no ID shape.
 */
export function idKey(raw: unknown): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  let s = typeof raw === 'number' ? (Number.isSafeInteger(raw) ? String(raw) : '') : raw;
  s = s
    .replace(FULL_WIDTH_G, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, '')
    .toUpperCase();
  const shape = idShape(s);
  return shape === 'digits18' ? s : shape === 'digits15' ? upgradeId15(s) : null;
}

/** Build a valid 18-digit ID (tests, fixtures, demos): region '110101', birth 'YYYYMMDD', sequence 0–999. */
export function makeIdNumber(region: string, birthYmd: string, seq: number, male?: boolean): string {
  let q = ((seq % 1000) + 1000) % 1000;
  if (male !== undefined && (q % 2 === 1) !== male) q = q === 999 ? 998 : q + 1;
  const first17 = region + birthYmd + String(q).padStart(3, '0');
  return first17 + idCheckChar(first17);
}
