import type { Campaign } from '../campaign/campaign.ts';
import type { AggregationMethod, Settings } from '../campaign/settings.ts';
import { METHOD_WORDS, num, type Lang } from '../results/words.ts';
import type { Round } from './slice.ts';
import type { VoteOutcome } from './vote.ts';

/**
 * The result sheet's canonical payload (结果表): everything the sheet shows, as plain data. The secretary signs its
 * canonical JSON (RFC 8785); the visible sheets are made from it by resultTables(), so a verifier makes them again
 * from the signed payload and compares them cell by cell: any changed value, visible or hidden, is found.
 */
export const RESULT_SHEET_FORMAT = 'paneldesk-result-sheet';
export const RESULT_SHEET_VERSION = 1;

export type ItemStatus = 'selected' | 'tie' | 'out' | 'unranked';

export interface PayloadItem {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly discipline: string | null;
  /** The discipline group's name ('' when none). */
  readonly group: string;
  readonly rank: number | null;
  /** What ranks (for papers the blend). */
  readonly score: number | null;
  /** By rank and quota, before the vote. */
  readonly status: ItemStatus;
  /** Every component: each method's value, the count of scores, span and standard deviation, metric and blend. */
  readonly components: Readonly<Record<string, number | null>>;
}

export interface PayloadScore {
  readonly itemId: string;
  /** The expert's code letter (A: 专家A / Expert A), never the name. */
  readonly expert: string;
  readonly criteria: Readonly<Record<string, number | null>>;
  readonly total: number | null;
}

export interface PayloadVote {
  readonly group: string;
  readonly round: number;
  readonly itemId: string;
  readonly members: number;
  readonly conflicted: number;
  readonly yes: number;
  readonly no: number;
  readonly abstain: number;
  readonly present: number;
  readonly outcome: VoteOutcome;
}

export interface PayloadFile {
  readonly kind: 'nominations' | 'score-sheet';
  readonly name: string;
  readonly sha256: string;
  /** SHA-256 of the file's canonical payload (the import's record, the sheet's canonical answer). */
  readonly payloadSha256: string;
}

export interface PayloadGroup {
  readonly name: string;
  /** Members by code letter (A, B …: 专家A / Expert A), for the signature lines; names are written by hand on the paper. */
  readonly members: readonly string[];
  readonly seats: number | null;
}

export interface ResultPayload {
  readonly format: typeof RESULT_SHEET_FORMAT;
  readonly version: typeof RESULT_SHEET_VERSION;
  readonly campaign: {
    readonly id: string;
    readonly name: string;
    readonly kind: Campaign['kind'];
    readonly year: number;
    readonly criteria: readonly { readonly id: string; readonly name: string; readonly nameEn: string; readonly weight: number; readonly min: number; readonly max: number; readonly step: number }[];
    readonly settings: Settings;
  };
  readonly method: AggregationMethod;
  readonly groups: readonly PayloadGroup[];
  readonly items: readonly PayloadItem[];
  /** The selected list in its final order: by the vote where there was one, else by rank and quota. */
  readonly selected: readonly { readonly itemId: string; readonly group: string; readonly yes: number | null }[];
  readonly scores: readonly PayloadScore[];
  readonly votes: readonly PayloadVote[];
  readonly files: readonly PayloadFile[];
  readonly sealedAt: string;
  readonly signer: { readonly name: string; readonly fingerprint: string; readonly publicKey: string };
}

/** The tallies of closed rounds, in the order they were held. */
export function payloadVotes(rounds: readonly Round[], groupName: (groupId: string) => string): PayloadVote[] {
  const out: PayloadVote[] = [];
  for (const r of rounds) {
    if (!r.result) continue;
    for (const t of r.result.tallies) {
      out.push({ group: groupName(r.groupId), round: r.number, itemId: t.itemId, members: t.members, conflicted: t.conflicted, yes: t.counts.yes, no: t.counts.no, abstain: t.counts.abstain, present: t.present, outcome: t.outcome });
    }
  }
  return out;
}

/** The selection after the vote: each group's selected in its rounds' order; a group that did not vote keeps rank and quota. */
export function finalSelection(items: readonly Pick<PayloadItem, 'id' | 'status' | 'group'>[], rounds: readonly Round[], groupOf: (itemId: string) => string, groupName: (groupId: string) => string): ResultPayload['selected'] {
  const voted = new Set(rounds.filter((r) => r.result).map((r) => r.groupId));
  const yes = new Map<string, number>();
  const out: { itemId: string; group: string; yes: number | null }[] = [];
  for (const r of rounds) {
    if (!r.result) continue;
    for (const t of r.result.tallies) yes.set(t.itemId, t.counts.yes);
    for (const id of r.result.selected) out.push({ itemId: id, group: groupName(r.groupId), yes: yes.get(id) ?? null });
  }
  for (const it of items) {
    if (it.status === 'selected' && !voted.has(groupOf(it.id))) out.push({ itemId: it.id, group: it.group, yes: null });
  }
  return out;
}

const W = {
  'zh-CN': { status: { selected: '入选', tie: '并列待定', out: '未入选', unranked: '无排名' }, outcome: { passed: '通过', failed: '未通过', 'no-quorum': '表决无效（不足法定人数）', invalid: '票数有误' } },
  en: { status: { selected: 'selected', tie: 'tied at the line', out: 'not selected', unranked: 'unranked' }, outcome: { passed: 'passed', failed: 'not passed', 'no-quorum': 'no quorum', invalid: 'invalid counts' } },
} as const;

export const statusWord = (s: ItemStatus, lang: Lang): string => W[lang].status[s];
export const outcomeWord = (o: VoteOutcome, lang: Lang): string => W[lang].outcome[o];

/** The method in one paragraph, for the sheet and the print view. */
export function methodParagraph(p: ResultPayload, lang: Lang): string {
  const s = p.campaign.settings;
  const a = s.aggregation;
  const v = s.vote;
  const crit = p.campaign.criteria.map((c) => `${lang === 'en' && c.nameEn ? c.nameEn : c.name} ${num(c.weight)}`).join(lang === 'en' ? ', ' : '、');
  const quota = s.quota.total === null ? (lang === 'en' ? 'set by group' : '按评审组确定') : num(s.quota.total);
  const blend = s.metrics.enabled ? s.blend : null;
  if (lang === 'en') {
    return [
      `Each expert scored the items assigned to them on the rubric (${crit}); the weighted total is on 0–100.`,
      `Scores were combined by the ${METHOD_WORDS[p.method].en}${p.method === 'trimmed' ? ` (${num(a.trimHighest)} highest and ${num(a.trimLowest)} lowest dropped, at least ${num(a.minScoresAfterTrim)} scores left)` : ''}.`,
      blend ? `The final score is ${num(blend.metricWeight)} % metric score and ${num(blend.expertWeight)} % expert score.` : '',
      `Items with a span of ${num(s.disagreement.span)} or more, or a standard deviation of ${num(s.disagreement.stdDev)} or more, were discussed.`,
      `Quota: ${quota}. At the meeting each group voted ${v.secretBallot ? 'by secret ballot' : 'openly'}: a vote is valid when ${num(v.quorumNumerator)}·present ≥ ${num(v.quorumDenominator)}·members, and an item passes when ${num(v.passNumerator)}·yes ≥ ${num(v.passDenominator)}·present; ${v.abstainCountsAsPresent ? 'an abstention counts as present' : 'abstentions do not count as present'}, and a member with a conflict is out of both counts. More passes than seats are ordered by yes votes, then score.`,
    ].filter(Boolean).join(' ');
  }
  return [
    `各位专家按评分细则（${crit}）对分配的项目评分，加权总分为 0–100 分。`,
    `汇总方法：${METHOD_WORDS[p.method]['zh-CN']}${p.method === 'trimmed' ? `（去掉 ${num(a.trimHighest)} 个最高分和 ${num(a.trimLowest)} 个最低分，剩余不少于 ${num(a.minScoresAfterTrim)} 个）` : ''}。`,
    blend ? `最终得分 = 指标得分 ${num(blend.metricWeight)}% + 专家评分 ${num(blend.expertWeight)}%。` : '',
    `极差不小于 ${num(s.disagreement.span)} 或标准差不小于 ${num(s.disagreement.stdDev)} 的项目提交会议讨论。`,
    `名额：${quota}。会评时各组${v.secretBallot ? '无记名' : '记名'}投票：实到人数的 ${num(v.quorumNumerator)} 倍不少于应到人数的 ${num(v.quorumDenominator)} 倍时表决有效，赞成票的 ${num(v.passNumerator)} 倍不少于实到人数的 ${num(v.passDenominator)} 倍时通过；${v.abstainCountsAsPresent ? '弃权计入实到人数' : '弃权不计入实到人数'}，需回避的成员不计入应到与实到人数。通过项目多于名额时，按赞成票数、再按得分排序。`,
  ].filter(Boolean).join('');
}

export type TableCell = string | number | null;
export interface Table {
  /** Sheet name (Excel: at most 31 characters, none of []:*?/\). */
  readonly name: string;
  readonly widths: readonly number[];
  readonly rows: readonly (readonly TableCell[])[];
}

const COMPONENTS = ['mean', 'median', 'trimmed', 'zscore', 'additive', 'n', 'span', 'sd', 'metric', 'final'] as const;
const COMPONENT_HEADERS: Readonly<Record<(typeof COMPONENTS)[number], string>> = {
  mean: '平均分 Mean',
  median: '中位数 Median',
  trimmed: '去极值平均 Trimmed mean',
  zscore: '标准分 Z-score',
  additive: '加性模型 Additive',
  n: '有效评分数 Scores',
  span: '极差 Span',
  sd: '标准差 SD',
  metric: '指标得分 Metric score',
  final: '最终得分 Final score',
};

/** Flattened settings: one row per key, every setting (dot paths, lists joined). */
function settingRows(settings: Settings): [string, TableCell][] {
  const out: [string, TableCell][] = [];
  const walk = (v: unknown, path: string) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      for (const k of Object.keys(v).sort()) walk((v as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
    } else if (Array.isArray(v)) out.push([path, v.join('; ')]);
    else out.push([path, typeof v === 'number' ? v : v === null ? '' : String(v)]);
  };
  walk(settings, '');
  return out;
}

/**
 * The visible sheets, bilingual headers, made from the payload alone (writer and verifier both call this). Text is
 * neutralised by the writer's cell(); the verifier compares through the same function.
 */
export function resultTables(p: ResultPayload): Table[] {
  const byId = new Map(p.items.map((i) => [i.id, i]));
  const label = (id: string) => byId.get(id);
  const used = COMPONENTS.filter((c) => p.items.some((i) => i.components[c] !== undefined && i.components[c] !== null));
  const selected: Table = {
    name: '入选名单 Selected',
    widths: [8, 16, 14, 50, 16, 10, 8, 10],
    rows: [
      ['序号 No.', '评审组 Group', '编号 Key', '题目 Title', '学科 Discipline', '得分 Score', '排名 Rank', '赞成票 Yes'],
      ...p.selected.map((s, k) => {
        const it = label(s.itemId);
        return [k + 1, s.group, it?.key ?? '', it?.title ?? '', it?.discipline ?? '', it?.score ?? null, it?.rank ?? null, s.yes];
      }),
    ],
  };
  const ranking: Table = {
    name: '排名 Ranking',
    widths: [8, 12, 14, 50, 16, 16, 10, ...used.map(() => 12)],
    rows: [
      ['排名 Rank', '状态 Status', '编号 Key', '题目 Title', '学科 Discipline', '评审组 Group', '得分 Score', ...used.map((c) => COMPONENT_HEADERS[c])],
      ...p.items.map((i) => [i.rank, `${statusWord(i.status, 'zh-CN')} ${statusWord(i.status, 'en')}`, i.key, i.title, i.discipline ?? '', i.group, i.score, ...used.map((c) => i.components[c] ?? null)]),
    ],
  };
  const crits = p.campaign.criteria;
  const raw: Table = {
    name: '原始评分 Raw scores',
    widths: [14, 40, 10, ...crits.map(() => 12), 10],
    rows: [
      ['编号 Key', '题目 Title', '专家 Expert', ...crits.map((c) => `${c.name} ${c.nameEn}`.trim()), '总分 Total'],
      ...p.scores.map((s) => [label(s.itemId)?.key ?? '', label(s.itemId)?.title ?? '', s.expert, ...crits.map((c) => s.criteria[c.id] ?? null), s.total]),
    ],
  };
  const votes: Table = {
    name: '投票 Vote',
    widths: [16, 8, 14, 40, 10, 10, 8, 8, 8, 8, 24],
    rows: [
      ['评审组 Group', '轮次 Round', '编号 Key', '题目 Title', '应到 Members', '回避 Conflicted', '赞成 Yes', '反对 No', '弃权 Abstain', '实到 Present', '结果 Outcome'],
      ...p.votes.map((v) => [v.group, v.round, label(v.itemId)?.key ?? '', label(v.itemId)?.title ?? '', v.members, v.conflicted, v.yes, v.no, v.abstain, v.present, `${outcomeWord(v.outcome, 'zh-CN')} ${outcomeWord(v.outcome, 'en')}`]),
    ],
  };
  const method: Table = {
    name: '方法与设置 Method',
    widths: [36, 80],
    rows: [
      ['评审活动 Campaign', p.campaign.name],
      ['类别 Kind', p.campaign.kind],
      ['年度 Year', p.campaign.year],
      ['汇总方法 Method', `${METHOD_WORDS[p.method]['zh-CN']} ${METHOD_WORDS[p.method].en}`],
      ['说明', methodParagraph(p, 'zh-CN')],
      ['Method', methodParagraph(p, 'en')],
      [],
      ['评分细则 Rubric', '权重 Weight / 最低 Min / 最高 Max / 步长 Step'],
      ...crits.map((c) => [`${c.name} ${c.nameEn}`.trim(), `${num(c.weight)} / ${num(c.min)} / ${num(c.max)} / ${num(c.step)}`]),
      [],
      ['设置 Setting', '值 Value'],
      ...settingRows(p.campaign.settings),
    ],
  };
  const files: Table = {
    name: '文件 Files',
    widths: [16, 40, 66, 66],
    rows: [
      ['类别 Kind', '文件 File', '文件 SHA-256', '内容 SHA-256 (canonical payload)'],
      ...p.files.map((f) => [f.kind === 'nominations' ? '推荐表 nominations' : '评分表 score sheet', f.name, f.sha256, f.payloadSha256]),
    ],
  };
  const seal: Table = {
    name: '签名 Signature',
    widths: [30, 90],
    rows: [
      ['签署人 Signed by', p.signer.name],
      ['公钥指纹 Fingerprint', p.signer.fingerprint],
      ['公钥 Public key', p.signer.publicKey],
      ['签署时间 Signed at (UTC)', p.sealedAt],
      ['说明 Note', '签名覆盖隐藏的规范化数据，其余各表由该数据生成；用 paneldesk verify 核验。The signature covers the hidden canonical payload; every sheet is made from it. Check with paneldesk verify.'],
    ],
  };
  return [selected, ranking, raw, votes, method, files, seal];
}
