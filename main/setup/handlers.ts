import { AppError, type CampaignView } from '../../shared/contract/index.ts';
import { campaignWarnings, newCampaign, summarize, type Campaign } from '../../shared/campaign/campaign.ts';
import { applyAssignments, validateCampaign } from '../../shared/campaign/set-path.ts';
import { diff, historyOf, type CampaignDoc } from '../../shared/store/doc.ts';
import { lastHistoryEntry } from '../../shared/campaign/history.ts';
import type { Handlers } from '../dispatcher.ts';
import { scoringKeyWords } from '../../shared/scoring/history-words.ts';
import type { ServiceDeps } from '../deps.ts';
import type { Store } from '../store/types.ts';

export function view(c: Campaign): CampaignView {
  return { ...c, warnings: campaignWarnings(c) };
}

function load(store: Store, id: string): Campaign {
  const doc = store.get(id);
  if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
  return doc.campaign;
}

/** When anything of the campaign last changed (its settings, or any step's change: an import, an edit…). */
function lastChange(d: CampaignDoc): string {
  const at = lastHistoryEntry(d.history)?.at;
  return at !== undefined && at > d.campaign.updatedAt ? at : d.campaign.updatedAt;
}

type CampaignHandlers = Pick<Handlers, 'campaigns.list' | 'campaigns.get' | 'campaigns.create' | 'campaigns.set' | 'campaigns.update' | 'campaigns.history'>;

export function campaignHandlers({ store, now, newId }: ServiceDeps): CampaignHandlers {
  async function replace(before: Campaign, next: Campaign, actor: string): Promise<CampaignView> {
    const changes = diff(before, next).filter((d) => d.key !== 'updatedAt');
    if (changes.length === 0) return view(before);
    const campaign = { ...next, updatedAt: now().toISOString() };
    await store.commit(before.id, { type: 'campaign.replaced', campaign, changes }, actor);
    return view(campaign);
  }

  return {
    'campaigns.list': () => ({
      campaigns: store.list().map((d) => ({ ...summarize(d.campaign), updatedAt: lastChange(d) })).sort((a, b) => b.year - a.year || a.name.localeCompare(b.name, 'zh-CN')),
    }),
    'campaigns.get': ({ id }) => view(load(store, id)),
    'campaigns.create': async ({ template, name, year }, ctx) => {
      const campaign = newCampaign({ template, name, year }, newId('c'), now().toISOString());
      await store.commit(campaign.id, { type: 'campaign.created', campaign }, ctx.actor);
      return view(campaign);
    },
    'campaigns.set': async ({ id, assignments }, ctx) => {
      const before = load(store, id);
      return replace(before, applyAssignments(before, assignments), ctx.actor);
    },
    'campaigns.update': async ({ id, baseUpdatedAt, patch }, ctx) => {
      const before = load(store, id);
      if (baseUpdatedAt !== undefined && baseUpdatedAt !== before.updatedAt) {
        throw new AppError('STALE_EDIT', 'the campaign changed since this edit began; reload and try again', { values: { id } });
      }
      const draft: Record<string, unknown> = { ...before };
      for (const [k, v] of Object.entries(patch)) if (v !== undefined) draft[k] = v;
      return replace(before, validateCampaign(draft), ctx.actor);
    },
    'campaigns.history': ({ id }) => {
      load(store, id);
      const doc = store.get(id);
      if (!doc) return { entries: [] };
      const words = scoringKeyWords(doc);
      // Scoring lines name their nomination, expert code and criterion (their keys hold ids).
      return {
        entries: [...historyOf(doc)].reverse().map((e) => (e.changes.some((c) => words(c.key))
          ? { ...e, changes: e.changes.map((c) => { const w = words(c.key); return w ? { ...c, words: w } : c; }) }
          : e)),
      };
    },
  };
}
