/**
 * Cell parsers: raw SheetJS values (numbers, strings, booleans, null) in, `{ value }` or `{ error }` out.
 * `{ value: null }` means the cell holds no value: blank, '-', '—', '无' … — missing, never 0.
 */

export type ValueErrorCode =
  | 'NOT_A_NUMBER'
  | 'NOT_AN_INTEGER'
  | 'NEGATIVE_NUMBER'
  | 'BAD_YEAR'
  | 'BAD_DATE'
  | 'BAD_DATE_RANGE'
  | 'BAD_DOI'
  | 'BAD_URL'
  | 'BAD_EMAIL';

export type Parsed<T> = { readonly value: T | null } | { readonly error: ValueErrorCode };

export interface DateValue {
  /** YYYY-MM-DD; with month precision, the first of the month. */
  readonly start: string;
  /** Last day (or month) of a range; absent for a single date. */
  readonly end?: string;
  readonly precision: 'day' | 'month';
}

const MISSING = new Set(['', '-', '--', '—', '——', '–', '/', '无', '暂无', '空', 'n/a', 'na', 'none', 'null', '#n/a']);

export function isError<T>(p: Parsed<T>): p is { readonly error: ValueErrorCode } {
  return 'error' in p;
}

/** Full-width letters and digits (Ａ１) and odd spaces folded to ASCII; Chinese punctuation (：，（）) untouched. */
export function foldWidth(s: string): string {
  return s
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00A0\u2002-\u200A\u202F\u205F]/g, ' ')
    .replace(/[\u200B\uFEFF]/g, '');
}

export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'string') return MISSING.has(raw.normalize('NFKC').replace(/[\s\u200B\uFEFF]+/g, '').toLowerCase());
  if (typeof raw === 'number') return Number.isNaN(raw);
  return false;
}

const CJK = '\\u2E80-\\u9FFF\\uF900-\\uFAFF\\uFF00-\\uFF60\\u3000-\\u303F';
const BETWEEN_CJK = new RegExp(`(?<=[${CJK}])\\s+(?=[${CJK}])`, 'g');

/**
 * Text as shown: full-width letters and digits folded, runs of whitespace and line breaks collapsed, trimmed.
 * Not NFKC: that would also rewrite Chinese punctuation (：→:) and superscripts in titles (m² → m2).
 * A line break between two Chinese characters is a wrapped cell, not a space.
 */
export function cleanText(s: string): string {
  return foldWidth(s.normalize('NFC')).replace(BETWEEN_CJK, '').replace(/\s+/g, ' ').trim();
}

/** Like cleanText, keeping line breaks (one per paragraph). */
export function cleanLongText(s: string): string {
  return foldWidth(s.normalize('NFC'))
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

function rawString(raw: unknown): string | null {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? String(raw) : null;
  if (typeof raw === 'boolean') return raw ? 'TRUE' : 'FALSE';
  return null;
}

export function parseText(raw: unknown): Parsed<string> {
  if (isBlank(raw)) return { value: null };
  const s = rawString(raw);
  const text = s === null ? '' : cleanText(s);
  return { value: text === '' ? null : text };
}

export function parseLongText(raw: unknown): Parsed<string> {
  if (isBlank(raw)) return { value: null };
  const s = rawString(raw);
  const text = s === null ? '' : cleanLongText(s);
  return { value: text === '' ? null : text };
}

const NUMBER = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[+-]?\d+)?$|^[+-]?\.\d+$/i;
const UNITS = /(?:人次|人|次|篇|个|项|场|家)$/;

/** '８５', '4,567', '4，567', ' 45 ', '1.2万', '300人' → numbers; '-', '无', '' → no value. */
export function parseNumber(raw: unknown): Parsed<number> {
  if (isBlank(raw)) return { value: null };
  if (typeof raw === 'number') return Number.isFinite(raw) ? { value: raw } : { error: 'NOT_A_NUMBER' };
  if (typeof raw !== 'string') return { error: 'NOT_A_NUMBER' };
  let s = foldWidth(raw.normalize('NFKC')).replace(/\s+/g, '').replace(UNITS, '');
  let scale = 1;
  if (s.endsWith('万')) {
    scale = 10_000;
    s = s.slice(0, -1);
  }
  if (!NUMBER.test(s)) return { error: 'NOT_A_NUMBER' };
  const n = Number(s.replace(/,/g, '')) * scale;
  if (!Number.isFinite(n)) return { error: 'NOT_A_NUMBER' };
  // 1.2万 is 12000, not 12000.000000000002
  return { value: scale === 1 ? n : Math.round(n * 1e6) / 1e6 };
}

/** A count: a whole number, not negative. */
export function parseCount(raw: unknown): Parsed<number> {
  const p = parseNumber(raw);
  if (isError(p) || p.value === null) return p;
  if (p.value < 0) return { error: 'NEGATIVE_NUMBER' };
  if (!Number.isInteger(p.value)) return { error: 'NOT_AN_INTEGER' };
  return p;
}

/** A non-negative measure that may have decimals (an attention score). */
export function parseMeasure(raw: unknown): Parsed<number> {
  const p = parseNumber(raw);
  if (isError(p) || p.value === null) return p;
  return p.value < 0 ? { error: 'NEGATIVE_NUMBER' } : p;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;

/** 2025, '2025', '2025年', '2025年度', '２０２５' — or a date string, whose year is taken. */
export function parseYear(raw: unknown): Parsed<number> {
  if (isBlank(raw)) return { value: null };
  if (typeof raw === 'number') {
    return Number.isInteger(raw) && raw >= MIN_YEAR && raw <= MAX_YEAR ? { value: raw } : { error: 'BAD_YEAR' };
  }
  if (typeof raw !== 'string') return { error: 'BAD_YEAR' };
  const s = foldWidth(raw.normalize('NFKC')).replace(/\s+/g, '');
  const m = /^(\d{4})(?:年度?)?$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return y >= MIN_YEAR && y <= MAX_YEAR ? { value: y } : { error: 'BAD_YEAR' };
  }
  const d = parseDateText(s);
  return d ? { value: Number(d.start.slice(0, 4)) } : { error: 'BAD_YEAR' };
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number): string => `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function validDay(y: number, m: number, d: number): boolean {
  return y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

const DAY_MS = 86_400_000;
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * An Excel serial number as a day. 1900 system: serial 1 is 1900-01-01 and Excel counts a 29 February 1900 that
 * never was (serial 60), so serials from 61 on count from 1899-12-30. 1904 system: serial 0 is 1904-01-01.
 * The time of day (the fraction) is dropped.
 */
export function excelSerialToDate(serial: number, date1904: boolean): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial > 2_958_465) return null; // 2958465 is 9999-12-31
  const whole = Math.floor(serial + 1e-9);
  let ms: number;
  if (date1904) ms = EPOCH_1904 + whole * DAY_MS;
  else if (whole === 0 || whole === 60) return null; // 1900-01-00 and the phantom 1900-02-29
  else if (whole < 60) ms = EPOCH_1900 + (whole + 1) * DAY_MS;
  else ms = EPOCH_1900 + whole * DAY_MS;
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) return null;
  return iso(y, d.getUTCMonth() + 1, d.getUTCDate());
}

interface DatePart {
  y: number;
  m: number;
  d: number | null;
}

// One date at the start of the text: 2026年3月5日, 2026年3月, 2026-03-05, 2026/3/5, 2026.3.5, 2026.3, 20260305.
const CN_DATE = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号]?)?/;
const SEP_DATE = /^(\d{4})([-/.])(\d{1,2})(?:\2(\d{1,2})(?!\d))?/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})(?!\d)/;
const TIME = /(?:[T ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)$/;

function leadingDate(s: string): { part: DatePart; rest: string; sep: string } | null {
  let m = CN_DATE.exec(s);
  if (m) return { part: { y: Number(m[1]), m: Number(m[2]), d: m[3] ? Number(m[3]) : null }, rest: s.slice(m[0].length), sep: '年' };
  m = SEP_DATE.exec(s);
  if (m) return { part: { y: Number(m[1]), m: Number(m[3]), d: m[4] ? Number(m[4]) : null }, rest: s.slice(m[0].length), sep: m[2]! };
  m = COMPACT_DATE.exec(s);
  if (m) return { part: { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) }, rest: s.slice(m[0].length), sep: '' };
  return null;
}

function partValid(p: DatePart): boolean {
  return p.d === null ? p.y >= MIN_YEAR && p.y <= MAX_YEAR && p.m >= 1 && p.m <= 12 : validDay(p.y, p.m, p.d);
}

const partIso = (p: DatePart): string => iso(p.y, p.m, p.d ?? 1);

function normaliseDateText(s: string): string {
  return foldWidth(s.normalize('NFKC')).replace(/\s+/g, ' ').trim().replace(TIME, '').replace(/\s+/g, '');
}

/** One date written as text, or null. */
function parseDateText(text: string): DateValue | null {
  const s = normaliseDateText(text);
  const lead = leadingDate(s);
  if (!lead || lead.rest !== '' || !partValid(lead.part)) return null;
  return { start: partIso(lead.part), precision: lead.part.d === null ? 'month' : 'day' };
}

export function parseDate(raw: unknown, date1904 = false): Parsed<DateValue> {
  if (isBlank(raw)) return { value: null };
  if (typeof raw === 'number') {
    const day = excelSerialToDate(raw, date1904);
    return day ? { value: { start: day, precision: 'day' } } : { error: 'BAD_DATE' };
  }
  if (typeof raw !== 'string') return { error: 'BAD_DATE' };
  const d = parseDateText(raw);
  return d ? { value: d } : { error: 'BAD_DATE' };
}

const RANGE_SEP = /^(?:-|~|–|—|―|〜|至|到)+/;

/** The end of a range, which borrows what it leaves out from the start: '10日', '6月10日', '6.10', '7月'. */
function rangeEnd(s: string, start: DatePart, sep: string): DatePart | null {
  const full = leadingDate(s);
  if (full && full.rest === '') return full.part;
  let m: RegExpExecArray | null;
  if (start.d !== null) {
    if ((m = /^(\d{1,2})月(\d{1,2})[日号]?$/.exec(s))) return { y: start.y, m: Number(m[1]), d: Number(m[2]) };
    if (sep && sep !== '年' && (m = new RegExp(`^(\\d{1,2})\\${sep}(\\d{1,2})$`).exec(s))) return { y: start.y, m: Number(m[1]), d: Number(m[2]) };
    if ((m = /^(\d{1,2})[日号]?$/.exec(s))) return { y: start.y, m: start.m, d: Number(m[1]) };
    return null;
  }
  if ((m = /^(\d{1,2})月?$/.exec(s))) return { y: start.y, m: Number(m[1]), d: null };
  return null;
}

/**
 * A single date or a range: '2026年6月8日-10日', '2026年6月8日至6月10日', '2026.6.8-6.10', '2026-10-16',
 * '2026.9' (month precision), an Excel serial. An end before the start with no year of its own is in the next year.
 */
export function parseDateRange(raw: unknown, date1904 = false): Parsed<DateValue> {
  if (isBlank(raw) || typeof raw === 'number') return parseDate(raw, date1904);
  if (typeof raw !== 'string') return { error: 'BAD_DATE' };
  const s = normaliseDateText(raw);
  const lead = leadingDate(s);
  if (!lead || !partValid(lead.part)) return { error: 'BAD_DATE' };
  const precision = lead.part.d === null ? 'month' : 'day';
  if (lead.rest === '') return { value: { start: partIso(lead.part), precision } };
  const sep = RANGE_SEP.exec(lead.rest);
  if (!sep) return { error: 'BAD_DATE' };
  const end = rangeEnd(lead.rest.slice(sep[0].length), lead.part, lead.sep);
  if (!end || (end.d === null) !== (lead.part.d === null)) return { error: 'BAD_DATE_RANGE' };
  let endIso = partIso(end);
  const startIso = partIso(lead.part);
  const ownYear = leadingDate(lead.rest.slice(sep[0].length)) !== null;
  if (endIso < startIso && !ownYear) {
    end.y += 1;
    endIso = partIso(end);
  }
  if (!partValid(end) || endIso < startIso) return { error: 'BAD_DATE_RANGE' };
  return { value: endIso === startIso ? { start: startIso, precision } : { start: startIso, end: endIso, precision } };
}

const DOI = /^10\.\d{4,9}\/\S+$/;

/** 'https://doi.org/10.1002/ADMA.2024.00001', 'doi:10…', 'DOI：10…' → '10.1002/adma.2024.00001'. */
export function parseDoi(raw: unknown): Parsed<string> {
  if (isBlank(raw)) return { value: null };
  if (typeof raw !== 'string') return { error: 'BAD_DOI' };
  // Spaces inside are refused, not removed: '10.1/x (online first)' is not a DOI.
  let s = foldWidth(raw.normalize('NFKC')).trim();
  s = s.replace(/^(?:https?:\/\/)?(?:dx\.)?doi\.org\//i, '').replace(/^doi\s*:\s*/i, '');
  if (/%[0-9a-f]{2}/i.test(s)) {
    try {
      s = decodeURIComponent(s);
    } catch {
      return { error: 'BAD_DOI' };
    }
  }
  s = s.toLowerCase();
  return DOI.test(s) ? { value: s } : { error: 'BAD_DOI' };
}

/** Split on , ， 、 ; ； and line breaks. When a cell has ; 、 or line breaks, commas stay (as in "Smith, J.; Doe, A."). */
export function parseList(raw: unknown): Parsed<readonly string[]> {
  if (isBlank(raw)) return { value: null };
  const s = rawString(raw);
  if (s === null) return { value: null };
  const text = foldWidth(s.normalize('NFC'));
  const strong = /[;；、\n\r]/.test(text);
  const parts = text
    .split(strong ? /[;；、\n\r]+/ : /[,，]+/)
    .map((p) => cleanText(p))
    .filter((p) => /[^\p{P}\p{S}\s]/u.test(p) && !isBlank(p));
  return { value: parts.length ? parts : null };
}

export function parseUrl(raw: unknown): Parsed<string> {
  if (isBlank(raw)) return { value: null };
  if (typeof raw !== 'string') return { error: 'BAD_URL' };
  let s = foldWidth(raw.normalize('NFKC')).trim();
  if (/^www\./i.test(s)) s = `https://${s}`;
  return /^https?:\/\/[^\s/$.?#][^\s]*$/i.test(s) ? { value: s } : { error: 'BAD_URL' };
}

export function parseEmail(raw: unknown): Parsed<string> {
  if (isBlank(raw)) return { value: null };
  if (typeof raw !== 'string') return { error: 'BAD_EMAIL' };
  const s = foldWidth(raw.normalize('NFKC')).trim().replace(/^mailto:/i, '');
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) ? { value: s.toLowerCase() } : { error: 'BAD_EMAIL' };
}

/** Text for keys and comparisons: NFKC, case-folded, without punctuation, symbols or spaces. */
export function normaliseKeyText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
}
