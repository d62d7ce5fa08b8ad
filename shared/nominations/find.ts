import type { NominationRow } from '../contract/nominations.ts';
import { normaliseKeyText } from './values.ts';

/**
 * Finding nominations as a secretary types: several words, each of which must be found in some column (title,
 * authors, institution, journal, DOI, nominators…), case and width aside (ＡＢＣ = abc, ２０２５ = 2025, a full-width
 * space separates words). Punctuation aside too, so that "10.1038/abc" finds "10.1038/ABC." and "Smith J" finds "Smith, J.".
 */

/** Case and width folded: NFKC (full-width letters, digits and spaces become ASCII), lower case, spaces collapsed. */
export function foldText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The words of a search, folded, each kept once; empty words dropped. */
export function searchWords(text: string): string[] {
  return [...new Set(foldText(text).split(' ').filter((w) => w !== ''))];
}

/** A field's value as the text a search looks in (lists joined, a date as its days). */
export function searchableText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return '';
  if (Array.isArray(v)) return v.map(searchableText).join('; ');
  if (typeof v === 'object' && 'start' in v && typeof (v as { start: unknown }).start === 'string') {
    const d = v as { start: string; end?: string };
    return d.end ? `${d.start} ${d.end}` : d.start;
  }
  return '';
}

/** What one row is searched in: each column's folded text and its punctuation-free key, apart (a word never spans two). */
interface Hay {
  readonly folded: string;
  readonly keyed: string;
}

const SEP = '\u0001';
const hays = new WeakMap<NominationRow, Hay>();

function hayOf(r: NominationRow): Hay {
  let h = hays.get(r);
  if (!h) {
    const parts = [r.label, r.key, ...r.nominators, ...Object.values(r.fields).map(searchableText)].filter((p) => p !== '');
    h = { folded: parts.map(foldText).join(SEP), keyed: parts.map(normaliseKeyText).join(SEP) };
    hays.set(r, h);
  }
  return h;
}

/** Whether every word is found in some column of the row (not necessarily the same column). */
export function matchesWords(r: NominationRow, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const h = hayOf(r);
  return words.every((w) => {
    if (h.folded.includes(w)) return true;
    const k = normaliseKeyText(w);
    return k !== '' && h.keyed.includes(k);
  });
}
