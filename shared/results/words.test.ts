import { describe, expect, it } from 'vitest';
import { RESULT_CODES, type Note, type ResultCode } from './notes.ts';
import { methodName, num, sentence, type Names } from './words.ts';
import { aggregationMethods } from '../campaign/settings.ts';

const ids = { itemId: 'n-00017', expertId: 'e-0042' };
const samples: Readonly<Record<ResultCode, readonly Note['values'][]>> = {
  SCORE_CONFLICT: [ids],
  SCORE_RECUSAL: [ids],
  SCORE_INVALID: [{ ...ids, total: '104' }],
  SCORE_DUPLICATE: [ids],
  SCORE_INCOMPLETE: [{ ...ids, missing: 'impact', invalid: '' }, { ...ids, missing: '', invalid: 'innovation' }, { ...ids, missing: 'a', invalid: 'b' }],
  NO_SCORES: [undefined],
  TRIM_INSUFFICIENT: [{ n: 4, left: 2, needed: 3 }],
  ZSCORE_PARTLY_RAW: [{ raw: 1, n: 5 }],
  EXPERT_FEW_SCORES: [{ n: 2, needed: 3 }],
  EXPERT_NO_SPREAD: [{ n: 6 }],
  ADDITIVE_SEPARATE_PANEL: [{ component: 2, experts: 4 }],
  ADDITIVE_SINGLE_EXPERT: [{ component: 3 }],
  ADDITIVE_NOT_CONVERGED: [{ residual: 3.2e-5 }],
  METRIC_POOLED: [{ metric: 'citations', discipline: '材料科学', year: 2021, fromYear: 2020, toYear: 2022, n: 12 }],
  METRIC_SMALL_GROUP: [{ metric: 'attention', discipline: '数学', n: 3, needed: 10 }],
  METRIC_NO_YEAR: [{ discipline: '数学' }, { discipline: '' }],
  METRIC_NO_DISCIPLINE: [undefined],
  METRIC_RENORMALISED: [{ missing: 'citations,downloads', weight: 50 }],
  METRIC_NONE: [undefined],
  BLEND_MISSING_PART: [{ part: 'metric' }, { part: 'expert' }, { part: 'weights' }],
  SPAN_AT_LEAST: [{ span: 31.5, threshold: 30 }],
  SD_AT_LEAST: [{ sd: 12.2474487, threshold: 12 }],
  TOO_FEW_TO_COMPARE: [{ n: 1 }],
  NO_SCORE_UNRANKED: [undefined],
  TIE_BROKEN: [{ by: 'metric,count', scoreRank: 2 }, { by: 'metric', lastIn: '70', firstOut: '60' }, { by: 'moved', lastIn: '', firstOut: '' }],
  SCORE_GAP: [{ gap: 5 }],
  TIE_AT_LINE: [{ score: 85, tied: 2, seats: 1 }],
  GROUP_QUOTA_FILLED: [{ group: '生命科学组', lowestSelected: 70, lowestSelectedGroup: '化学组' }, { group: '生命科学组', count: 2, lowestSelected: 70, lowestSelectedGroup: '化学组' }],
  QUOTA_SUM_MISMATCH: [{ total: 3, sum: 2 }],
  QUOTA_NOT_REACHED: [{ quota: 6, ranked: 4 }],
  ADJUSTED_SELECT: [{ reason: 'the panel agreed' }, { count: 1 }],
  ADJUSTED_DESELECT: [{ reason: 'withdrawn' }, { count: 1 }],
  ADJUSTED_MOVE: [{ fromRank: 3, toRank: 2, reason: 'r' }, { fromRank: '', toRank: 5, reason: 'r' }],
  ADJUSTMENT_NO_REASON: [{ itemId: 'n-00017' }],
  ADJUSTMENT_UNKNOWN_ITEM: [{ itemId: 'x' }],
};
const names: Names = (kind, id) => (kind === 'item' ? `论文《${id.length}》` : '专家C');
const CJK = /[\u4e00-\u9fff]/;

describe('words', () => {
  it('word every code in both languages, with no id, no code and no hole left', () => {
    for (const code of RESULT_CODES) {
      const list = samples[code];
      expect(list.length, code).toBeGreaterThan(0);
      for (const values of list) {
        const n: Note = values ? { code, values } : { code };
        const zh = sentence(n, 'zh-CN', names);
        const en = sentence(n, 'en', names);
        for (const s of [zh, en]) {
          expect(s, code).not.toMatch(/undefined|NaN|\[object|n-00017|e-0042|\$\{/);
          expect(s, code).not.toContain(code);
          expect(s.length, code).toBeGreaterThan(5);
        }
        expect(zh, code).toMatch(CJK);
        expect(en.replace(/材料科学|数学|生命科学组|化学组|论文《\d+》|专家C/g, ''), code).not.toMatch(CJK);
      }
    }
  });

  it('name people and nominations through the names given', () => {
    expect(sentence({ code: 'SCORE_CONFLICT', values: ids }, 'zh-CN', names)).toBe('专家C与“论文《7》”存在利益冲突，其评分不计入');
    expect(sentence({ code: 'METRIC_RENORMALISED', values: { missing: 'citations,downloads', weight: 50 } }, 'en')).toBe('No citations, downloads: the metric score re-weights the others (weights totalling 50)');
  });

  it('write numbers as people read them', () => {
    expect([num(12.2474487), num(30), num(3.2e-5), num(-0.5)]).toEqual(['12.25', '30', '3.2e-5', '-0.5']);
  });

  it('name every method in both languages', () => {
    for (const m of aggregationMethods) {
      expect(methodName(m, 'zh-CN')).toMatch(CJK);
      expect(methodName(m, 'en')).not.toMatch(CJK);
    }
  });
});
