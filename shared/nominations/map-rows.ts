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

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Near-match pairs a search stops at by default: more than a secretary can confirm. */
export const NEAR_MATCH_MAX_PAIRS = 5_000;

export interface NearMatchOptions {
  /** Bigram Dice coefficient at or above which two texts are alike; default 0.85. */
  readonly threshold?: number;
  /** Stop after this many pairs (a secretary cannot confirm more); default NEAR_MATCH_MAX_PAIRS (5,000). */
  readonly maxPairs?: number;
  /**
   * Only pairs with at least one entry at or after this index (default 0: all pairs). A preview passes the number of
   * nominations already in the campaign: pairs among those are the list's business, and must not use up maxPairs.
   */
  readonly from?: number;
  /** How candidates are looked up: by single bigrams, by pairs of bigrams, or (default) by pairs when texts are dense. Same pairs either way. */
  readonly index?: 'bigrams' | 'pairs' | 'auto';
}

export interface NearMatchResult {
  /** Best first (similarity descending, then a, then b); a < b. */
  readonly pairs: NearMatch[];
  /** True when the search stopped at maxPairs: there may be more pairs than those listed. */
  readonly truncated: boolean;
}

/**
 * Pairs of entries whose normalised texts are alike (bigram Dice ≥ threshold) but whose keys differ, for the
 * secretary to confirm as one nomination or two. Exact (no pair above the threshold is missed unless maxPairs cuts
 * the search), and near-linear for 20,000 titles, including templated ones where every bigram is in thousands of
 * titles: entries are taken by increasing bigram count and each is probed against the earlier (no larger) ones with
 *  - prefix filtering: bigrams in one global order, rarest first; a pair with Dice ≥ t shares a bigram among the
 *    probing entry's first |A| − ⌈|A|·t/(2−t)⌉ + 1 and among the indexed entry's first |B| − ⌈|B|·t⌉ + 1 (|B| ≤ |A|);
 *  - a length filter: |B| ≥ |A|·t/(2−t), so each posting list is read from a start that only moves forward;
 *  - a positional filter (PPJoin): at the k-th shared bigram, found at positions p in A and q in B, the overlap is at
 *    most k + min(|A|−p−1, |B|−q−1), so a candidate that cannot reach ⌈t(|A|+|B|)/2⌉ is dropped before it is verified.
 */
export function nearMatchSearch(entries: readonly { readonly text: string; readonly key?: string }[], options: NearMatchOptions | number = {}): NearMatchResult {
  const opts: NearMatchOptions = typeof options === 'number' ? { threshold: options } : options;
  const t = Math.min(1, Math.max(0.01, opts.threshold ?? 0.85));
  const maxPairs = opts.maxPairs ?? NEAR_MATCH_MAX_PAIRS;
  const from = Math.max(0, opts.from ?? 0);
  const n = entries.length;
  const ids = new Map<string, number>();
  const sets = entries.map((e) =>
    bigrams(normaliseKeyText(e.text)).map((g) => {
      let id = ids.get(g);
      if (id === undefined) ids.set(g, (id = ids.size));
      return id;
    }),
  );
  const tokens = ids.size;
  const freq = new Uint32Array(tokens);
  for (const s of sets) for (const g of s) freq[g]!++;
  // One global order, rarest first: rank[g] replaces g, so sorting by rank is sorting by (frequency, id).
  const byRank = Array.from({ length: tokens }, (_, g) => g).sort((x, y) => freq[x]! - freq[y]! || x - y);
  const rank = new Int32Array(tokens);
  byRank.forEach((g, r) => (rank[g] = r));
  // Flat storage: entry e's ranks are flat[start[e] .. start[e] + size[e]), ascending.
  const size = new Int32Array(n);
  const start = new Int32Array(n + 1);
  for (let e = 0; e < n; e++) {
    size[e] = sets[e]!.length;
    start[e + 1] = start[e]! + size[e]!;
  }
  const flat = new Int32Array(start[n]!);
  for (let e = 0; e < n; e++) {
    const s = sets[e]!;
    for (let k = 0; k < s.length; k++) flat[start[e]! + k] = rank[s[k]!]!;
    flat.subarray(start[e]!, start[e + 1]!).sort();
  }
  // A 128-bit signature of each set (bit rank mod 128): a bit in one signature and not the other stands for a bigram
  // in one text and not the other, so popcount(sigA ^ sigB) ≤ |A Δ B|, which Dice ≥ t bounds by (|A|+|B|)(1−t).
  const sig = new Int32Array(4 * n);
  for (let e = 0; e < n; e++) for (let k = start[e]!; k < start[e + 1]!; k++) sig[4 * e + ((flat[k]! >> 5) & 3)]! |= 1 << (flat[k]! & 31);
  // Processing order: by size, then index.
  const order = Array.from({ length: n }, (_, e) => e).filter((e) => size[e]! > 0).sort((x, y) => size[x]! - size[y]! || x - y);
  const ratio = t / (2 - t);
  const EPS = 1e-9;
  // Keys as integers (−1: none), so a candidate's key is compared without reading its entry.
  const keyIds = new Map<string, number>();
  const keyOf = new Int32Array(n);
  for (let e = 0; e < n; e++) {
    const k = entries[e]!.key;
    if (k === undefined) keyOf[e] = -1;
    else {
      let id = keyIds.get(k);
      if (id === undefined) keyIds.set(k, (id = keyIds.size));
      keyOf[e] = id;
    }
  }
  let maxSize = 0;
  for (let e = 0; e < n; e++) if (size[e]! > maxSize) maxSize = size[e]!;
  // The overlap a pair needs, by |A| + |B|: ⌈t(|A|+|B|)/2⌉.
  const need = new Int32Array(2 * maxSize + 1);
  for (let s2 = 0; s2 < need.length; s2++) need[s2] = Math.ceil((t * s2) / 2 - EPS);
  const indexedOf = (l: number): number => l - Math.max(1, Math.ceil(l * t - EPS)) + 1;
  // Posting lists by rank (entry, position), laid out in advance and filled in processing order, so each is by
  // non-decreasing size: list w is post*[postStart[w] .. postStart[w] + postLen[w]).
  const postStart = new Int32Array(tokens + 1);
  for (const e of order) for (let q = 0, m = indexedOf(size[e]!); q < m; q++) postStart[flat[start[e]! + q]! + 1]!++;
  for (let w = 0; w < tokens; w++) postStart[w + 1]! += postStart[w]!;
  const postE = new Int32Array(postStart[tokens]!);
  const postQ = new Int32Array(postStart[tokens]!);
  const postLen = new Int32Array(tokens);
  const postFrom = new Int32Array(tokens);
  const stamp = new Int32Array(n).fill(-1);
  const count = new Int32Array(n);
  const mark = new Int32Array(tokens).fill(-1);
  const touched = new Int32Array(n);
  const pairs: NearMatch[] = [];
  let truncated = false;
  const probeOf = (l: number): number => l - Math.max(1, Math.ceil(l * ratio - EPS)) + 1;
  // Dense texts (templated titles: every bigram, even the rarest of a title, in thousands of others) make the
  // posting lists long. Then an entry whose every alike pair shares at least two bigrams is indexed by pairs of
  // bigrams instead: the first two shared bigrams of a pair sit among the first probe + 1 of A's and the first
  // indexed + 1 of B's, since before the second come only the first and bigrams not shared. Just as exact; chosen by
  // the expected length of the lists read.
  let expected = 0;
  for (const e of order) for (let p = 0, m = probeOf(size[e]!); p < m; p++) expected += freq[byRank[flat[start[e]! + p]!]!]!;
  const dense = opts.index === 'pairs' || (opts.index !== 'bigrams' && expected > 256 * order.length);
  const byPairs = (l: number): boolean => dense && Math.ceil(l * ratio - EPS) >= 2;
  const pairLists = new Map<number, number[]>();
  const pairFrom = new Map<number, number>();

  let marked = -1;
  /** Verifies i with an earlier j; true when maxPairs is reached. */
  const verify = (i: number, j: number): boolean => {
    const la = size[i]!;
    const lb = size[j]!;
    const ka = keyOf[i]!;
    if (ka >= 0 && ka === keyOf[j]) return false;
    const si = 4 * i;
    const sj = 4 * j;
    const apart = popcount(sig[si]! ^ sig[sj]!) + popcount(sig[si + 1]! ^ sig[sj + 1]!) + popcount(sig[si + 2]! ^ sig[sj + 2]!) + popcount(sig[si + 3]! ^ sig[sj + 3]!);
    if (apart > la + lb - 2 * need[la + lb]!) return false;
    if (marked !== i) {
      for (let k = start[i]!; k < start[i]! + la; k++) mark[flat[k]!] = i;
      marked = i;
    }
    let common = 0;
    for (let k = start[j]!, end = k + lb; k < end; k++) if (mark[flat[k]!] === i) common++;
    const dice = (2 * common) / (la + lb);
    if (dice < t - 1e-12) return false;
    pairs.push({ a: Math.min(i, j), b: Math.max(i, j), similarity: Math.round(dice * 1000) / 1000 });
    return pairs.length >= maxPairs;
  };

  outer: for (const i of order) {
    const la = size[i]!;
    const sa = start[i]!;
    const minSize = la * ratio - EPS;
    const probe = probeOf(la);
    const iOld = i < from;
    if (byPairs(la)) {
      const m = Math.min(la, probe + 1);
      const s0 = sig[4 * i]!, s1 = sig[4 * i + 1]!, s2 = sig[4 * i + 2]!, s3 = sig[4 * i + 3]!;
      for (let y = 1; y < m; y++) {
        for (let x = 0; x < y; x++) {
          const key = flat[sa + x]! * tokens + flat[sa + y]!;
          const list = pairLists.get(key);
          if (!list) continue;
          let k = pairFrom.get(key) ?? 0;
          while (k < list.length && size[list[k]!]! < minSize) k++;
          pairFrom.set(key, k);
          for (; k < list.length; k++) {
            const j = list[k]!;
            if (stamp[j] === i) continue;
            stamp[j] = i;
            if (iOld && j < from) continue;
            // The signature test inline, before the call: nearly every candidate fails it.
            const sj = 4 * j;
            const lb = size[j]!;
            if (popcount(s0 ^ sig[sj]!) + popcount(s1 ^ sig[sj + 1]!) + popcount(s2 ^ sig[sj + 2]!) + popcount(s3 ^ sig[sj + 3]!) > la + lb - 2 * need[la + lb]!) continue;
            if (verify(i, j)) {
              truncated = true;
              break outer;
            }
          }
        }
      }
    } else {
      let nTouched = 0;
      for (let p = 0; p < probe; p++) {
        const w = flat[sa + p]!;
        const base = postStart[w]!;
        const end = base + postLen[w]!;
        let k = base + postFrom[w]!;
        while (k < end && size[postE[k]!]! < minSize) k++;
        postFrom[w] = k - base;
        const restA = la - p - 1;
        // A pair first met here shares at most la − p bigrams: none larger than lbMax can be alike. The list is by
        // size, so the rest of it is passed over; a candidate met earlier is verified with the count it has.
        let lbMax = la;
        while (lbMax > 0 && need[la + lbMax]! > la - p) lbMax--;
        for (; k < end; k++) {
          const j = postE[k]!;
          const lb = size[j]!;
          if (lb > lbMax) break;
          let c = count[j]!;
          if (stamp[j] !== i) {
            if (iOld && j < from) continue;
            stamp[j] = i;
            c = 0;
            touched[nTouched++] = j;
          } else if (c < 0) continue;
          const restB = lb - postQ[k]! - 1;
          count[j] = c + 1 + (restA < restB ? restA : restB) >= need[la + lb]! ? c + 1 : -1;
        }
      }
      for (let x = 0; x < nTouched; x++) {
        const j = touched[x]!;
        if (count[j]! > 0 && verify(i, j)) {
          truncated = true;
          break outer;
        }
      }
    }
    // Index i by the first |B| − ⌈|B|·t⌉ + 1 of its bigrams: every later (no smaller) entry alike shares one of them,
    // and by the pairs among one more when some later entry may look it up by pairs (it may, whatever i's own way).
    if (dense && la >= 2) {
      const mi = Math.min(la, indexedOf(la) + 1);
      for (let y = 1; y < mi; y++) {
        for (let x = 0; x < y; x++) {
          const key = flat[sa + x]! * tokens + flat[sa + y]!;
          const list = pairLists.get(key);
          if (list) list.push(i);
          else pairLists.set(key, [i]);
        }
      }
    }
    if (!byPairs(la)) {
      for (let q = 0, m = indexedOf(la); q < m; q++) {
        const w = flat[sa + q]!;
        const k = postStart[w]! + postLen[w]!++;
        postE[k] = i;
        postQ[k] = q;
      }
    }
  }
  pairs.sort((x, y) => y.similarity - x.similarity || x.a - y.a || x.b - y.b);
  return { pairs, truncated };
}

/** The pairs of {@link nearMatchSearch}, without saying whether maxPairs cut the search. */
export function findNearMatches(entries: readonly { readonly text: string; readonly key?: string }[], options: NearMatchOptions | number = {}): NearMatch[] {
  return nearMatchSearch(entries, options).pairs;
}
