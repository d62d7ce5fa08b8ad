import { describe, expect, it } from 'vitest';
import { scoringKeyWords } from './history-words.ts';

type Doc = Parameters<typeof scoringKeyWords>[0];

// Only what the words read: the rubric, one nomination, two experts, one sheet.
const doc = {
  campaign: { kind: 'topics', criteria: [{ id: 'cross', name: '交叉性', nameEn: 'Cross-disciplinarity' }] },
  nominations: [{ id: 'n1', edits: {}, sources: [{ nominator: '中国物理学会', fields: { title: '量子生物学' } }] }],
  panel: { experts: [{ id: 'e1', name: '张三' }, { id: 'e2', name: '李四' }] },
  scoring: { sheets: [{ id: 's1', expertId: 'e2', supplementary: true }], answers: [], closed: false, keys: [], mine: null },
} as unknown as Doc;

describe('scoring history keys in words', () => {
  const words = scoringKeyWords(doc);

  it('names a score by its nomination, the expert code and the criterion, never ids', () => {
    const w = words('scores.n1.e2.cross')!;
    expect(w.zh).toBe("“量子生物学” · 专家B · 交叉性");
    expect(w.en).toMatch(/ · Expert B · Cross-disciplinarity$/);
    expect(`${w.zh}${w.en}`).not.toMatch(/\bn1\b|\be2\b|cross\b/);
    expect(words('scores.n1.e1.comment')!.zh).toMatch(/专家A · 评语$/);
    expect(words('scores.n1.e1.recused')!.en).toMatch(/Expert A · recusal$/);
  });

  it('names sheets by their expert, keys, paper entry and closing', () => {
    expect(words('sheets.s1')).toEqual({ zh: '专家B的补充评分表 · 发出', en: 'Expert B\'s supplementary score sheet · issued' });
    expect(words('sheets.s1.return')!.zh).toBe('专家B的补充评分表 · 交回');
    expect(words('keys.e1')!.zh).toBe('专家A的签名密钥指纹');
    expect(words('paper.e1')!.en).toBe('Expert A\'s paper scores · typed in by');
    expect(words('paper.e1.doubleEntry')!.zh).toBe('专家A的纸质评分 · 双人录入');
    expect(words('scoring.closed')!.en).toBe('Scoring closed');
  });

  it('says an expert is gone rather than show an id, and leaves other steps\' keys alone', () => {
    expect(words('keys.e9')!.zh).toBe('已移出的专家的签名密钥指纹');
    expect(words('settings.quota.total')).toBeNull();
    expect(words('nominations.n1.title')).toBeNull();
  });
});
