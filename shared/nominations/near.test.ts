import { describe, expect, it } from 'vitest';
import { distinctChanges, nearMatchSearch, type NearEntry } from './near.ts';
import { numbersDisagree, textNumbers } from './numbers.ts';
import type { NominationsChange } from './slice.ts';

const pairsOf = (entries: readonly NearEntry[], numbers: 'distinct' | 'ignore', threshold = 0.85): [number, number][] =>
  nearMatchSearch(entries, { threshold, numbers, maxPairs: 1e9 }).pairs.map((p): [number, number] => [p.a, p.b]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);

describe('near matches whose numbers differ', () => {
  const conferences: NearEntry[] = [
    { text: '第十三届中国智能系统会议暨智能科学与技术学术年会', key: 'c0' },
    { text: '第十四届中国智能系统会议暨智能科学与技术学术年会', key: 'c1' },
    { text: '第13届中国智能系统会议暨智能科学与技术学术年会', key: 'c2' },
    { text: '2025中国计算机大会暨全国计算机学科发展论坛', key: 'c3' },
    { text: '2026中国计算机大会暨全国计算机学科发展论坛', key: 'c4' },
    { text: '第1届全国青年材料科学与工程学术论坛', key: 'c5' },
    { text: '第13届全国青年材料科学与工程学术论坛', key: 'c6' },
    { text: 'The 13th International Conference on Intelligent Robotics and Applications', key: 'c7' },
    { text: 'The 14th International Conference on Intelligent Robotics and Applications', key: 'c8' },
    { text: 'Thirteenth International Conference on Intelligent Robotics and Applications', key: 'c9' },
    { text: '中国计算机大会暨全国计算机学科发展论坛', key: 'c10' },
  ];

  it('are listed when only the texts count (as before)', () => {
    expect(pairsOf(conferences, 'ignore')).toEqual(expect.arrayContaining([[0, 1], [0, 2], [1, 2], [3, 4], [5, 6], [7, 8]]));
  });

  it('are not listed when numbers set entries apart; the same number, written otherwise, still is', () => {
    const found = pairsOf(conferences, 'distinct');
    // 第十三届 = 第13届; "13th" = "Thirteenth"; a name without its year may be either year's.
    expect(found).toEqual([[0, 2], [3, 10], [4, 10], [7, 9]]);
    // Short names, where the number weighs more in the texts' likeness: so at a lower threshold.
    const short = ['第十三届中国智能系统会议', '第十四届中国智能系统会议', '第13届中国智能系统会议', '2025中国计算机大会', '2026中国计算机大会', '第1届中国智能系统会议'].map((text, i) => ({ text, key: String(i) }));
    expect(pairsOf(short, 'ignore', 0.7)).toEqual([[0, 1], [0, 2], [0, 5], [1, 2], [1, 5], [2, 5], [3, 4]]);
    expect(pairsOf(short, 'distinct', 0.7)).toEqual([[0, 2]]);
  });

  it('an entry’s own year (a conference’s dates) counts like a year in its text', () => {
    const held = [
      { text: '中国智能系统会议', key: 'a', year: 2025 },
      { text: '中国智能系统会议', key: 'b', year: 2026 },
      { text: '中国智能系统会议', key: 'c', year: 2025 },
      { text: '2025中国智能系统会议', key: 'd' },
      { text: '中国智能系统会议', key: 'e' },
    ];
    expect(pairsOf(held, 'distinct', 0.6)).toEqual([[0, 2], [0, 3], [0, 4], [1, 4], [2, 3], [2, 4], [3, 4]]);
  });

  it('papers of one title in other years or journals are still listed: their titles carry no number', () => {
    // The key holds the year (title|year) when there is no DOI; the title alone is compared, as before.
    const papers = [
      { text: '基于深度学习的医学影像分割方法研究', key: 'title:基于深度学习的医学影像分割方法研究|2024' },
      { text: '基于深度学习的医学影像分割方法研究', key: 'title:基于深度学习的医学影像分割方法研究|2025' },
      { text: 'Deep learning for medical image segmentation: a review', key: 'doi:10.1000/a' },
      { text: 'Deep Learning for Medical Image Segmentation - A Review', key: 'doi:10.1000/b' },
      { text: '基于YOLOv5的遥感图像小目标检测方法', key: 'p5' },
      { text: '基于YOLOv8的遥感图像小目标检测方法', key: 'p8' },
    ];
    expect(pairsOf(papers, 'distinct')).toEqual([[0, 1], [2, 3]]);
    expect(pairsOf(papers, 'ignore')).toEqual([[0, 1], [2, 3], [4, 5]]);
  });

  it('agrees with all pairs checked one by one, at any threshold, by single bigrams and by pairs', () => {
    let seed = 11;
    const rnd = (): number => ((seed = (seed * 48271) % 2147483647), seed / 2147483647);
    const names = ['中国智能系统会议', '全国青年材料科学论坛', '中国计算机大会', '国际机器人与应用会议', '全国环境化学学术大会'];
    const zh = ['一', '二', '三', '十', '十三', '十四', '二十一'];
    const entries: NearEntry[] = Array.from({ length: 400 }, (_, i) => {
      const name = names[i % names.length]!;
      const r = rnd();
      const text = r < 0.25 ? `第${1 + Math.floor(rnd() * 20)}届${name}` : r < 0.45 ? `第${zh[Math.floor(rnd() * zh.length)]}届${name}` : r < 0.65 ? `${2020 + Math.floor(rnd() * 7)}${name}` : r < 0.8 ? `${2020 + Math.floor(rnd() * 7)}年第${1 + Math.floor(rnd() * 20)}届${name}` : `${name}${i % 3 === 0 ? '（北京）' : ''}`;
      return { text, key: String(i), ...(i % 7 === 0 ? { year: 2020 + (i % 5) } : {}) };
    });
    const nums = entries.map((e) => {
      const tn = textNumbers(e.text);
      return e.year === undefined || tn.years.includes(e.year) ? tn : { years: [...tn.years, e.year].sort((x, y) => x - y), counts: tn.counts };
    });
    for (const t of [0.85, 0.6]) {
      const slow = pairsOf(entries, 'ignore', t).filter(([a, b]) => !numbersDisagree(nums[a]!, nums[b]!));
      for (const index of ['bigrams', 'pairs'] as const) {
        const r = nearMatchSearch(entries, { threshold: t, numbers: 'distinct', maxPairs: 1e9, index });
        expect(r.pairs.map((p): [number, number] => [p.a, p.b]).sort((x, y) => x[0] - y[0] || x[1] - y[1]), `t=${t} ${index}`).toEqual(slow);
      }
      expect(slow.length).toBeGreaterThan(100);
      expect(pairsOf(entries, 'ignore', t).length).toBeGreaterThan(slow.length);
    }
    // Every entry numbered: the untagged lists are not kept at all.
    const kept = entries.map((_, i) => i).filter((i) => nums[i]!.counts.length > 0);
    const numbered = kept.map((i) => entries[i]!);
    const numberedNums = kept.map((i) => nums[i]!);
    const slow = pairsOf(numbered, 'ignore', 0.6).filter(([a, b]) => !numbersDisagree(numberedNums[a]!, numberedNums[b]!));
    expect(pairsOf(numbered, 'distinct', 0.6)).toEqual(slow);
    expect(nearMatchSearch(numbered, { threshold: 0.6, numbers: 'distinct', maxPairs: 1e9, index: 'pairs' }).pairs.map((p): [number, number] => [p.a, p.b]).sort((x, y) => x[0] - y[0] || x[1] - y[1])).toEqual(slow);
    expect(slow.length).toBeGreaterThan(50);
  });

  it('pairs set apart by numbers do not use up maxPairs', () => {
    const entries = [
      ...Array.from({ length: 40 }, (_, i) => ({ text: `第${i + 1}届全国青年材料科学与工程论坛`, key: `s${i}` })),
      { text: '基于深度学习的医学影像分割方法研究', key: 'a' },
      { text: '基于深度学习的医学影像分割方法研究。', key: 'b' },
    ];
    expect(nearMatchSearch(entries, { maxPairs: 5, numbers: 'ignore' }).truncated).toBe(true);
    const r = nearMatchSearch(entries, { maxPairs: 5, numbers: 'distinct' });
    expect(r).toEqual({ pairs: [{ a: 40, b: 41, similarity: 1 }], truncated: false });
  });
});

describe('distinctChanges', () => {
  const nominations = [
    { id: 'n1', distinctFrom: [] },
    { id: 'n2', distinctFrom: [] },
    { id: 'n3', distinctFrom: ['n4'] },
    { id: 'n4', distinctFrom: ['n3'] },
    { id: 'n5', distinctFrom: ['n1'] },
  ];
  const pairs = [
    { id: 'n1', otherId: 'n2' },
    { id: 'n3', otherId: 'n4' },
    { id: 'n1', otherId: 'n5' },
    { id: 'n2', otherId: 'n5' },
    { id: 'n2', otherId: 'n1' },
  ];

  it('selected pairs: one change each, none for a pair already confirmed or no longer listed', () => {
    const plan = distinctChanges(pairs, { pairs: [{ id: 'n2', otherId: 'n1' }, { id: 'n1', otherId: 'n2' }, { id: 'n4', otherId: 'n3' }, { id: 'n1', otherId: 'n3' }] }, nominations, 't1');
    const change: NominationsChange = plan.changes[0]!;
    expect(change).toEqual({ type: 'nomination.distinct', id: 'n1', otherId: 'n2', at: 't1' });
    expect(plan).toEqual({ changes: [change], already: 1, stale: 1 });
  });

  it('selected nominations: every pair with one of them, or (within) with both; a pair confirmed one way only is completed', () => {
    const touching = distinctChanges(pairs, { ids: ['n1'] }, nominations, 't');
    expect(touching.changes.map((c) => [c.id, c.otherId])).toEqual([['n1', 'n2'], ['n1', 'n5']]);
    const within = distinctChanges(pairs, { ids: ['n2', 'n5', 'n3'], within: true }, nominations, 't');
    expect(within).toEqual({ changes: [{ type: 'nomination.distinct', id: 'n2', otherId: 'n5', at: 't' }], already: 0, stale: 0 });
    expect(distinctChanges(pairs, { ids: [] }, nominations, 't')).toEqual({ changes: [], already: 0, stale: 0 });
  });

  it('a pair naming a nomination that is gone is stale, not a change', () => {
    const plan = distinctChanges([{ id: 'n1', otherId: 'gone' }, { id: 'n1', otherId: 'n1' }], { ids: ['n1'] }, nominations, 't');
    expect(plan).toEqual({ changes: [], already: 0, stale: 1 });
  });
});
