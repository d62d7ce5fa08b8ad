import { normaliseKeyText } from './values.ts';
import { textNumbers, type TextNumbers } from './numbers.ts';
import type { NominationsChange } from './slice.ts';

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
  /**
   * 'distinct' (default): texts whose numbers disagree (numbers.ts: 第十三届 and 第十四届, 2025 and 2026, an entry's
   * `year` and another's) are two items, never a pair, however alike; such pairs are not listed and do not count
   * towards maxPairs. 'ignore': the texts alone.
   */
  readonly numbers?: 'distinct' | 'ignore';
}

/** An entry to compare: its text, its key (entries with one key are one nomination already), and a year not in its text. */
export interface NearEntry {
  readonly text: string;
  readonly key?: string;
  /** A year the item is known by besides its text (a conference's year): with numbers 'distinct', another year sets it apart. */
  readonly year?: number;
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
export function nearMatchSearch(entries: readonly NearEntry[], options: NearMatchOptions | number = {}): NearMatchResult {
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
  // The numbers of each entry, by interned set (−1: none), when numbers set entries apart.
  const numId = new Int32Array(n).fill(-1);
  const numSets: TextNumbers[] = [];
  if (opts.numbers !== 'ignore') {
    const numIds = new Map<string, number>();
    for (let e = 0; e < n; e++) {
      const found = textNumbers(entries[e]!.text);
      const year = entries[e]!.year;
      const tn = year === undefined || found.years.includes(year) ? found : { years: [...found.years, year].sort((x, y) => x - y), counts: found.counts };
      if (tn.years.length === 0 && tn.counts.length === 0) continue;
      const k = `${tn.years.join(',')}|${tn.counts.join(',')}`;
      let id = numIds.get(k);
      if (id === undefined) {
        numIds.set(k, (id = numSets.length));
        numSets.push(tn);
      }
      numId[e] = id;
    }
  }
  // The sets flat, as years then counts (numStart[id] .. numMid[id] .. numStart[id + 1]), for a check without allocation.
  const numStart = new Int32Array(numSets.length + 1);
  const numMid = new Int32Array(numSets.length);
  numSets.forEach((tn, id) => {
    numMid[id] = numStart[id]! + tn.years.length;
    numStart[id + 1] = numMid[id]! + tn.counts.length;
  });
  const numFlat = new Float64Array(numStart[numSets.length]!);
  numSets.forEach((tn, id) => numFlat.set([...tn.years, ...tn.counts], numStart[id]));
  /** x[xs..xe) ⊆ y[ys..ye), both ascending. */
  const within = (xs: number, xe: number, ys: number, ye: number): boolean => {
    for (; xs < xe; xs++) {
      const v = numFlat[xs]!;
      while (ys < ye && numFlat[ys]! < v) ys++;
      if (ys === ye || numFlat[ys] !== v) return false;
    }
    return true;
  };
  /** numbersDisagree on interned sets a ≠ b. */
  const numbersApart = (a: number, b: number): boolean => {
    const a0 = numStart[a]!, am = numMid[a]!, a1 = numStart[a + 1]!;
    const b0 = numStart[b]!, bm = numMid[b]!, b1 = numStart[b + 1]!;
    if (a0 < am && b0 < bm && !within(a0, am, b0, bm) && !within(b0, bm, a0, am)) return true;
    return am < a1 && bm < b1 && !within(am, a1, bm, b1) && !within(bm, b1, am, a1);
  };
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
  // With numbers 'distinct', an entry with counts (numbers.ts) can pair only with an entry without counts or one that
  // shares a count (of two sets one within the other, the smaller's are in both). So the pairs index is kept again by
  // count too (tag 0: no counts), and an entry with counts looks up only tag 0 and its own: templated titles numbered
  // one by one (第1届…第20000届) are not all read to be set apart one by one. Entries without counts read the untagged lists.
  const tagStart = new Int32Array(n + 1);
  const countTags: number[] = [];
  let tagBase = 0;
  if (dense && opts.numbers !== 'ignore') {
    const tagIds = new Map<number, number>();
    for (let e = 0; e < n; e++) {
      const id = numId[e]!;
      if (id >= 0) {
        for (const c of numSets[id]!.counts) {
          let tag = tagIds.get(c);
          if (tag === undefined) tagIds.set(c, (tag = tagIds.size + 1));
          countTags.push(tag);
        }
      }
      tagStart[e + 1] = countTags.length;
    }
    // Keys stay exact integers, or the lists are not tagged (the same pairs, found more slowly).
    if (tagIds.size > 0 && tokens * tokens * (tagIds.size + 1) < Number.MAX_SAFE_INTEGER) tagBase = tagIds.size + 1;
  }
  // The untagged lists are read only by entries without counts: none, none needed.
  let untagged = tagBase === 0;
  for (let e = 0; e < n && !untagged; e++) if (tagStart[e + 1] === tagStart[e]) untagged = true;
  const tagLists = new Map<number, number[]>();
  const tagFrom = new Map<number, number>();

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
    const na = numId[i]!;
    const nb = numId[j]!;
    if (na >= 0 && nb >= 0 && na !== nb && numbersApart(na, nb)) return false;
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
      const t0 = tagStart[i]!;
      const tagged = tagBase > 0 && tagStart[i + 1]! > t0;
      const lookups = tagged ? tagStart[i + 1]! - t0 + 1 : 1;
      const lists = tagged ? tagLists : pairLists;
      const froms = tagged ? tagFrom : pairFrom;
      for (let y = 1; y < m; y++) {
        for (let x = 0; x < y; x++) {
          const pair = flat[sa + x]! * tokens + flat[sa + y]!;
          for (let u = 0; u < lookups; u++) {
            const key = tagged ? pair * tagBase + (u === 0 ? 0 : countTags[t0 + u - 1]!) : pair;
            const list = lists.get(key);
            if (!list) continue;
            let k = froms.get(key) ?? 0;
            while (k < list.length && size[list[k]!]! < minSize) k++;
            froms.set(key, k);
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
          if (untagged) {
            const list = pairLists.get(key);
            if (list) list.push(i);
            else pairLists.set(key, [i]);
          }
          if (tagBase > 0) {
            const t0 = tagStart[i]!, t1 = tagStart[i + 1]!;
            for (let u = t0 === t1 ? t0 - 1 : t0; u < t1; u++) {
              const tk = key * tagBase + (u < t0 ? 0 : countTags[u]!);
              const tl = tagLists.get(tk);
              if (tl) tl.push(i);
              else tagLists.set(tk, [i]);
            }
          }
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
export function findNearMatches(entries: readonly NearEntry[], options: NearMatchOptions | number = {}): NearMatch[] {
  return nearMatchSearch(entries, options).pairs;
}

/** A near pair as the campaign lists it: two nomination ids (in either order). */
export interface NearPair {
  readonly id: string;
  readonly otherId: string;
}

/** Which pairs to clear: these pairs, or every pair with a selected nomination (`within`: both selected). */
export type NearSelection = { readonly pairs: readonly NearPair[] } | { readonly ids: readonly string[]; readonly within?: boolean };

/** The store's change confirming two nominations different. */
export type DistinctChange = Extract<NominationsChange, { readonly type: 'nomination.distinct' }>;

export interface DistinctPlan {
  /** To commit, in the order of the pairs given (best first), one per pair. */
  readonly changes: DistinctChange[];
  /** Selected pairs already confirmed as different both ways: nothing to commit. */
  readonly already: number;
  /** Selected pairs that are not among the current pairs (gone since: merged, edited, deleted): left alone. */
  readonly stale: number;
}

/**
 * Clearing many near pairs at once ("these are different nominations"): the `nomination.distinct` changes to commit
 * for a selection of the current pairs, given each nomination's distinctFrom. A pair selected but no longer current,
 * or already confirmed, gives no change; a pair listed twice (either order) gives one. Pure; the clock is passed in.
 */
export function distinctChanges(
  pairs: readonly NearPair[],
  selection: NearSelection,
  nominations: readonly { readonly id: string; readonly distinctFrom: readonly string[] }[],
  at: string,
): DistinctPlan {
  const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);
  const current = new Map<string, NearPair>();
  for (const p of pairs) if (p.id !== p.otherId && !current.has(pairKey(p.id, p.otherId))) current.set(pairKey(p.id, p.otherId), p);
  const distinct = new Map(nominations.map((n) => [n.id, new Set(n.distinctFrom)] as const));
  const chosen = new Set<string>();
  let stale = 0;
  if ('pairs' in selection) {
    for (const p of selection.pairs) {
      const k = pairKey(p.id, p.otherId);
      if (!current.has(k)) stale++;
      else chosen.add(k);
    }
  } else {
    const ids = new Set(selection.ids);
    for (const [k, p] of current) {
      const a = ids.has(p.id);
      const b = ids.has(p.otherId);
      if (selection.within ? a && b : a || b) chosen.add(k);
    }
  }
  const changes: DistinctChange[] = [];
  let already = 0;
  for (const [k, p] of current) {
    if (!chosen.has(k)) continue;
    const da = distinct.get(p.id);
    const db = distinct.get(p.otherId);
    if (!da || !db) stale++;
    else if (da.has(p.otherId) && db.has(p.id)) already++;
    else changes.push({ type: 'nomination.distinct', id: p.id, otherId: p.otherId, at });
  }
  return { changes, already, stale };
}
