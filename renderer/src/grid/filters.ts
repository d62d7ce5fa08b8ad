// Per-column filters like Excel's AutoFilter (pure, no React): a column keeps the rows whose shown text is one of the
// values ticked, or whose number lies in a range. Texts are compared as shown (符合, not its code).

/** A column's filter: the shown texts kept ('' for empty cells), and/or a number range (inclusive). */
export interface ColumnFilterValue {
  readonly values?: readonly string[];
  readonly min?: number;
  readonly max?: number;
}

/** Whether a filter value keeps anything out (an empty range and no list keeps everything). */
export function isFilterActive(f: unknown): boolean {
  if (typeof f === 'string') return f !== '';
  if (Array.isArray(f)) return f.some((x) => typeof x === 'number');
  if (!f || typeof f !== 'object') return false;
  const v = f as ColumnFilterValue;
  return v.values !== undefined || typeof v.min === 'number' || typeof v.max === 'number';
}

/**
 * Whether a cell passes its column's filter. Besides the grid's own filter value, the older forms callers may hold are
 * understood: a string (the shown text contains it, case aside) and a [min, max] pair.
 */
export function passesFilter(text: string, value: unknown, filter: unknown): boolean {
  if (typeof filter === 'string') return filter === '' || text.toLowerCase().includes(filter.toLowerCase());
  if (Array.isArray(filter)) return inRange(value, { min: numOrUndefined(filter[0]), max: numOrUndefined(filter[1]) });
  if (!filter || typeof filter !== 'object') return true;
  const f = filter as ColumnFilterValue;
  if (f.values !== undefined && !f.values.includes(text)) return false;
  return inRange(value, f);
}

function numOrUndefined(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function inRange(value: unknown, f: { readonly min?: number | undefined; readonly max?: number | undefined }): boolean {
  const hasMin = typeof f.min === 'number';
  const hasMax = typeof f.max === 'number';
  if (!hasMin && !hasMax) return true;
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return (!hasMin || value >= (f.min as number)) && (!hasMax || value <= (f.max as number));
}

export interface DistinctValue {
  readonly text: string;
  readonly count: number;
}

const collator = new Intl.Collator(['zh-CN', 'en'], { numeric: true, sensitivity: 'base' });

/** The distinct shown texts of a column with their counts, in reading order (pinyin, numbers by value), blanks last. */
export function distinctValues(texts: Iterable<string>): DistinctValue[] {
  const counts = new Map<string, number>();
  for (const t of texts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => (a.text === '' ? 1 : b.text === '' ? -1 : collator.compare(a.text, b.text)));
}

/** Case and width folded (ＡＢＣ = abc, ２０２５ = 2025), for the values list's search box. */
export function foldForSearch(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/** The values list narrowed by its search box: each word must be found (case and width aside). */
export function searchValues(values: readonly DistinctValue[], query: string): DistinctValue[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...values];
  return values.filter((v) => {
    const t = foldForSearch(v.text);
    return words.every((w) => t.includes(w));
  });
}

/**
 * The filter after the values list is confirmed: every value ticked means no value filter (so values added later
 * show too, as in Excel); the range is kept as given. Null when nothing is filtered any more.
 */
export function filterFromChoice(all: readonly string[], ticked: ReadonlySet<string>, min?: number, max?: number): ColumnFilterValue | null {
  const everything = all.every((t) => ticked.has(t));
  const out: { values?: string[]; min?: number; max?: number } = {};
  if (!everything) out.values = all.filter((t) => ticked.has(t));
  if (typeof min === 'number' && Number.isFinite(min)) out.min = min;
  if (typeof max === 'number' && Number.isFinite(max)) out.max = max;
  return isFilterActive(out) ? out : null;
}
