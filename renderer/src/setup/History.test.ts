import { describe, expect, it } from 'vitest';
import { createInstance, type TFunction } from 'i18next';
import { zhCN } from '../i18n/zh-CN.ts';
import { en } from '../i18n/en.ts';
import type { CampaignView } from '../../../shared/contract/index.ts';
import type { HistoryEntry } from '../../../shared/store/doc.ts';
import { importLine, nominationChangeLabel, typeWord } from './History.tsx';

async function tFor(lng: 'zh-CN' | 'en'): Promise<TFunction> {
  const i = createInstance();
  await i.init({ lng, resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i.t;
}

const campaign = { kind: 'papers' } as unknown as CampaignView;
const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({ seq: 3, at: '2026-03-05T01:00:00Z', actor: 'me', type: 'nomination.edited', changes: [], ...over });

describe('the campaign history in words', () => {
  it('names the kind of every entry, the nominations’ included', async () => {
    expect(typeWord('campaign.created', 'zh-CN')).toBe('创建评审活动');
    expect(typeWord('nominations.imported', 'zh-CN')).toBe('导入');
    expect(typeWord('nomination.overridden', 'en')).toBe('Override');
  });

  it('says which nomination and which field a change was, by the label the entry carries', async () => {
    const zh = await tFor('zh-CN');
    const e = entry({ subject: { id: 'n1', label: '高温超导材料' } });
    expect(nominationChangeLabel('nominations.n1.citations', e, campaign, zh, 'zh-CN')).toBe('推荐“高温超导材料” · 被引次数');
    expect(nominationChangeLabel('nominations.n1.key', e, campaign, zh, 'zh-CN')).toBe('推荐“高温超导材料” · 识别码');
    expect(nominationChangeLabel('nominations.n1.override', e, campaign, await tFor('en'), 'en')).toBe('Nomination “高温超导材料” · Override');
    // An entry saved before entries named their nomination: its id.
    expect(nominationChangeLabel('nominations.n9.title', entry({}), campaign, zh, 'zh-CN')).toBe('推荐“n9” · 论文题目');
  });

  it('sums up an import in one line', async () => {
    const e = entry({ type: 'nominations.imported', import: { id: 'i1', file: '化学会.xlsx', sheet: '推荐论文', nominator: '中国化学会', imported: 30, updated: 2, unchanged: 1, rejected: 4 } });
    expect(importLine(e, await tFor('zh-CN'))).toBe('化学会.xlsx（工作表“推荐论文”，推荐单位 中国化学会）：新增 30 项，更新 2 项，未变 1 项，退回 4 行');
    expect(importLine({ ...e, import: { ...e.import!, nominator: '' } }, await tFor('en'))).toBe('化学会.xlsx (sheet “推荐论文”): 30 new, 2 updated, 1 unchanged, 4 rows sent back');
    expect(importLine(entry({}), await tFor('en'))).toBeNull();
  });
});
