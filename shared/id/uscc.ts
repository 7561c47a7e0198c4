// 统一社会信用代码 GB 32100-2015: 18 characters from a 31-character set, the last one a check character.
export const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_CHARS.length; i++) VALUE[USCC_CHARS.charCodeAt(i)] = i;

function charValue(c: number): number {
  return c < 128 ? VALUE[c] : -1;
}

/** Check character of the first 17 characters; null when one of them is outside the set. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length < 17) return null;
  let s = 0;
  for (let i = 0; i < 17; i++) {
    const v = charValue(first17.charCodeAt(i));
    if (v < 0) return null;
    s += v * USCC_WEIGHTS[i];
  }
  return USCC_CHARS[(31 - (s % 31)) % 31];
}

export type UsccCheck =
  | { ok: true }
  | { ok: false; reason: 'length'; length: number }
  | { ok: false; reason: 'chars'; bad: string }
  | { ok: false; reason: 'check'; expected: string; actual: string };

/** Check an upper-case, half-width code. */
export function checkUscc(code: string): UsccCheck {
  const chars = Array.from(code);
  if (chars.length !== 18) return { ok: false, reason: 'length', length: chars.length };
  for (const c of chars) if (charValue(c.charCodeAt(0)) < 0 || c.length > 1) return { ok: false, reason: 'chars', bad: c };
  const expected = usccCheckChar(code) as string;
  return expected === code[17] ? { ok: true } : { ok: false, reason: 'check', expected, actual: code[17] };
}

/** Build a valid code from 17 characters of the set (tests, fixtures). */
export function makeUscc(first17: string): string {
  const c = usccCheckChar(first17);
  if (c === null) throw new RangeError('characters outside the GB 32100-2015 set');
  return first17 + c;
}
