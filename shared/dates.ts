// Calendar dates, the one home of day arithmetic in the project: China day, add-days, days-between and
// Excel serial dates (1900 and 1904 systems, both directions). Ledger dates are 'YYYY-MM-DD' strings; the
// engine compares them as yyyymmdd integers (Ymd) so no Date objects are allocated on the hot path.

/** y * 10000 + m * 100 + d; 0 means "no valid date". */
export type Ymd = number;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MS_PER_DAY = 86_400_000;
/** Largest Excel serial (9999-12-31). */
const MAX_SERIAL = 2_958_465;

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : DAYS_IN_MONTH[m - 1];
}

/** A real Gregorian date with a four-digit year (1000–9999). */
export function isRealDate(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

// '-MM-DD' for every month/day (index m * 32 + d), and 'YYYY' strings filled as used: ymdToIso is then one
// short concatenation instead of five (the engine formats dates into many messages).
const MD_TEXT: string[] = [];
for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) MD_TEXT[m * 32 + d] = '-' + pad2(m) + '-' + pad2(d);
const YEAR_TEXT: (string | undefined)[] = new Array(10000);

export function ymdToIso(v: Ymd): string {
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const d = v % 100;
  const md = m >= 1 && m <= 12 && d >= 1 && d <= 31 ? MD_TEXT[m * 32 + d] : undefined;
  if (md === undefined || !(y >= 0 && y <= 9999)) return y + '-' + pad2(m) + '-' + pad2(d);
  let yt = YEAR_TEXT[y];
  if (yt === undefined) yt = YEAR_TEXT[y] = String(y);
  return yt + md;
}

export function partsToIso(y: number, m: number, d: number): string {
  return y + '-' + pad2(m) + '-' + pad2(d);
}

/** 'YYYY-MM-DD' of a real date → Ymd; anything else → 0. No regex, no allocation. */
export function isoToYmd(s: string): Ymd {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return 0;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return 0;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48,
    m2 = s.charCodeAt(6) - 48,
    d1 = s.charCodeAt(8) - 48,
    d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return 0;
  const m = m1 * 10 + m2,
    d = d1 * 10 + d2;
  return isRealDate(y, m, d) ? y * 10000 + m * 100 + d : 0;
}

/** Add calendar months keeping the day of month, clamped to the target month's end. */
export function addMonths(v: Ymd, months: number): Ymd {
  const y = Math.floor(v / 10000);
  const m = Math.floor(v / 100) % 100;
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const dim = daysInMonth(ny, nm);
  const d = v % 100;
  return ny * 10000 + nm * 100 + (d > dim ? dim : d);
}

export function addYears(v: Ymd, years: number): Ymd {
  return addMonths(v, years * 12);
}

function isoFromUtcMs(ms: number): string | null {
  const dt = new Date(ms);
  const y = dt.getUTCFullYear();
  if (!(y >= 1000 && y <= 9999)) return null;
  return partsToIso(y, dt.getUTCMonth() + 1, dt.getUTCDate());
}

const SERIAL_EPOCH_BEFORE_60 = Date.UTC(1899, 11, 31);
const SERIAL_EPOCH_AFTER_60 = Date.UTC(1899, 11, 30);

/**
 * Excel 1900 date system serial → ISO date; the time of day (fraction) is ignored.
 * Serial 60 is Excel's fictitious 1900-02-29 and serials < 1 do not name a day: both → null.
 */
export function serialToIso(serial: number): string | null {
  if (!Number.isFinite(serial)) return null;
  const s = Math.floor(serial);
  if (s < 1 || s > MAX_SERIAL || s === 60) return null;
  return isoFromUtcMs((s < 60 ? SERIAL_EPOCH_BEFORE_60 : SERIAL_EPOCH_AFTER_60) + s * MS_PER_DAY);
}

// A ledger's date cells repeat a few thousand days over up to a million cells: remembering each day's
// text saves a Date and a string per cell (about 5% of a 100,000-row validate, and its garbage).
const isoByMs = new Map<number, string | null>();

/** A JS Date read from a workbook stands for a UTC calendar date (ExcelJS and our reader use UTC midnight). */
export function dateObjectToIso(d: Date): string | null {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return null;
  let iso = isoByMs.get(ms);
  if (iso === undefined) {
    if (isoByMs.size >= 65536) isoByMs.clear();
    iso = isoFromUtcMs(ms);
    isoByMs.set(ms, iso);
  }
  return iso;
}

// yyyy-mm-dd, yyyy/m/d, yyyy.m.d, yyyy年m月d日, optionally followed by a time of day.
const DATE_TEXT = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[ T]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/;

export interface DateText {
  /** The text has the shape of a date. */
  recognised: boolean;
  /** ISO date when it is also a real date. */
  iso: string | null;
}

/** Parse half-width, trimmed date text. */
export function parseDateText(s: string): DateText {
  if (isoToYmd(s) !== 0) return { recognised: true, iso: s };
  const m = DATE_TEXT.exec(s);
  if (!m) return { recognised: false, iso: null };
  const y = +m[1],
    mo = +m[2],
    d = +m[3];
  return { recognised: true, iso: isRealDate(y, mo, d) ? partsToIso(y, mo, d) : null };
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** Today's calendar date in China (UTC+8, no daylight saving). */
export function todayInChina(nowMs: number = Date.now()): string {
  return isoFromUtcMs(nowMs + CHINA_OFFSET_MS) ?? '1970-01-01';
}

/** The China calendar date (UTC+8) of an instant, 'YYYY-MM-DD'. */
export function chinaDay(at: Date | string | number): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** China wall-clock time 'YYYY-MM-DD HH:mm:ss' of an instant, for people (printed pages, messages). */
export function chinaTime(at: Date | string | number): string {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Days since 1970-01-01 of a Ymd (proleptic Gregorian). */
export function ymdToEpochDay(v: Ymd): number {
  return Math.round(Date.UTC(Math.floor(v / 10000), (Math.floor(v / 100) % 100) - 1, v % 100) / MS_PER_DAY);
}

export function epochDayToYmd(day: number): Ymd {
  const dt = new Date(day * MS_PER_DAY);
  return dt.getUTCFullYear() * 10000 + (dt.getUTCMonth() + 1) * 100 + dt.getUTCDate();
}

/** Ymd plus n calendar days (n may be negative). */
export function addDaysYmd(v: Ymd, n: number): Ymd {
  return epochDayToYmd(ymdToEpochDay(v) + n);
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (both 'YYYY-MM-DD'); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / MS_PER_DAY);
}

// ---------------------------------------------------------------------------------------------------
// Excel serial dates as instants. In the 1900 system serial 1 = 1900-01-01 and Excel counts a phantom
// 1900-02-29 (serial 60), so serials below 61 are one day behind the calendar; in the 1904 system
// (old Mac workbooks, workbookPr date1904) serial 0 = 1904-01-01. 25569 = serial of 1970-01-01 (1900).

const UNIX_EPOCH_SERIAL_1900 = 25569;
const DATE1904_OFFSET = 1462;

/** Excel serial (with time of day as the fraction) → JS Date at UTC, as ExcelJS reads it for serials ≥ 61. */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  const days = date1904 ? serial + DATE1904_OFFSET : serial < 61 ? serial + 1 : serial;
  return new Date(Math.round((days - UNIX_EPOCH_SERIAL_1900) * MS_PER_DAY));
}

/** JS Date (its UTC calendar date and time) → Excel serial; the inverse of excelSerialToDate. */
export function dateToExcelSerial(d: Date, date1904 = false): number {
  const days = d.getTime() / MS_PER_DAY + UNIX_EPOCH_SERIAL_1900;
  if (date1904) return days - DATE1904_OFFSET;
  return days < 61 ? days - 1 : days;
}

/** 'YYYY-MM-DD' of a real date → its Excel serial, or null. */
export function isoToSerial(s: string, date1904 = false): number | null {
  const v = isoToYmd(s);
  if (v === 0) return null;
  return dateToExcelSerial(new Date(ymdToEpochDay(v) * MS_PER_DAY), date1904);
}

/** An instant → Excel serial of its China wall-clock date and time (what a person in China reads). */
export function instantToChinaSerial(at: Date | string | number): number | null {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (!Number.isFinite(ms)) return null;
  return dateToExcelSerial(new Date(ms + CHINA_OFFSET_MS));
}
