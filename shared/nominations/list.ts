import type { Campaign } from '../campaign/campaign.ts';
import type { CampaignKind } from '../campaign/model.ts';
import type { NearPairCount, NominationList, NominationRow } from '../contract/nominations.ts';
import { checkEligibility } from './eligibility.ts';
import { matchesWords, searchWords } from './find.ts';
import { effectiveFields, labelOf, nominatorKey, nominatorsOf } from './merge.ts';
import { openProblems } from './problems.ts';
import type { Nomination, NominationStatus } from './record.ts';
import { normaliseKeyText } from './values.ts';

/** The nominations list as the screens and the exports see it: rows with their formal check, filters, facets. */

export type Near = { id: string; label: string; similarity: number };

/** Near-title pairs found for a campaign, by nomination id, with the search's cap. */
export interface NearPairs {
  readonly pairs: readonly (readonly [string, string, number])[];
  readonly truncated: boolean;
}

/** The year an item is known by besides its title: a conference's held year (another year: another conference). */
export function nearYear(kind: CampaignKind, fields: Readonly<Record<string, unknown>>): number | undefined {
  if (kind !== 'conferences') return undefined;
  const d = fields.dates as { start?: unknown } | undefined;
  const y = d && typeof d === 'object' && typeof d.start === 'string' ? Number(d.start.slice(0, 4)) : NaN;
  return Number.isInteger(y) ? y : undefined;
}

/** A near-match entry: the text, the key and, where there is one, the year (near.ts NearEntry). */
export function nearEntry(text: string, key: string, year: number | undefined): { text: string; key: string; year?: number } {
  return year === undefined ? { text, key } : { text, key, year };
}

/** The near-match search's input for a list, and a signature that changes only when some label, key or year does. */
export function nearInput(kind: CampaignKind, list: readonly Nomination[]): { labels: string[]; years: (number | undefined)[]; sig: string } {
  const labels = list.map((n) => labelOf(kind, n));
  const years = list.map((n) => nearYear(kind, effectiveFields(n).fields));
  return { labels, years, sig: list.map((n, i) => `${n.id}\u0001${n.key}\u0001${labels[i]}\u0001${years[i] ?? ''}`).join('\u0000') };
}

/** Each nomination's unresolved near matches (pairs told apart by hand left out), and the count of such pairs. */
export function nearByNomination(list: readonly Nomination[], labels: readonly string[], found: NearPairs): { byId: Map<string, Near[]>; count: NearPairCount } {
  const byId = new Map(list.map((n, i) => [n.id, { n, label: labels[i]! }]));
  const out = new Map<string, Near[]>();
  const add = (a: string, b: string, similarity: number) => {
    const l = out.get(a);
    const near = { id: b, label: byId.get(b)!.label, similarity };
    if (l) l.push(near);
    else out.set(a, [near]);
  };
  let total = 0;
  for (const [a, b, similarity] of found.pairs) {
    if (byId.get(a)!.n.distinctFrom.includes(b) || byId.get(b)!.n.distinctFrom.includes(a)) continue;
    total++;
    add(a, b, similarity);
    add(b, a, similarity);
  }
  return { byId: out, count: { total, truncated: found.truncated } };
}

/** One nomination as a row of the list: its effective fields, nominators and formal check on `today`. */
export function rowOf(campaign: Campaign, n: Nomination, near: readonly { id: string }[], today: string): NominationRow {
  const kind = campaign.kind;
  const eff = effectiveFields(n);
  const disagreements = eff.disagreements.map((d) => d.field);
  const nominators = nominatorsOf(n);
  // A source's nominator is the row's own or the one named for its import: either way the nomination has one.
  const fields = nominators.length > 0 && eff.fields.nominator === undefined ? { ...eff.fields, nominator: nominators.join('; ') } : eff.fields;
  const problems = openProblems(n);
  const check = checkEligibility(kind, { fields, disagreements, nearDuplicates: near.map((x) => x.id), override: n.override, problems, withdrawn: n.withdrawn ?? null }, campaign, { today });
  return {
    id: n.id, key: n.key, label: labelOf(kind, n), fields: eff.fields, nominators, status: check.status, reasons: check.reasons, edited: eff.edited, disagreements, updatedAt: n.updatedAt,
    ...(n.withdrawn ? { withdrawn: n.withdrawn } : {}),
  };
}

export interface ListFilter {
  readonly text?: string | undefined;
  readonly status?: NominationStatus | undefined;
  readonly discipline?: string | undefined;
  readonly nominator?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

/** The rows that pass the filter (a page of them), their count, and the facets of all the rows. */
export function listPage(all: readonly NominationRow[], f: ListFilter, nearPairs: NearPairCount): NominationList {
  const words = f.text ? searchWords(f.text) : [];
  const discipline = f.discipline ? normaliseKeyText(f.discipline) : null;
  const nominator = f.nominator ? nominatorKey(f.nominator) : null;
  const filtered = all.filter((r) => {
    if (f.status && r.status !== f.status) return false;
    if (discipline !== null && normaliseKeyText(typeof r.fields.discipline === 'string' ? r.fields.discipline : '') !== discipline) return false;
    if (nominator !== null && !r.nominators.some((x) => nominatorKey(x) === nominator)) return false;
    // Every word in some column (find.ts).
    if (words.length > 0 && !matchesWords(r, words)) return false;
    return true;
  });
  const disciplines = new Set<string>();
  const nominators = new Set<string>();
  const statuses: Record<NominationStatus, number> = { eligible: 0, attention: 0, ineligible: 0 };
  for (const r of all) {
    if (typeof r.fields.discipline === 'string') disciplines.add(r.fields.discipline);
    for (const x of r.nominators) nominators.add(x);
    statuses[r.status]++;
  }
  const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return {
    total: filtered.length,
    items: filtered.slice(f.offset, f.offset + f.limit),
    facets: { disciplines: sort(disciplines), nominators: sort(nominators), statuses },
    nearPairs,
  };
}
