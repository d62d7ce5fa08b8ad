import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import type { Expert } from '../panel/model.ts';
import { expertsOf } from '../panel/slice.ts';
import { checkCampaignDoc } from './doc-schema.ts';
import { applyEntry, historyOf, historyTypeWord, type CampaignDoc, type Change } from './doc.ts';
import { migrate } from './migrations.ts';

const campaign = newCampaign({ template: 'conferences', name: 'x', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');
const expert: Expert = { id: 'e1', name: '张三', institution: '清华大学', department: '', title: '', disciplines: [], offices: [], phone: '', email: '', groupId: null };

let seq = 0;
const step = (doc: CampaignDoc | null, change: Change): CampaignDoc => applyEntry(doc, { seq: ++seq, at: `t${seq}`, actor: 'me', change });

describe('applyEntry: panel', () => {
  it('a new campaign has an empty panel; panel changes fold in with their history line and words', () => {
    const d0 = step(null, { type: 'campaign.created', campaign });
    expect(d0.panel).toEqual({ experts: [], conflicts: [], assignments: [], institutions: { additions: [] }, excluded: [] });
    const d1 = step(d0, { type: 'expert.added', expert });
    expect(expertsOf(d1)).toEqual([expert]);
    expect(historyOf(d1).at(-1)).toMatchObject({ type: 'expert.added', subject: { id: 'e1', label: '张三' } });
    expect(historyTypeWord('expert.added', 'zh-CN')).toBe('添加专家');
    expect(historyTypeWord('panel.assigned', 'en')).toBe('Reviewers assigned');
    // The snapshot check accepts it, and refuses a malformed panel.
    expect(checkCampaignDoc(JSON.parse(JSON.stringify(d1))).ok).toBe(true);
    expect(checkCampaignDoc({ ...d1, panel: { ...d1.panel, experts: [{ id: 'e1' }] } }).ok).toBe(false);
  });

  it('a doc of schema 4 migrates to one with an empty panel', () => {
    const out = migrate({ schemaVersion: 4, seq: 1, campaign, history: { chunks: [] }, nominations: [], imports: [], mappings: {} });
    expect(out.ok && out.doc.panel.experts).toEqual([]);
  });
});
