import { describe, expect, it } from 'vitest';
import { newCampaign } from '../campaign/campaign.ts';
import { defaultSettings } from '../campaign/settings.ts';
import { decideRound } from './vote.ts';
import { finalSelection, methodParagraph, payloadVotes, resultTables, RESULT_SHEET_FORMAT, RESULT_SHEET_VERSION, type PayloadItem, type ResultPayload } from './payload.ts';
import { printedDate, printView } from './print.ts';
import { publicTable } from './public.ts';
import type { Round } from './slice.ts';

const c = newCampaign({ template: 'conferences', name: '2026 十佳学术会议', year: 2026 }, 'c-1', '2026-01-01T00:00:00.000Z');
const item = (id: string, rank: number, score: number, status: PayloadItem['status']): PayloadItem => ({ id, key: `K-${id}`, title: `会议 ${id} <b>&`, discipline: '化学', group: '理科组', rank, score, status, components: { mean: score, trimmed: score, n: 5, span: 12, sd: 4.5 } });
const items = [item('a', 1, 91.5, 'selected'), item('b', 2, 88, 'selected'), item('c', 3, 80.25, 'out')];
const rules = defaultSettings().vote;
const round: Round = {
  id: 'r1', groupId: 'g1', number: 1, openedAt: 't', members: ['e1', 'e2', 'e3'], seats: 1,
  items: [{ itemId: 'a', score: 91.5, rank: 1, conflicted: [] }, { itemId: 'b', score: 88, rank: 2, conflicted: ['e3'] }],
  counts: {},
};
const closed: Round = { ...round, closedAt: 't2', rules, result: decideRound({ items: [{ itemId: 'a', score: 91.5, members: round.members, conflicted: [], counts: { yes: 2, no: 1, abstain: 0 } }, { itemId: 'b', score: 88, members: round.members, conflicted: ['e3'], counts: { yes: 2, no: 0, abstain: 0 } }], seats: 1, ranked: ['c'] }, rules) };

const payload = (): ResultPayload => ({
  format: RESULT_SHEET_FORMAT,
  version: RESULT_SHEET_VERSION,
  campaign: { id: c.id, name: c.name, kind: c.kind, year: c.year, criteria: c.criteria.map(({ id, name, nameEn, weight, min, max, step }) => ({ id, name, nameEn, weight, min, max, step })), settings: c.settings },
  method: 'trimmed',
  groups: [{ name: '理科组', members: ['A', 'B', 'C'], seats: 1 }],
  items,
  selected: finalSelection(items, [closed], () => 'g1', () => '理科组'),
  scores: [{ itemId: 'a', expert: 'A', criteria: { [c.criteria[0]!.id]: 20 }, total: 80 }],
  votes: payloadVotes([closed], () => '理科组'),
  files: [{ kind: 'nominations', name: '推荐.xlsx', sha256: 'ab'.repeat(32), payloadSha256: 'cd'.repeat(32) }],
  sealedAt: '2026-03-05T15:30:00.000Z',
  signer: { name: '秘书处', fingerprint: '3F2A 9C01 77B4 0E5D 21C8 A6F0 4B19 D273', publicKey: 'MCowBQYDK2VwAyEA' },
});

describe('the result payload', () => {
  it('selects by the vote: b has as many yes votes as a (2) but a higher score wins the one seat', () => {
    // a: 2 yes of 3 present passes; b: 2 yes of 2 (e3 conflicted) passes; equal yes → the higher score (a).
    expect(payload().selected).toEqual([{ itemId: 'a', group: '理科组', yes: 2 }]);
    expect(payload().votes.map((v) => [v.itemId, v.members, v.conflicted, v.outcome])).toEqual([['a', 3, 0, 'passed'], ['b', 2, 1, 'passed']]);
  });

  it('keeps rank and quota for a group that did not vote', () => {
    expect(finalSelection(items, [], () => 'g1', () => '理科组').map((s) => s.itemId)).toEqual(['a', 'b']);
  });

  it('makes the same sheets from the same payload, every component and setting in them', () => {
    const t1 = resultTables(payload());
    expect(resultTables(payload())).toEqual(t1);
    expect(t1.map((t) => t.name)).toEqual(['入选名单 Selected', '排名 Ranking', '原始评分 Raw scores', '投票 Vote', '方法与设置 Method', '文件 Files', '签名 Signature']);
    for (const t of t1) expect(t.name.length).toBeLessThanOrEqual(31);
    const ranking = t1[1]!;
    expect(ranking.rows[0]).toEqual(['排名 Rank', '状态 Status', '编号 Key', '题目 Title', '学科 Discipline', '评审组 Group', '得分 Score', '平均分 Mean', '去极值平均 Trimmed mean', '有效评分数 Scores', '极差 Span', '标准差 SD']);
    expect(ranking.rows[3]).toEqual([3, '未入选 not selected', 'K-c', '会议 c <b>&', '化学', '理科组', 80.25, 80.25, 80.25, 5, 12, 4.5]);
    const method = t1[4]!.rows;
    expect(method).toContainEqual(['vote.quorumNumerator', 3]);
    expect(method).toContainEqual(['aggregation.method', 'trimmed']);
    expect(t1[2]!.rows[1]).toEqual(['K-a', '会议 a <b>&', 'A', 20, ...c.criteria.slice(1).map(() => null), 80]);
  });

  it('says the method in one paragraph in both languages', () => {
    expect(methodParagraph(payload(), 'zh-CN')).toContain('去掉 1 个最高分和 1 个最低分');
    expect(methodParagraph(payload(), 'zh-CN')).toContain('无记名');
    expect(methodParagraph(payload(), 'en')).toContain('3·yes ≥ 2·present');
  });
});

describe('the print view', () => {
  it('prints the date in the campaign’s time zone, the Chinese way', () => {
    expect(printedDate('2026-03-05T15:30:00.000Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026年3月5日');
    expect(printedDate('2026-03-05T16:30:00.000Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026年3月6日');
    expect(printedDate('2026-03-05T15:30:00.000Z', 'Asia/Shanghai', 'en')).toBe('5 March 2026');
  });

  it('holds the selected list, the vote, a line for each member, the fingerprint and digest; text escaped', () => {
    const html = printView(payload(), 'ef'.repeat(32), 'zh-CN');
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('会议 a &lt;b&gt;&amp;');
    expect(html).not.toContain('<b>&');
    expect(html).toContain('3F2A 9C01 77B4 0E5D 21C8 A6F0 4B19 D273');
    expect(html).toContain('ef'.repeat(32));
    expect(html.match(/<tr><td>专家[ABC]<\/td><td><\/td><td><\/td><\/tr>/g)).toHaveLength(3);
    expect(html).not.toContain('<script');
    expect(printView(payload(), 'x', 'en')).toContain('Signatures of the group members');
  });
});

describe('the public list', () => {
  it('has public fields only, whatever the items carry', () => {
    const t = publicTable('conferences', [{ fields: { name: '中国化学会年会', organiser: '中国化学会', discipline: '化学', score: 91.5, expert: '张三' }, nominators: ['中国化学会'] }]);
    expect(t.rows).toEqual([
      ['序号 No.', '会议名称 Conference', '主办单位 Organiser', '承办单位 Institution', '学科 Discipline', '推荐单位 Nominator'],
      [1, '中国化学会年会', '中国化学会', '', '化学', '中国化学会'],
    ]);
    expect(publicTable('papers', [{ fields: { title: 'T', authors: ['甲', '乙'], affiliation: '清华大学', discipline: '物理' }, nominators: [] }]).rows[1]).toEqual([1, 'T', '甲; 乙', '清华大学', '物理', '']);
  });
});
