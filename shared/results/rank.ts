import { tieBreakKeys, type TieBreakKey } from '../campaign/settings.ts';
import { note, type Note } from './notes.ts';

/**
 * Ranking and selection, pure: scores, tie-breaks, quotas and the secretary's adjustments in; the ranked list,
 * who is selected and the cut line explained as data out.
 *
 * - Competition ranks (1, 2, 2, 4) on the score rounded to 1e-6, then on each configured tie-break in turn
 *   (higher is better, a missing value below any value); what is still equal shares a rank.
 * - With group quotas each group selects its own top; otherwise the total quota selects from one list. Items
 *   tied across a line are neither in nor out: they are "tie", for the meeting or an adjustment to settle.
 * - Adjustments need a reason. A move puts an item at a position (it is no longer tied with anyone); a forced
 *   selection takes one of its scope's seats (the quota stays firm), a forced deselection gives its seat on.
 */
export const TIE_BREAKS = tieBreakKeys;
export type TieBreak = TieBreakKey;

export interface RankInput {
  readonly itemId: string;
  /** What ranks (the chosen method, or for papers the blend); null: unranked. */
  readonly score: number | null;
  /** Discipline or discipline group, for group quotas. */
  readonly group: string | null;
  readonly tieBreak?: Readonly<Partial<Record<TieBreak, number | null>>>;
}

export interface RankRules {
  readonly tieBreaks: readonly TieBreak[];
  readonly total: number | null;
  /** Seats per group; null: one list under the total quota. */
  readonly perGroup: Readonly<Record<string, number>> | null;
}

export interface Adjustment {
  readonly itemId: string;
  readonly kind: 'select' | 'deselect' | 'move';
  /** For a move: the position (1 = top) the item goes to. */
  readonly toRank?: number;
  readonly reason: string;
  readonly by: string;
  readonly at: string;
}

export type SelectionStatus = 'selected' | 'tie' | 'out' | 'unranked';

export interface Standing {
  readonly itemId: string;
  readonly score: number | null;
  readonly group: string | null;
  readonly rank: number | null;
  /** Rank within the group (when there are group quotas, the rank that selects). */
  readonly groupRank: number | null;
  readonly status: SelectionStatus;
  readonly notes: readonly Note[];
  readonly adjustments: readonly Adjustment[];
}

export interface ItemRef {
  readonly itemId: string;
  readonly rank: number;
  readonly score: number | null;
}

export interface CutLine {
  /** The group whose seats these are; null: the whole list. */
  readonly scope: string | null;
  readonly quota: number;
  readonly selected: number;
  readonly lastIn: ItemRef | null;
  readonly firstOut: ItemRef | null;
  readonly tied: readonly string[];
  readonly reasons: readonly Note[];
}

export interface Ranking {
  /** In ranked order, the unranked last. */
  readonly standings: readonly Standing[];
  readonly lines: readonly CutLine[];
  readonly notes: readonly Note[];
  readonly rejected: readonly { readonly adjustment: Adjustment; readonly reason: Note }[];
}

const q = (x: number | null | undefined): number => (x === null || x === undefined || Number.isNaN(x) ? -Infinity : Math.round(x * 1e6));

interface Row {
  readonly input: RankInput;
  /** Score, then each tie-break, quantised; one element kind for all rows keeps comparisons fast. */
  /** Each tie-break, quantised (the score is k0); plain numbers: a typed array per row costs more to make than it saves. */
  readonly keys: readonly number[];
  /** keys[0], the quantised score, as a field: most comparisons end on it. */
  readonly k0: number;
  moved: boolean;
  rank: number;
  scoreRank: number;
  groupRank: number;
  status: SelectionStatus;
  /** Made on the first note or adjustment: most rows have none, and 20,000 empty arrays cost more than the ranking. */
  notes: Note[] | null;
  adjustments: Adjustment[] | null;
}

const NONE: readonly never[] = Object.freeze([]);
function addNote(r: Row, n: Note): void {
  if (r.notes) r.notes.push(n);
  else r.notes = [n];
}

function keysOf(input: RankInput, tieBreaks: readonly TieBreak[]): number[] {
  const keys = [q(input.score)];
  for (const t of tieBreaks) keys.push(q(input.tieBreak?.[t]));
  return keys;
}

function compare(a: Row, b: Row): number {
  if (a.k0 !== b.k0) return a.k0 > b.k0 ? -1 : 1;
  for (let k = 1; k < a.keys.length; k++) {
    const x = a.keys[k] as number;
    const y = b.keys[k] as number;
    if (x !== y) return x > y ? -1 : 1;
  }
  return a.input.itemId < b.input.itemId ? -1 : a.input.itemId > b.input.itemId ? 1 : 0;
}
function sameKeys(a: Row, b: Row, upTo = a.keys.length): boolean {
  if (a.k0 !== b.k0) return false;
  for (let k = 1; k < upTo; k++) if (a.keys[k] !== b.keys[k]) return false;
  return true;
}

/** Competition ranks over an order: equal keys share a rank unless either was moved by hand. */
function competition(rows: readonly Row[], field: 'rank' | 'scoreRank' | 'groupRank', upTo?: number): void {
  let prev: Row | null = null;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i] as Row;
    r[field] = prev !== null && !prev.moved && !r.moved && sameKeys(prev, r, upTo) ? prev[field] : i + 1;
    prev = r;
  }
}

function validate(adjustments: readonly Adjustment[], known: { has(id: string): boolean }) {
  const rejected: { adjustment: Adjustment; reason: Note }[] = [];
  const accepted: Adjustment[] = [];
  for (const a of adjustments) {
    if (!known.has(a.itemId)) rejected.push({ adjustment: a, reason: note('ADJUSTMENT_UNKNOWN_ITEM', { itemId: a.itemId }) });
    else if (a.reason.trim() === '') rejected.push({ adjustment: a, reason: note('ADJUSTMENT_NO_REASON', { itemId: a.itemId }) });
    else if (a.kind === 'move' && !(Number.isInteger(a.toRank) && (a.toRank as number) >= 1)) rejected.push({ adjustment: a, reason: note('ADJUSTMENT_UNKNOWN_ITEM', { itemId: a.itemId, toRank: String(a.toRank) }) });
    else accepted.push(a);
  }
  return { accepted, rejected };
}

const ref = (r: Row, scoped: boolean): ItemRef => ({ itemId: r.input.itemId, rank: scoped ? r.groupRank : r.rank, score: r.input.score });

export function rank(items: readonly RankInput[], rules: RankRules, adjustments: readonly Adjustment[] = []): Ranking {
  const rows: Row[] = items.map((input) => {
    const keys = keysOf(input, rules.tieBreaks);
    const row: Row = { input, keys, k0: keys[0] as number, moved: false, rank: 0, scoreRank: 0, groupRank: 0, status: 'unranked', notes: null, adjustments: null };
    return row;
  });
  // Only adjustments look rows up by id: without any, the map is not built.
  const byId: ReadonlyMap<string, Row> = adjustments.length > 0 ? new Map(rows.map((r) => [r.input.itemId, r])) : new Map();
  const { accepted, rejected } = validate(adjustments, byId);
  for (const a of accepted) {
    const r = byId.get(a.itemId) as Row;
    if (r.adjustments) r.adjustments.push(a);
    else r.adjustments = [a];
  }

  const order = rows.filter((r) => r.input.score !== null).sort(compare);
  const unranked = rows.filter((r) => r.input.score === null).sort(compare);
  competition(order, 'rank');
  if (rules.tieBreaks.length > 0) {
    competition(order, 'scoreRank', 1);
    const separated = new Set<number>();
    for (const r of order) if (r.rank !== r.scoreRank) separated.add(r.scoreRank);
    if (separated.size > 0) for (const r of order) if (separated.has(r.scoreRank)) addNote(r, note('TIE_BROKEN', { by: rules.tieBreaks.join(','), scoreRank: r.scoreRank }));
  }

  // Moves, in the order recorded; a later move of the same item wins.
  for (const a of accepted) {
    if (a.kind !== 'move') continue;
    const r = byId.get(a.itemId) as Row;
    const from = order.indexOf(r);
    const was = from >= 0 ? r.rank : null;
    if (from >= 0) order.splice(from, 1);
    else unranked.splice(unranked.indexOf(r), 1);
    order.splice(Math.min((a.toRank as number) - 1, order.length), 0, r);
    r.moved = true;
    addNote(r, note('ADJUSTED_MOVE', { fromRank: was ?? '', toRank: a.toRank as number, reason: a.reason }));
  }
  if (accepted.some((a) => a.kind === 'move')) competition(order, 'rank');

  const scoped = rules.perGroup !== null;
  const scopeOf = (r: Row): string | null => (scoped ? (r.input.group ?? '') : null);
  const scopes = new Map<string | null, Row[]>();
  if (rules.perGroup) for (const g of Object.keys(rules.perGroup).sort()) scopes.set(g, []);
  for (const r of order) {
    const s = scopeOf(r);
    const list = scopes.get(s);
    if (list) list.push(r);
    else scopes.set(s, [r]);
  }
  if (scoped) for (const list of scopes.values()) competition(list, 'groupRank');
  if (!scoped) for (const r of order) r.groupRank = 0;

  const notes: Note[] = [];
  const lines: (CutLine & { reasons: Note[] })[] = [];
  const hasQuota = rules.perGroup !== null || rules.total !== null;
  if (rules.perGroup && rules.total !== null) {
    const sum = Object.values(rules.perGroup).reduce((a, b) => a + b, 0);
    if (sum !== rules.total) notes.push(note('QUOTA_SUM_MISMATCH', { total: rules.total, sum }));
  }
  for (const r of order) r.status = 'out';
  // The later of a selection and a deselection of one item wins.
  const forced = new Map<string, Adjustment>();
  for (const a of accepted) if (a.kind !== 'move') forced.set(a.itemId, a);

  if (hasQuota) {
    for (const [scope, members] of scopes) {
      const quota = scope === null ? (rules.total as number) : (rules.perGroup?.[scope] ?? 0);
      const forcedIn = forced.size === 0 ? [] : members.filter((r) => forced.get(r.input.itemId)?.kind === 'select');
      const forcedOut = forced.size === 0 ? [] : members.filter((r) => forced.get(r.input.itemId)?.kind === 'deselect');
      const candidates = forced.size === 0 ? members : members.filter((r) => !forced.has(r.input.itemId));
      for (const r of forcedIn) {
        r.status = 'selected';
        addNote(r, note('ADJUSTED_SELECT', { reason: forced.get(r.input.itemId)?.reason ?? '' }));
      }
      for (const r of forcedOut) addNote(r, note('ADJUSTED_DESELECT', { reason: forced.get(r.input.itemId)?.reason ?? '' }));
      const seats = Math.max(0, quota - forcedIn.length);
      const rankIn = (r: Row) => (scoped ? r.groupRank : r.rank);
      const reasons: Note[] = [];
      let tied: Row[] = [];
      let lastIn: Row | null = null;
      let firstOut: Row | null = null;
      if (candidates.length <= seats) {
        for (const r of candidates) r.status = 'selected';
        lastIn = candidates.at(-1) ?? null;
        if (candidates.length < seats) reasons.push(note('QUOTA_NOT_REACHED', { quota, ranked: candidates.length + forcedIn.length }));
      } else {
        const edge = seats > 0 ? (candidates[seats - 1] as Row) : null;
        const next = candidates[seats] as Row;
        const tieAtLine = edge !== null && !edge.moved && !next.moved && rankIn(edge) === rankIn(next);
        const cut = tieAtLine ? candidates.findIndex((r) => rankIn(r) === rankIn(edge)) : seats;
        for (let k = 0; k < cut; k++) (candidates[k] as Row).status = 'selected';
        if (tieAtLine) {
          tied = candidates.filter((r) => rankIn(r) === rankIn(edge));
          for (const r of tied) r.status = 'tie';
          reasons.push(note('TIE_AT_LINE', { score: edge.input.score as number, tied: tied.length, seats: seats - cut }));
        }
        lastIn = cut > 0 ? (candidates[cut - 1] as Row) : null;
        firstOut = candidates[cut + tied.length] ?? null;
        if (!tieAtLine && lastIn && firstOut) {
          if (lastIn.keys[0] === firstOut.keys[0]) {
            const k = lastIn.keys.findIndex((v, i) => v !== firstOut?.keys[i]);
            const by = k > 0 ? (rules.tieBreaks[k - 1] as TieBreak) : 'moved';
            reasons.push(note('TIE_BROKEN', { by, lastIn: k > 0 ? String(lastIn.input.tieBreak?.[by as TieBreak] ?? '') : '', firstOut: k > 0 ? String(firstOut.input.tieBreak?.[by as TieBreak] ?? '') : '' }));
          } else reasons.push(note('SCORE_GAP', { gap: Math.round(((lastIn.input.score as number) - (firstOut.input.score as number)) * 1e6) / 1e6 }));
        }
      }
      if (forcedIn.length > 0) reasons.push(note('ADJUSTED_SELECT', { count: forcedIn.length }));
      if (forcedOut.length > 0) reasons.push(note('ADJUSTED_DESELECT', { count: forcedOut.length }));
      lines.push({
        scope,
        quota,
        selected: members.filter((r) => r.status === 'selected').length,
        lastIn: lastIn ? ref(lastIn, scoped) : null,
        firstOut: firstOut ? ref(firstOut, scoped) : null,
        tied: tied.map((r) => r.input.itemId),
        reasons,
      });
    }
    if (scoped) explainGroupQuotas(scopes, lines);
  }
  for (const r of unranked) addNote(r, note('NO_SCORE_UNRANKED'));

  const standings: Standing[] = [...order, ...unranked].map((r) => ({
    itemId: r.input.itemId,
    score: r.input.score,
    group: r.input.group,
    rank: r.status === 'unranked' ? null : r.rank,
    groupRank: r.status === 'unranked' || !scoped ? null : r.groupRank,
    status: r.status,
    notes: r.notes ?? NONE,
    adjustments: r.adjustments ?? NONE,
  }));
  return { standings, lines, notes, rejected };
}

/** An item left out by its group's quota while it outscores someone selected in another group says so. */
function explainGroupQuotas(scopes: ReadonlyMap<string | null, Row[]>, lines: { scope: string | null; reasons: Note[] }[]): void {
  const lowest = new Map<string | null, { score: number; group: string }>();
  for (const [scope, members] of scopes) {
    for (const r of members) {
      if (r.status !== 'selected' || r.input.score === null) continue;
      const cur = lowest.get(scope);
      if (!cur || r.input.score < cur.score) lowest.set(scope, { score: r.input.score, group: scope ?? '' });
    }
  }
  for (const [scope, members] of scopes) {
    let elsewhere: { score: number; group: string } | null = null;
    for (const [s, l] of lowest) if (s !== scope && (!elsewhere || l.score < elsewhere.score)) elsewhere = l;
    if (!elsewhere) continue;
    let count = 0;
    for (const r of members) {
      if (r.status !== 'out' || r.input.score === null || r.input.score <= elsewhere.score) continue;
      if (r.adjustments?.some((a) => a.kind === 'deselect')) continue;
      count++;
      addNote(r, note('GROUP_QUOTA_FILLED', { group: scope ?? '', lowestSelected: elsewhere.score, lowestSelectedGroup: elsewhere.group }));
    }
    if (count > 0) lines.find((l) => l.scope === scope)?.reasons.push(note('GROUP_QUOTA_FILLED', { group: scope ?? '', count, lowestSelected: elsewhere.score, lowestSelectedGroup: elsewhere.group }));
  }
}
