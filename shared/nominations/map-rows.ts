import type { CampaignKind } from '../campaign/model.ts';
import { fieldsFor, identityField, type FieldDef } from './fields.ts';
import { cellText, columnLetter, normaliseHeader, type ColumnMapping } from './header.ts';
import {
  isBlank,
  isError,
  normaliseKeyText,
  parseCount,
  parseDate,
  parseDateRange,
  parseDoi,
  parseEmail,
  parseList,
  parseLongText,
  parseMeasure,
  parseText,
  parseUrl,
  parseYear,
  type DateValue,
  type Parsed,
  type ValueErrorCode,
} from './values.ts';

export type FieldValue = string | number | readonly string[] | DateValue;

export interface NominationDraft {
  readonly kind: CampaignKind;
  /** Identity across files and nominators: the same key is the same nomination. */
  readonly key: string;
  /** The identity field's text (title or name). */
  readonly label: string;
  readonly source: { readonly sheet: string; readonly row: number };
  /** Parsed values by field id (null prototype); a field without a value is absent. */
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** The cells as read, by field id (null prototype), for the secretary to compare. */
  readonly raw: Readonly<Record<string, unknown>>;
  /** Cells of unmapped columns, kept so nothing the society sent is lost. */
  readonly extra: readonly { readonly column: string; readonly header: string; readonly value: unknown }[];
}

export const IMPORT_ISSUE_CODES = [
  'HEADER_NOT_FOUND',
  'REQUIRED_MISSING',
  'COLUMN_MISSING',
  'DUPLICATE_KEY',
  'NOT_A_NUMBER',
  'NOT_AN_INTEGER',
  'NEGATIVE_NUMBER',
  'BAD_YEAR',
  'BAD_DATE',
  'BAD_DATE_RANGE',
  'BAD_DOI',
  'BAD_URL',
  'BAD_EMAIL',
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

export interface ImportIssue {
  readonly sheet: string;
  /** The 1-based row number Excel shows. */
  readonly row: number;
  /** Column letters ('' when the issue is about a column that is not there). */
  readonly column: string;
  readonly field: string;
  readonly code: ImportIssueCode;
  /** error: the row was not imported; warning: imported without this value. */
  readonly severity: 'error' | 'warning';
  /** Plain English; the renderer words the code. */
  readonly message: string;
  readonly value: string | number | boolean | null;
}

export interface MapRowsInput {
  readonly kind: CampaignKind;
  readonly rows: readonly (readonly unknown[] | undefined)[];
  /** 0-based index of the header row in rows. */
  readonly headerRow: number;
  readonly mapping: ColumnMapping;
  readonly sheet: string;
  readonly date1904?: boolean;
}

export interface MapRowsResult {
  readonly items: NominationDraft[];
  readonly issues: ImportIssue[];
  /** Rows with content that did not become a nomination. */
  readonly rejected: number;
  /** Rows passed over: blank, a repeated header, a note (注：…). */
  readonly skipped: number;
}

const MESSAGES: Readonly<Record<ImportIssueCode, string>> = {
  HEADER_NOT_FOUND: 'no header row was found',
  REQUIRED_MISSING: 'a required value is missing',
  COLUMN_MISSING: 'no column was matched to a required field',
  DUPLICATE_KEY: 'the same nomination appears on an earlier row',
  NOT_A_NUMBER: 'not a number',
  NOT_AN_INTEGER: 'not a whole number',
  NEGATIVE_NUMBER: 'a negative number',
  BAD_YEAR: 'not a year',
  BAD_DATE: 'not a date',
  BAD_DATE_RANGE: 'not a date range (its end is not a date or comes before its start)',
  BAD_DOI: 'not a DOI (10.NNNN/…)',
  BAD_URL: 'not a web address',
  BAD_EMAIL: 'not an e-mail address',
};

/** One cell read with its field's parser. */
export function parseField(def: FieldDef, raw: unknown, date1904 = false): Parsed<FieldValue> {
  switch (def.type) {
    case 'text':
      return parseText(raw);
    case 'longText':
      return parseLongText(raw);
    case 'int':
      return parseCount(raw);
    case 'number':
      return parseMeasure(raw);
    case 'year':
      return parseYear(raw);
    case 'date':
      return parseDate(raw, date1904);
    case 'dateRange':
      return parseDateRange(raw, date1904);
    case 'doi':
      return parseDoi(raw);
    case 'list':
      return parseList(raw);
    case 'url':
      return parseUrl(raw);
    case 'email':
      return parseEmail(raw);
  }
}

function issueValue(raw: unknown): string | number | boolean | null {
  if (typeof raw === 'string') return raw.length > 200 ? `${raw.slice(0, 200)}…` : raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return raw;
  return null;
}

const str = (v: FieldValue | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The key of a nomination from its parsed fields; null without its identity field. */
export function nominationKey(kind: CampaignKind, fields: Readonly<Record<string, FieldValue>>): string | null {
  switch (kind) {
    case 'papers': {
      const doi = str(fields.doi);
      if (doi) return `doi:${doi}`;
      const title = normaliseKeyText(str(fields.title));
      return title ? `title:${title}|${str(fields.year)}` : null;
    }
    case 'conferences': {
      const name = normaliseKeyText(str(fields.name));
      const dates = fields.dates as DateValue | undefined;
      return name ? `name:${name}|${dates ? dates.start.slice(0, 4) : ''}` : null;
    }
    case 'talent': {
      const name = normaliseKeyText(str(fields.name));
      const birth = fields.birthDate as DateValue | undefined;
      return name ? `person:${name}|${birth ? birth.start : normaliseKeyText(str(fields.institution))}` : null;
    }
    case 'topics': {
      const title = normaliseKeyText(str(fields.title));
      return title ? `title:${title}` : null;
    }
  }
}

const NOTE = /^\s*(?:注|备注|说明|填表说明|填报说明|注意)\s*\d*\s*[:：]|^\s*(?:合计|总计|小计)\s*$/;

function blankRow(row: readonly unknown[] | undefined): boolean {
  if (!row) return true;
  for (const v of row) if (!isBlank(v)) return false;
  return true;
}

/** Rows below the header → nominations and the issues on their cells. Pure. */
export function mapRows(input: MapRowsInput): MapRowsResult {
  const { kind, rows, headerRow, mapping, sheet } = input;
  const date1904 = input.date1904 ?? false;
  const defs = new Map(fieldsFor(kind).map((d) => [d.id, d] as const));
  const idField = identityField(kind).id;
  const header = rows[headerRow] ?? [];
  const headerForms = Array.from(header, (h) => normaliseHeader(cellText(h)));
  const columns: { index: number; letter: string; def: FieldDef }[] = [];
  mapping.forEach((fieldId, index) => {
    const def = fieldId ? defs.get(fieldId) : undefined;
    if (def) columns.push({ index, letter: columnLetter(index), def });
  });
  const mappedIndexes = new Set(columns.map((c) => c.index));

  const items: NominationDraft[] = [];
  const issues: ImportIssue[] = [];
  let rejected = 0;
  let skipped = 0;

  const mappedFields = new Set(columns.map((c) => c.def.id));
  for (const def of defs.values()) {
    if (def.required && !mappedFields.has(def.id)) {
      issues.push({ sheet, row: headerRow + 1, column: '', field: def.id, code: 'COLUMN_MISSING', severity: def.id === idField ? 'error' : 'warning', message: `no column for "${def.en}" (${def.zh})`, value: null });
    }
  }

  const firstRowOfKey = new Map<string, number>();
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r];
    if (!row || blankRow(row)) {
      skipped++;
      continue;
    }
    const excelRow = r + 1;
    const filled = row.filter((v) => !isBlank(v));
    if (filled.length === 1 && typeof filled[0] === 'string' && NOTE.test(filled[0])) {
      skipped++;
      continue;
    }
    if (columns.length > 0 && columns.every((c) => normaliseHeader(cellText(row[c.index])) === headerForms[c.index])) {
      skipped++;
      continue;
    }
    // A template row with only its 序号 filled in is blank, not a nomination without a title.
    if (columns.length > 0 && columns.every((c) => isBlank(row[c.index]))) {
      skipped++;
      continue;
    }

    const fields: Record<string, FieldValue> = Object.create(null);
    const raw: Record<string, unknown> = Object.create(null);
    const rowIssues: ImportIssue[] = [];
    for (const { index, letter, def } of columns) {
      const cell = row[index];
      if (cell !== null && cell !== undefined && cell !== '') raw[def.id] = cell;
      const parsed = parseField(def, cell, date1904);
      if (isError(parsed)) {
        const code: ValueErrorCode = parsed.error;
        rowIssues.push({ sheet, row: excelRow, column: letter, field: def.id, code, severity: 'warning', message: `${def.en}: ${MESSAGES[code]}`, value: issueValue(cell) });
      } else if (parsed.value !== null) {
        fields[def.id] = parsed.value;
      } else if (def.required) {
        rowIssues.push({ sheet, row: excelRow, column: letter, field: def.id, code: 'REQUIRED_MISSING', severity: def.id === idField ? 'error' : 'warning', message: `${def.en}: ${MESSAGES.REQUIRED_MISSING}`, value: issueValue(cell) });
      }
    }

    const key = nominationKey(kind, fields);
    if (key === null && !mappedFields.has(idField)) {
      // Said once, by COLUMN_MISSING on the header row, not once per row.
      rejected++;
      continue;
    }
    if (key === null) {
      const idColumn = columns.find((c) => c.def.id === idField)!;
      if (!rowIssues.some((i) => i.field === idField)) {
        rowIssues.push({ sheet, row: excelRow, column: idColumn.letter, field: idField, code: 'REQUIRED_MISSING', severity: 'error', message: `${identityField(kind).en}: ${MESSAGES.REQUIRED_MISSING}`, value: null });
      }
      issues.push(...rowIssues.map((i) => (i.field === idField ? { ...i, severity: 'error' as const, message: `${i.message}; the row was not imported` } : i)));
      rejected++;
      continue;
    }

    const earlier = firstRowOfKey.get(key);
    if (earlier !== undefined) {
      const idColumn = columns.find((c) => c.def.id === idField)!;
      rowIssues.push({ sheet, row: excelRow, column: idColumn.letter, field: idField, code: 'DUPLICATE_KEY', severity: 'warning', message: `${MESSAGES.DUPLICATE_KEY} (row ${earlier})`, value: issueValue(row[idColumn.index]) });
    } else firstRowOfKey.set(key, excelRow);

    const extra: { column: string; header: string; value: unknown }[] = [];
    row.forEach((v, i) => {
      if (!mappedIndexes.has(i) && !isBlank(v)) extra.push({ column: columnLetter(i), header: cellText(header[i]).trim(), value: v });
    });
    // The row is imported (its key came from another field, such as the DOI): nothing about it is an error.
    issues.push(...rowIssues.map((i) => (i.severity === 'error' ? { ...i, severity: 'warning' as const } : i)));
    items.push({ kind, key, label: str(fields[idField]), source: { sheet, row: excelRow }, fields, raw, extra });
  }
  return { items, issues, rejected, skipped };
}

export interface NearMatch {
  /** Indexes into the entries given. */
  readonly a: number;
  readonly b: number;
  /** Bigram Dice coefficient of the normalised texts, 0–1. */
  readonly similarity: number;
}

function bigrams(s: string): string[] {
  if (s.length < 2) return s ? [s] : [];
  const set = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) set.add(s.slice(i, i + 2));
  return [...set];
}

export interface NearMatchOptions {
  /** Bigram Dice coefficient at or above which two texts are alike; default 0.85. */
  readonly threshold?: number;
  /** Stop after this many pairs (a secretary cannot confirm more); default 5,000. */
  readonly maxPairs?: number;
}

/**
 * Pairs of entries whose normalised texts are alike (bigram Dice ≥ threshold) but whose keys differ, for the
 * secretary to confirm as one nomination or two. Prefix filtering keeps it near-linear for 20,000 titles.
 */
export function findNearMatches(entries: readonly { readonly text: string; readonly key?: string }[], options: NearMatchOptions | number = {}): NearMatch[] {
  const opts = typeof options === 'number' ? { threshold: options } : options;
  const t = Math.min(1, Math.max(0.01, opts.threshold ?? 0.85));
  const maxPairs = opts.maxPairs ?? 5_000;
  const ids = new Map<string, number>();
  const sets = entries.map((e) =>
    bigrams(normaliseKeyText(e.text)).map((g) => {
      let id = ids.get(g);
      if (id === undefined) ids.set(g, (id = ids.size));
      return id;
    }),
  );
  const freq = new Uint32Array(ids.size);
  for (const s of sets) for (const g of s) freq[g]!++;
  // One global order, rarest first: the basis of the prefix filter.
  const ordered = sets.map((s) => Int32Array.from(s).sort((x, y) => freq[x]! - freq[y]! || x - y));
  const index = new Map<number, number[]>();
  const mark = new Int32Array(ids.size).fill(-1);
  const seen = new Int32Array(entries.length).fill(-1);
  const out: NearMatch[] = [];
  const ratio = t / (2 - t);
  outer: for (let i = 0; i < ordered.length; i++) {
    const a = ordered[i]!;
    if (a.length === 0) continue;
    for (const g of a) mark[g] = i;
    // Any B with Dice ≥ t shares at least ⌈|A|·t/(2−t)⌉ bigrams with A, so one of A's rarest |A|−that+1.
    const minOverlap = Math.max(1, Math.ceil(a.length * ratio - 1e-9));
    const prefixLength = a.length - minOverlap + 1;
    const ka = entries[i]!.key;
    for (let p = 0; p < prefixLength; p++) {
      for (const j of index.get(a[p]!) ?? []) {
        if (seen[j] === i) continue;
        seen[j] = i;
        const b = ordered[j]!;
        if (Math.min(a.length, b.length) < Math.max(a.length, b.length) * ratio - 1e-9) continue;
        if (ka !== undefined && ka === entries[j]!.key) continue;
        let common = 0;
        for (const g of b) if (mark[g] === i) common++;
        const dice = (2 * common) / (a.length + b.length);
        if (dice >= t - 1e-12) {
          out.push({ a: j, b: i, similarity: Math.round(dice * 1000) / 1000 });
          if (out.length >= maxPairs) break outer;
        }
      }
    }
    for (let p = 0; p < prefixLength; p++) {
      const list = index.get(a[p]!);
      if (list) list.push(i);
      else index.set(a[p]!, [i]);
    }
  }
  return out.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
}
