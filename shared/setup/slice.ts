import type { Campaign } from '../campaign/campaign.ts';
import type { HistoryEntry } from '../campaign/history.ts';
import { ReplayError, type Slice } from '../campaign/slice.ts';

/** Setup's part of the doc: the campaign itself (its name, rubric, groups, settings). Every later step reads it. */
export interface SetupPart {
  readonly campaign: Campaign;
}

export type SetupChange =
  | { readonly type: 'campaign.created'; readonly campaign: Campaign }
  /** The whole campaign after an edit (setup edits are small; the history keeps the key-by-key diff). */
  | { readonly type: 'campaign.replaced'; readonly campaign: Campaign; readonly changes: HistoryEntry['changes'] };

export const setupSlice: Slice<SetupPart, SetupChange> = {
  step: 'setup',
  changeTypes: ['campaign.created', 'campaign.replaced'],
  opens: ['campaign.created'],
  initial: () => ({}),
  reduce(doc, change, meta) {
    if (change.type === 'campaign.created') {
      if (doc) throw new ReplayError(`entry ${meta.seq}: campaign ${change.campaign.id} already exists`);
      return { state: { campaign: change.campaign }, line: { changes: [] } };
    }
    if (!doc) throw new ReplayError(`entry ${meta.seq}: no campaign to change`);
    return { state: { campaign: change.campaign }, line: { changes: change.changes } };
  },
  words: {
    'zh-CN': { 'campaign.created': '创建评审活动', 'campaign.replaced': '修改设置' },
    en: { 'campaign.created': 'Campaign created', 'campaign.replaced': 'Settings changed' },
  },
};
