import type { AggregationMethod } from '../campaign/settings.ts';
import type { Note, NoteValues, ResultCode } from './notes.ts';

/**
 * Sentences for the results' codes, in zh-CN and en. Ids in a note's values (itemId, expertId) become names through
 * the `names` function the caller passes (a nomination's title, an expert's code such as 专家A); nothing here
 * shows an id or a code to a person.
 */
export type Lang = 'zh-CN' | 'en';
export type Names = (kind: 'item' | 'expert', id: string) => string;
type Phrase = (v: NoteValues, names: Names) => string;

export const METHOD_WORDS: Readonly<Record<AggregationMethod, Record<Lang, string>>> = {
  mean: { 'zh-CN': '平均分', en: 'mean' },
  median: { 'zh-CN': '中位数', en: 'median' },
  trimmed: { 'zh-CN': '去掉最高分和最低分后的平均分', en: 'trimmed mean (highest and lowest dropped)' },
  zscore: { 'zh-CN': '标准分校准', en: 'per-expert z-score calibration' },
  additive: { 'zh-CN': '加性模型（校正专家宽严）', en: 'additive model (corrects harsh and lenient experts)' },
};

const TERMS: Readonly<Record<string, Record<Lang, string>>> = {
  attention: { 'zh-CN': '关注度', en: 'attention' },
  citations: { 'zh-CN': '被引次数', en: 'citations' },
  downloads: { 'zh-CN': '下载次数', en: 'downloads' },
  metric: { 'zh-CN': '指标得分', en: 'metric score' },
  count: { 'zh-CN': '评分人数', en: 'number of scores' },
  median: { 'zh-CN': '中位数', en: 'median' },
  expert: { 'zh-CN': '专家评分', en: 'the expert score' },
  weights: { 'zh-CN': '权重（两项权重均为 0）', en: 'weights (both are 0)' },
  moved: { 'zh-CN': '手工调整', en: 'a manual adjustment' },
};

/** A term, or a comma-separated list of terms, in the language. */
function term(x: string | number | undefined, lang: Lang): string {
  return String(x ?? '')
    .split(',')
    .filter((t) => t !== '')
    .map((t) => TERMS[t]?.[lang] ?? t)
    .join(lang === 'zh-CN' ? '、' : ', ');
}

/** Numbers as people read them: at most two decimals, no trailing zeros. */
export function num(x: string | number | undefined): string {
  if (typeof x !== 'number') return String(x ?? '');
  if (!Number.isFinite(x)) return String(x);
  if (Math.abs(x) > 0 && Math.abs(x) < 0.01) return x.toExponential(1);
  return String(Math.round(x * 100) / 100);
}

const str = (v: NoteValues, k: string) => String(v[k] ?? '');
const item = (v: NoteValues, n: Names) => n('item', str(v, 'itemId'));
const expert = (v: NoteValues, n: Names) => n('expert', str(v, 'expertId'));

const WORDS: Readonly<Record<ResultCode, Readonly<Record<Lang, Phrase>>>> = {
  SCORE_CONFLICT: {
    'zh-CN': (v, n) => `${expert(v, n)}与“${item(v, n)}”存在利益冲突，其评分不计入`,
    en: (v, n) => `${expert(v, n)}'s score for “${item(v, n)}” does not count: a conflict of interest`,
  },
  SCORE_RECUSAL: {
    'zh-CN': (v, n) => `${expert(v, n)}已回避“${item(v, n)}”，其评分不计入`,
    en: (v, n) => `${expert(v, n)} recused from “${item(v, n)}”: the score does not count`,
  },
  SCORE_INVALID: {
    'zh-CN': (v, n) => `${expert(v, n)}对“${item(v, n)}”的总分 ${str(v, 'total')} 不在 0–100 之间，不计入`,
    en: (v, n) => `${expert(v, n)}'s total ${str(v, 'total')} for “${item(v, n)}” is not between 0 and 100 and does not count`,
  },
  SCORE_DUPLICATE: {
    'zh-CN': (v, n) => `${expert(v, n)}对“${item(v, n)}”有重复评分，只计第一份`,
    en: (v, n) => `${expert(v, n)} scored “${item(v, n)}” twice; only the first counts`,
  },
  SCORE_INCOMPLETE: {
    'zh-CN': (v, n) => `${expert(v, n)}对“${item(v, n)}”的评分${v.missing ? '有未填的评分项' : ''}${v.missing && v.invalid ? '、' : ''}${v.invalid ? '有超出范围或不合步长的评分项' : ''}，没有总分，不计入`,
    en: (v, n) => `${expert(v, n)}'s scores for “${item(v, n)}” ${v.missing ? 'leave criteria empty' : ''}${v.missing && v.invalid ? ' and ' : ''}${v.invalid ? 'hold values out of range or off step' : ''}: no total, not counted`,
  },
  NO_SCORES: { 'zh-CN': () => '尚无可计入的评分', en: () => 'No countable score yet' },
  TRIM_INSUFFICIENT: {
    'zh-CN': (v) => `共 ${num(v.n)} 个评分，去掉最高分和最低分后只剩 ${num(v.left)} 个（至少需要 ${num(v.needed)} 个），不计算去极值平均分`,
    en: (v) => `${num(v.n)} scores leave ${num(v.left)} once the highest and the lowest are dropped (${num(v.needed)} needed): no trimmed mean`,
  },
  ZSCORE_PARTLY_RAW: {
    'zh-CN': (v) => `${num(v.n)} 个评分中有 ${num(v.raw)} 个来自无法标准化的专家，按原始分计入`,
    en: (v) => `${num(v.raw)} of ${num(v.n)} scores come from experts who cannot be calibrated and count raw`,
  },
  EXPERT_FEW_SCORES: {
    'zh-CN': (v) => `该专家只有 ${num(v.n)} 个评分（少于 ${num(v.needed)} 个），标准分校准时按原始分计`,
    en: (v) => `This expert has only ${num(v.n)} scores (fewer than ${num(v.needed)}): z-score calibration uses them raw`,
  },
  EXPERT_NO_SPREAD: {
    'zh-CN': (v) => `该专家的 ${num(v.n)} 个评分完全相同，无法标准化，按原始分计`,
    en: (v) => `This expert's ${num(v.n)} scores are all equal and cannot be standardised: they count raw`,
  },
  ADDITIVE_SEPARATE_PANEL: {
    'zh-CN': (v) => `评审该项目的专家（第 ${num(v.component)} 组，${num(v.experts)} 位）与其他专家没有共同评审的项目，加性模型只在组内校正宽严，组间不可直接比较`,
    en: (v) => `The experts who scored this (group ${num(v.component)}, ${num(v.experts)} experts) share no nomination with the others: the additive model corrects them only among themselves`,
  },
  ADDITIVE_SINGLE_EXPERT: {
    'zh-CN': (v) => `该项目所在的第 ${num(v.component)} 组只有一位专家，无从比较宽严，按原始分计`,
    en: (v) => `Group ${num(v.component)} has a single expert, with no one to compare against: the scores count raw`,
  },
  ADDITIVE_NOT_CONVERGED: {
    'zh-CN': (v) => `加性模型未完全收敛（相对残差 ${num(v.residual)}），结果仅供参考`,
    en: (v) => `The additive model did not fully converge (relative residual ${num(v.residual)}); treat it as indicative`,
  },
  METRIC_POOLED: {
    'zh-CN': (v) => `${str(v, 'discipline') || '未填学科'} ${str(v, 'year')} 年的${term(v.metric, 'zh-CN')}样本不足，与相邻年份合并（${str(v, 'fromYear')}–${str(v, 'toYear')} 年，共 ${num(v.n)} 篇）计算百分位`,
    en: (v) => `Too few papers for ${term(v.metric, 'en')} in ${str(v, 'discipline') || 'no discipline'} ${str(v, 'year')}: percentiles pool ${str(v, 'fromYear')}–${str(v, 'toYear')} (${num(v.n)} papers)`,
  },
  METRIC_SMALL_GROUP: {
    'zh-CN': (v) => `${str(v, 'discipline') || '未填学科'}的${term(v.metric, 'zh-CN')}合并后只有 ${num(v.n)} 篇（少于 ${num(v.needed)} 篇），百分位仅供参考`,
    en: (v) => `Only ${num(v.n)} papers with ${term(v.metric, 'en')} in ${str(v, 'discipline') || 'no discipline'} even pooled (fewer than ${num(v.needed)}): the percentile is indicative`,
  },
  METRIC_NO_YEAR: {
    'zh-CN': (v) => `缺少发表年份，在${str(v, 'discipline') || '未填学科'}的全部年份中比较`,
    en: (v) => `No publication year: compared across every year of ${str(v, 'discipline') || 'no discipline'}`,
  },
  METRIC_NO_DISCIPLINE: {
    'zh-CN': () => '缺少学科，与其他未填学科的论文一起比较',
    en: () => 'No discipline: compared with the other papers without one',
  },
  METRIC_RENORMALISED: {
    'zh-CN': (v) => `缺少${term(v.missing, 'zh-CN')}，指标得分按其余指标（权重合计 ${num(v.weight)}）重新归一`,
    en: (v) => `No ${term(v.missing, 'en')}: the metric score re-weights the others (weights totalling ${num(v.weight)})`,
  },
  METRIC_NONE: { 'zh-CN': () => '没有任何指标数据，无指标得分', en: () => 'No metric at all: no metric score' },
  BLEND_MISSING_PART: {
    'zh-CN': (v) => `缺少${term(v.part, 'zh-CN')}，无法计算综合得分`,
    en: (v) => `No final score without ${term(v.part, 'en')}`,
  },
  SPAN_AT_LEAST: {
    'zh-CN': (v) => `最高分与最低分相差 ${num(v.span)} 分，达到 ${num(v.threshold)} 分的讨论线`,
    en: (v) => `The scores span ${num(v.span)} points, at or above the discussion line of ${num(v.threshold)}`,
  },
  SD_AT_LEAST: {
    'zh-CN': (v) => `标准差 ${num(v.sd)}，达到 ${num(v.threshold)} 的讨论线`,
    en: (v) => `Standard deviation ${num(v.sd)}, at or above the discussion line of ${num(v.threshold)}`,
  },
  TOO_FEW_TO_COMPARE: {
    'zh-CN': (v) => `只有 ${num(v.n)} 个评分，无法衡量分歧`,
    en: (v) => `Only ${num(v.n)} score(s): disagreement cannot be measured`,
  },
  NO_SCORE_UNRANKED: { 'zh-CN': () => '没有得分，不参与排名', en: () => 'No score: not ranked' },
  TIE_BROKEN: {
    'zh-CN': (v) => (v.scoreRank !== undefined
      ? `与其他项目同分（并列第 ${num(v.scoreRank)} 名），按${term(v.by, 'zh-CN')}区分名次`
      : `线上最后一名与线下第一名同分，按${term(v.by, 'zh-CN')}区分${v.by === 'moved' ? '' : `（${str(v, 'lastIn')} 对 ${str(v, 'firstOut')}）`}`),
    en: (v) => (v.scoreRank !== undefined
      ? `Tied on score (joint ${num(v.scoreRank)}), separated by ${term(v.by, 'en')}`
      : `The last in and the first out have the same score, separated by ${term(v.by, 'en')}${v.by === 'moved' ? '' : ` (${str(v, 'lastIn')} against ${str(v, 'firstOut')})`}`),
  },
  SCORE_GAP: {
    'zh-CN': (v) => `线上最后一名比线下第一名高 ${num(v.gap)} 分`,
    en: (v) => `The last in scores ${num(v.gap)} points above the first out`,
  },
  TIE_AT_LINE: {
    'zh-CN': (v) => `${num(v.tied)} 项以 ${num(v.score)} 分并列于入选线，争 ${num(v.seats)} 个名额，须由会议或手工调整决定`,
    en: (v) => `${num(v.tied)} items tie at ${num(v.score)} on the line for ${num(v.seats)} seat(s): the meeting or an adjustment decides`,
  },
  GROUP_QUOTA_FILLED: {
    'zh-CN': (v) => (v.count !== undefined
      ? `${str(v, 'group')}名额已满：${num(v.count)} 项得分高于${str(v, 'lowestSelectedGroup')}入选的最低分 ${num(v.lowestSelected)}`
      : `${str(v, 'group')}名额已满；其得分高于${str(v, 'lowestSelectedGroup')}入选的最低分 ${num(v.lowestSelected)}`),
    en: (v) => (v.count !== undefined
      ? `${str(v, 'group')}'s quota is filled: ${num(v.count)} item(s) outscore the lowest selected in ${str(v, 'lowestSelectedGroup')} (${num(v.lowestSelected)})`
      : `${str(v, 'group')}'s quota is filled, though this outscores the lowest selected in ${str(v, 'lowestSelectedGroup')} (${num(v.lowestSelected)})`),
  },
  QUOTA_SUM_MISMATCH: {
    'zh-CN': (v) => `各组名额合计 ${num(v.sum)}，与总名额 ${num(v.total)} 不一致`,
    en: (v) => `The groups' quotas total ${num(v.sum)}, not the overall quota of ${num(v.total)}`,
  },
  QUOTA_NOT_REACHED: {
    'zh-CN': (v) => `名额 ${num(v.quota)} 个，只有 ${num(v.ranked)} 项参与排名`,
    en: (v) => `${num(v.quota)} seats, but only ${num(v.ranked)} ranked item(s)`,
  },
  ADJUSTED_SELECT: {
    'zh-CN': (v) => (v.count !== undefined ? `${num(v.count)} 项为手工选入，各占一个名额` : `手工选入：${str(v, 'reason')}`),
    en: (v) => (v.count !== undefined ? `${num(v.count)} item(s) selected by hand, each taking a seat` : `Selected by hand: ${str(v, 'reason')}`),
  },
  ADJUSTED_DESELECT: {
    'zh-CN': (v) => (v.count !== undefined ? `${num(v.count)} 项被手工移出，名额顺延` : `手工移出：${str(v, 'reason')}`),
    en: (v) => (v.count !== undefined ? `${num(v.count)} item(s) taken out by hand; their seats pass on` : `Taken out by hand: ${str(v, 'reason')}`),
  },
  ADJUSTED_MOVE: {
    'zh-CN': (v) => `手工${v.fromRank === '' ? '' : `由第 ${num(v.fromRank)} 名`}调至第 ${num(v.toRank)} 名：${str(v, 'reason')}`,
    en: (v) => `Moved by hand${v.fromRank === '' ? '' : ` from ${num(v.fromRank)}`} to ${num(v.toRank)}: ${str(v, 'reason')}`,
  },
  ADJUSTMENT_NO_REASON: {
    'zh-CN': (v, n) => `对“${item(v, n)}”的调整没有填写理由，未生效`,
    en: (v, n) => `The adjustment of “${item(v, n)}” has no reason and was not applied`,
  },
  ADJUSTMENT_UNKNOWN_ITEM: {
    'zh-CN': () => '调整的项目不在名单中或位置无效，未生效',
    en: () => 'The adjustment names an item not on the list or an invalid position, and was not applied',
  },
};

const plainNames: Names = (_kind, id) => id;

/** The note as a sentence in the language. */
export function sentence(n: Note, lang: Lang, names: Names = plainNames): string {
  return WORDS[n.code][lang](n.values ?? {}, names);
}

export function methodName(method: AggregationMethod, lang: Lang): string {
  return METHOD_WORDS[method][lang];
}
