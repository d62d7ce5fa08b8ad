import type { CampaignKind } from '../campaign/model.ts';
import { fieldsFor, identityField, type FieldDef } from './fields.ts';
import { cellText, columnLetter, normaliseHeader, type ColumnMapping } from './header.ts';
import { issueMessage } from './words.ts';
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
  /** Plain English, for the CLI (words.ts's sentence); screens and exports word the code themselves. */
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
      issues.push({ sheet, row: headerRow + 1, column: '', field: def.id, code: 'COLUMN_MISSING', severity: def.id === idField ? 'error' : 'warning', message: issueMessage({ code: 'COLUMN_MISSING', field: def.id, value: null }, kind), value: null });
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
        rowIssues.push({ sheet, row: excelRow, column: letter, field: def.id, code, severity: 'warning', message: issueMessage({ code, field: def.id, value: issueValue(cell) }, kind), value: issueValue(cell) });
      } else if (parsed.value !== null) {
        fields[def.id] = parsed.value;
      } else if (def.required) {
        rowIssues.push({ sheet, row: excelRow, column: letter, field: def.id, code: 'REQUIRED_MISSING', severity: def.id === idField ? 'error' : 'warning', message: issueMessage({ code: 'REQUIRED_MISSING', field: def.id, value: null }, kind), value: issueValue(cell) });
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
        rowIssues.push({ sheet, row: excelRow, column: idColumn.letter, field: idField, code: 'REQUIRED_MISSING', severity: 'error', message: issueMessage({ code: 'REQUIRED_MISSING', field: idField, value: null }, kind), value: null });
      }
      issues.push(...rowIssues.map((i) => (i.field === idField ? { ...i, severity: 'error' as const, message: `${i.message}; the row was not imported` } : i)));
      rejected++;
      continue;
    }

    const earlier = firstRowOfKey.get(key);
    if (earlier !== undefined) {
      const idColumn = columns.find((c) => c.def.id === idField)!;
      rowIssues.push({ sheet, row: excelRow, column: idColumn.letter, field: idField, code: 'DUPLICATE_KEY', severity: 'warning', message: `${issueMessage({ code: 'DUPLICATE_KEY', field: idField, value: null }, kind)} (row ${earlier})`, value: issueValue(row[idColumn.index]) });
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

// The near-match search lives in near.ts; these names stay importable from here.
export { findNearMatches, NEAR_MATCH_MAX_PAIRS, nearMatchSearch, type NearEntry, type NearMatch, type NearMatchOptions, type NearMatchResult } from './near.ts';
