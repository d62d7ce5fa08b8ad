import type { Campaign } from '../../shared/campaign/campaign.ts';
import type { NearPairCount, NominationRow } from '../../shared/contract/nominations.ts';
import { nearByNomination, nearEntry, nearInput, rowOf, type Near, type NearPairs } from '../../shared/nominations/list.ts';
import { nearMatchSearch, type NearMatchResult } from '../../shared/nominations/map-rows.ts';
import type { Nomination } from '../../shared/nominations/record.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import type { WorkerPool } from '../workers/pool.ts';

export interface View {
  readonly rows: readonly NominationRow[];
  readonly byId: ReadonlyMap<string, NominationRow>;
  /** Unresolved near matches by nomination id. */
  readonly near: ReadonlyMap<string, Near[]>;
  /** The unresolved near-match pairs, counted, and whether the search stopped at its cap. */
  readonly nearPairs: NearPairCount;
}

type Cached = NearPairs & { readonly sig: string };

/**
 * The list of a campaign's nominations as rows, kept per document and per nomination (a row is reused while its
 * nomination, the campaign's rules, its near matches and the day are the same), and the near pairs by campaign
 * (recomputed only when some label or key changed). One per app: nothing is shared between apps in a process.
 */
export class NominationViews {
  private readonly views = new WeakMap<CampaignDoc, View>();
  private readonly rows = new WeakMap<Nomination, { campaign: Campaign; nearSig: string; today: string; row: NominationRow }>();
  private readonly nearPairs = new Map<string, Cached>();
  /** Searches in the worker under way, by campaign and signature, so two calls at once share one. */
  private readonly nearPending = new Map<string, Promise<void>>();

  constructor(
    private readonly today: () => string,
    private readonly pool: WorkerPool,
    private readonly nearInWorkerFrom: number,
  ) {}

  has(doc: CampaignDoc): boolean {
    return this.views.has(doc);
  }

  view(doc: CampaignDoc): View {
    let v = this.views.get(doc);
    if (v) return v;
    const today = this.today();
    const { byId: near, count: nearPairs } = this.nearAll(doc.campaign.id, doc.campaign.kind, doc.nominations);
    const rows = doc.nominations.map((n) => {
      const nearList = near.get(n.id) ?? [];
      const nearSig = nearList.map((x) => `${x.id}:${x.label}`).join('\u0000');
      const hit = this.rows.get(n);
      if (hit && hit.campaign === doc.campaign && hit.nearSig === nearSig && hit.today === today) return hit.row;
      const row = rowOf(doc.campaign, n, nearList, today);
      this.rows.set(n, { campaign: doc.campaign, nearSig, today, row });
      return row;
    });
    v = { rows, byId: new Map(rows.map((r) => [r.id, r])), near, nearPairs };
    this.views.set(doc, v);
    return v;
  }

  /**
   * Before a view of a big campaign is built: near matches found in the worker when the cache does not have them, so
   * view() finds them there and main's event loop is not held by the search. Any failure leaves it to view().
   */
  async warmNear(doc: CampaignDoc): Promise<void> {
    const list = doc.nominations;
    if (list.length < this.nearInWorkerFrom) return;
    const campaignId = doc.campaign.id;
    const { labels, years, sig } = nearInput(doc.campaign.kind, list);
    if (this.nearPairs.get(campaignId)?.sig === sig) return;
    const pendingKey = `${campaignId}\u0000${sig}`;
    let pending = this.nearPending.get(pendingKey);
    if (!pending) {
      const entries = list.map((n, i) => nearEntry(labels[i]!, n.key, years[i]));
      pending = this.pool.run('nominations.near', { entries, options: {} }, { label: 'near matches' })
        .done.then((r) => void this.cache(campaignId, list, sig, r))
        .catch(() => undefined)
        .finally(() => this.nearPending.delete(pendingKey));
      this.nearPending.set(pendingKey, pending);
    }
    await pending;
  }

  private cache(campaignId: string, list: readonly Nomination[], sig: string, found: NearMatchResult): Cached {
    const cached: Cached = { sig, pairs: found.pairs.map((p) => [list[p.a]!.id, list[p.b]!.id, p.similarity] as const), truncated: found.truncated };
    this.nearPairs.delete(campaignId);
    this.nearPairs.set(campaignId, cached);
    while (this.nearPairs.size > 8) this.nearPairs.delete(this.nearPairs.keys().next().value!);
    return cached;
  }

  private nearAll(campaignId: string, kind: Campaign['kind'], list: readonly Nomination[]): { byId: Map<string, Near[]>; count: NearPairCount } {
    const { labels, years, sig } = nearInput(kind, list);
    let cached = this.nearPairs.get(campaignId);
    if (!cached || cached.sig !== sig) cached = this.cache(campaignId, list, sig, nearMatchSearch(list.map((n, i) => nearEntry(labels[i]!, n.key, years[i]))));
    return nearByNomination(list, labels, cached);
  }
}
