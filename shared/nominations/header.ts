import type { CampaignKind } from '../campaign/model.ts';
import { AppError } from '../contract/errors.ts';
import { fieldsFor, identityField } from './fields.ts';

/** 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`bad column index ${index}`);
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A → 0, AA → 26; null for anything that is not column letters. */
export function columnIndex(letters: string): number | null {
  const s = letters.trim().toUpperCase();
  if (!/^[A-Z]{1,4}$/.test(s)) return null;
  let n = 0;
  for (const c of s) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

const ANNOTATION = /[(（[【〔<《][^)）\]】〕>》]*[)）\]】〕>》]/g;

function strip(s: string): string {
  return s.replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
}

/**
 * The forms a header is compared in: NFKC, lower-case, without spaces, line breaks and punctuation; and the same
 * without bracketed notes ('论文题目（必填）' → '论文题目'), when that leaves something.
 */
export function headerForms(text: string): string[] {
  const s = text.normalize('NFKC').toLowerCase().replace(/必填|选填|可选|如有|\*/g, (m) => (m === '*' ? '' : `(${m})`));
  const full = strip(s);
  const bare = strip(s.replace(ANNOTATION, ''));
  return bare && bare !== full ? [bare, full] : full ? [full] : [];
}

export function normaliseHeader(text: string): string {
  return headerForms(text)[0] ?? '';
}

export type MatchKind = 'exact' | 'contains';

export interface HeaderMatch {
  readonly field: string;
  readonly score: number;
  readonly match: MatchKind;
}

interface Index {
  readonly exact: ReadonlyMap<string, readonly string[]>;
  readonly variants: readonly { readonly form: string; readonly field: string }[];
}

const indexes = new Map<CampaignKind, Index>();

function indexFor(kind: CampaignKind): Index {
  let idx = indexes.get(kind);
  if (!idx) {
    const exact = new Map<string, string[]>();
    const variants: { form: string; field: string }[] = [];
    for (const def of fieldsFor(kind)) {
      for (const v of def.variants) {
        const form = normaliseHeader(v);
        if (!form) continue;
        const list = exact.get(form) ?? [];
        if (!list.includes(def.id)) list.push(def.id);
        exact.set(form, list);
        variants.push({ form, field: def.id });
      }
    }
    idx = { exact, variants };
    indexes.set(kind, idx);
  }
  return idx;
}

const MAX_HEADER_LENGTH = 40;

/** Every field a header text may name, best first: exact 1; contained 0.5–0.9 by how much of the header it covers. */
export function matchHeader(kind: CampaignKind, text: string): HeaderMatch[] {
  const best = new Map<string, HeaderMatch>();
  const idx = indexFor(kind);
  const keep = (m: HeaderMatch): void => {
    const had = best.get(m.field);
    if (!had || had.score < m.score) best.set(m.field, m);
  };
  for (const form of headerForms(text)) {
    if (form.length > MAX_HEADER_LENGTH) continue;
    for (const field of idx.exact.get(form) ?? []) keep({ field, score: 1, match: 'exact' });
    for (const v of idx.variants) {
      if (v.form.length < 2 || v.form.length >= form.length || !form.includes(v.form)) continue;
      const cover = v.form.length / form.length;
      if (cover >= 0.25) keep({ field: v.field, score: 0.5 + 0.4 * cover, match: 'contains' });
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score || a.field.localeCompare(b.field));
}

export interface ColumnGuess {
  readonly column: number;
  readonly letter: string;
  /** The header cell as text ('' for a blank cell). */
  readonly header: string;
  readonly field: string | null;
  readonly score: number;
  readonly match: MatchKind | null;
}

export interface HeaderGuess {
  /** 0-based index into the rows (the Excel row is headerRow + 1). */
  readonly headerRow: number;
  readonly columns: readonly ColumnGuess[];
  /** 0–1: how sure the guess is; the secretary confirms anything below 1. */
  readonly confidence: number;
  /** Fields marked required that no column was matched to. */
  readonly missingRequired: readonly string[];
  /** 2 when the header spans two rows (a merged group label above sub-headers): blanks were read from the row above. */
  readonly rowsSpanned: 1 | 2;
}

export function cellText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** One field per column and one column per field, best scores first, then leftmost. */
function assign(kind: CampaignKind, row: readonly unknown[]): ColumnGuess[] {
  const width = row.length;
  const candidates: { column: number; m: HeaderMatch }[] = [];
  for (let c = 0; c < width; c++) {
    const v = row[c];
    if (typeof v !== 'string') continue;
    for (const m of matchHeader(kind, v)) candidates.push({ column: c, m });
  }
  candidates.sort((a, b) => b.m.score - a.m.score || a.column - b.column);
  const byColumn = new Map<number, HeaderMatch>();
  const taken = new Set<string>();
  for (const { column, m } of candidates) {
    if (byColumn.has(column) || taken.has(m.field)) continue;
    byColumn.set(column, m);
    taken.add(m.field);
  }
  const out: ColumnGuess[] = [];
  for (let c = 0; c < width; c++) {
    const m = byColumn.get(c);
    out.push({ column: c, letter: columnLetter(c), header: cellText(row[c]).trim(), field: m?.field ?? null, score: m?.score ?? 0, match: m?.match ?? null });
  }
  return out;
}

export interface FindHeaderOptions {
  /** Rows scanned from the top; default 30. */
  readonly scanRows?: number;
  /** Columns looked at; default 200. */
  readonly maxColumns?: number;
}

/**
 * The header row among the first rows (title rows, form metadata and blank rows above it are normal) and a
 * proposed mapping of its columns. Null when no row names at least two fields, or the identity field alone.
 */
export function findHeader(kind: CampaignKind, rows: readonly (readonly unknown[] | undefined)[], opts: FindHeaderOptions = {}): HeaderGuess | null {
  const scan = Math.min(rows.length, opts.scanRows ?? 30);
  const maxCols = opts.maxColumns ?? 200;
  const idField = identityField(kind).id;
  let best: { row: number; columns: ColumnGuess[]; total: number; spanned: 1 | 2 } | null = null;
  for (let r = 0; r < scan; r++) {
    const row = rows[r];
    if (!row || row.length === 0) continue;
    const own = row.slice(0, maxCols);
    const above = r > 0 ? rows[r - 1]?.slice(0, maxCols) : undefined;
    const tries: [readonly unknown[], 1 | 2][] = [[own, 1]];
    if (above && above.some((v) => cellText(v).trim() !== '')) {
      const width = Math.max(own.length, above.length);
      tries.push([Array.from({ length: width }, (_, c) => (cellText(own[c]).trim() === '' ? above[c] : own[c])), 2]);
    }
    for (const [cells, spanned] of tries) {
      const columns = assign(kind, cells);
      const matched = columns.filter((c) => c.field !== null);
      const total = matched.reduce((s, c) => s + c.score, 0);
      const plausible = matched.length >= 2 || matched.some((c) => c.field === idField && c.score === 1);
      if (plausible && (!best || total > best.total + 1e-9)) best = { row: r, columns, total, spanned };
    }
  }
  if (!best) return null;
  const matched = best.columns.filter((c) => c.field !== null);
  const found = new Set(matched.map((c) => c.field));
  const mean = best.total / matched.length;
  let confidence = mean * Math.min(1, matched.length / 3);
  if (!found.has(idField)) confidence *= 0.5;
  const missingRequired = fieldsFor(kind).filter((d) => d.required && !found.has(d.id)).map((d) => d.id);
  return { headerRow: best.row, columns: best.columns, confidence: Math.round(confidence * 1000) / 1000, missingRequired, rowsSpanned: best.spanned };
}

/** Column → field, indexed by column (what mapRows takes). */
export type ColumnMapping = readonly (string | null)[];

export function mappingOf(columns: readonly ColumnGuess[]): ColumnMapping {
  const out: (string | null)[] = [];
  for (const c of columns) out[c.column] = c.field;
  return Array.from(out, (f) => f ?? null);
}

export interface MappingOverride {
  /** Column letters ('C') or the header text of a column. */
  readonly column: string;
  /** A field id, or null to ignore the column. */
  readonly field: string | null;
}

/** Apply the secretary's corrections (`--map C=title`): the field moves to its new column. */
export function overrideMapping(kind: CampaignKind, columns: readonly ColumnGuess[], overrides: readonly MappingOverride[]): ColumnMapping {
  const ids = new Set(fieldsFor(kind).map((d) => d.id));
  const mapping = [...mappingOf(columns)];
  for (const o of overrides) {
    if (o.field !== null && !ids.has(o.field)) {
      throw new AppError('BAD_ARGUMENTS', `"${o.field}" is not a field of ${kind} nominations`, { details: [{ path: o.column, message: `fields: ${[...ids].join(', ')}` }] });
    }
    const wanted = normaliseHeader(o.column);
    let col = columns.find((c) => wanted !== '' && normaliseHeader(c.header) === wanted)?.column ?? null;
    if (col === null) col = columnIndex(o.column);
    if (col === null || col > 16_383) {
      throw new AppError('BAD_ARGUMENTS', `no column "${o.column}"`, { details: [{ path: o.column, message: 'use column letters or a header text' }] });
    }
    if (o.field !== null) {
      for (let i = 0; i < mapping.length; i++) if (mapping[i] === o.field) mapping[i] = null;
    }
    while (mapping.length <= col) mapping.push(null);
    mapping[col] = o.field;
  }
  return mapping;
}
