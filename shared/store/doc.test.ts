import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import { emptyPanel } from '../panel/slice.ts';
import { applyEntry, diff, historyOf, historyTypeWord, ReplayError, SCHEMA_VERSION, slices, type CampaignDoc, type Change } from './doc.ts';

const campaign = newCampaign({ template: 'topics', name: 'x', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');

describe('applyEntry', () => {
  it('creates, then replaces, keeping the history', () => {
    const d1 = applyEntry(null, { seq: 1, at: 't1', actor: 'a', change: { type: 'campaign.created', campaign } });
    const renamed = { ...campaign, name: 'y' };
    const d2 = applyEntry(d1, { seq: 2, at: 't2', actor: 'b', change: { type: 'campaign.replaced', campaign: renamed, changes: [{ key: 'name', before: 'x', after: 'y' }] } });
    expect(d2.seq).toBe(2);
    expect(d2.campaign.name).toBe('y');
    expect(historyOf(d2).map((h) => [h.seq, h.type, h.actor])).toEqual([[1, 'campaign.created', 'a'], [2, 'campaign.replaced', 'b']]);
    expect(d1.campaign.name).toBe('x');
  });

  it('refuses a change that does not fit the doc', () => {
    const d1 = applyEntry(null, { seq: 1, at: 't', actor: 'a', change: { type: 'campaign.created', campaign } });
    expect(() => applyEntry(d1, { seq: 2, at: 't', actor: 'a', change: { type: 'campaign.created', campaign } })).toThrow(ReplayError);
    expect(() => applyEntry(null as CampaignDoc | null, { seq: 1, at: 't', actor: 'a', change: { type: 'campaign.replaced', campaign, changes: [] } })).toThrow(ReplayError);
  });
});

describe('diff', () => {
  it('lists changed keys, criteria by id', () => {
    const after = { ...campaign, criteria: campaign.criteria.map((c) => (c.id === 'frontier' ? { ...c, weight: 25 } : c)), settings: { ...campaign.settings, quota: { ...campaign.settings.quota, total: 7 } } };
    expect(diff(campaign, after)).toEqual([
      { key: 'criteria.frontier.weight', before: 30, after: 25 },
      { key: 'settings.quota.total', before: null, after: 7 },
    ]);
    expect(diff(campaign, campaign)).toEqual([]);
  });

  it('notices a reorder', () => {
    const after = { ...campaign, criteria: [...campaign.criteria].reverse() };
    expect(diff(campaign, after).map((d) => d.key)).toEqual(['criteria.order']);
  });
});

describe('the slices composed', () => {
  it('each change type has one owner and words in both languages', () => {
    const types = slices.flatMap((s) => [...s.changeTypes] as string[]);
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) {
      for (const lang of ['zh-CN', 'en']) {
        const word = historyTypeWord(type, lang);
        expect(word).not.toBe(type);
        expect(word.length).toBeGreaterThan(0);
      }
    }
    expect(historyTypeWord('campaign.created', 'zh-CN')).toBe('创建评审活动');
    expect(historyTypeWord('nomination.overridden', 'en')).toBe('Override');
    expect(historyTypeWord('scores.entered', 'en')).toBe('scores.entered');
    expect(historyTypeWord('__proto__', 'en')).toBe('__proto__');
  });

  it('refuses a change no slice owns, and any but an opening change on no doc', () => {
    const d1 = applyEntry(null, { seq: 1, at: 't', actor: 'a', change: { type: 'campaign.created', campaign } });
    expect(() => applyEntry(d1, { seq: 2, at: 't', actor: 'a', change: { type: 'scores.entered' } as unknown as Change })).toThrow(/unknown change scores.entered/);
    expect(() => applyEntry(null, { seq: 1, at: 't', actor: 'a', change: { type: 'nomination.edited', id: 'n', field: 'title', edit: null } })).toThrow(ReplayError);
  });

  it('a new doc has every slice\'s part, the current version, and one history entry', () => {
    const d1 = applyEntry(null, { seq: 1, at: 't', actor: 'a', change: { type: 'campaign.created', campaign } });
    expect(d1).toEqual({ schemaVersion: SCHEMA_VERSION, seq: 1, campaign, nominations: [], imports: [], mappings: {}, panel: emptyPanel, scoring: { sheets: [], answers: [], closed: false, keys: [], mine: null }, history: { chunks: [[{ seq: 1, at: 't', actor: 'a', type: 'campaign.created', changes: [] }]] } });
  });
});
