import { labelOf } from '../nominations/merge.ts';
import { findNomination, type NominationsPart } from '../nominations/slice.ts';
import { expertCodes, type PanelPart } from '../panel/slice.ts';
import type { SetupPart } from '../setup/slice.ts';
import type { ScoringPart } from './slice.ts';

type Doc = SetupPart & NominationsPart & PanelPart & ScoringPart;

/** A history line's key in words, in both languages. */
export interface KeyWords {
  readonly zh: string;
  readonly en: string;
}

/**
 * The scoring step's history keys (`scores.<item>.<expert>.<criterion>`, `sheets.<id>.return`, `keys.<expert>`, …)
 * in words: the nomination by its label, the expert by their code, the criterion by its name — never ids. Null for
 * keys of other steps. Pure: everything is read from the campaign as it is now.
 */
export function scoringKeyWords(doc: Doc): (key: string) => KeyWords | null {
  const zhCodes = expertCodes(doc);
  const enCodes = expertCodes(doc, 'en');
  const labels = new Map<string, string>();
  const codeOf = (expertId: string): KeyWords => {
    const zh = zhCodes.get(expertId);
    if (zh) return { zh, en: enCodes.get(expertId)! };
    const mine = doc.scoring.mine;
    if (mine?.expertId === expertId) return { zh: mine.code, en: mine.code };
    return { zh: '已移出的专家', en: 'a removed expert' };
  };
  const itemOf = (itemId: string): string => {
    let label = labels.get(itemId);
    if (label === undefined) {
      const n = findNomination(doc, itemId);
      label = n ? labelOf(doc.campaign.kind, n) : doc.scoring.mine?.items.find((i) => i.id === itemId)?.label ?? '—';
      labels.set(itemId, label);
    }
    return label;
  };
  return (key) => words(key.split('.'));

  function words([root, a = '', b = '', c = '']: string[]): KeyWords | null {
  const sheetOf = (sheetId: string): KeyWords => {
    const sheet = doc.scoring.sheets.find((s) => s.id === sheetId);
    const expertId = sheet?.expertId ?? (doc.scoring.mine?.sheetId === sheetId ? doc.scoring.mine.expertId : null);
    const who = expertId ? codeOf(expertId) : { zh: '—', en: '—' };
    const extra = sheet?.supplementary ? { zh: '补充', en: 'supplementary ' } : { zh: '', en: '' };
    return { zh: `${who.zh}的${extra.zh}评分表`, en: `${who.en}'s ${extra.en}score sheet` };
  };
  switch (root) {
    case 'scores': {
      const who = codeOf(b);
      const cr = doc.campaign.criteria.find((x) => x.id === c);
      const what = c === 'comment' ? { zh: '评语', en: 'comment' } : c === 'recused' ? { zh: '回避', en: 'recusal' }
        : { zh: cr?.name ?? c, en: cr?.nameEn || cr?.name || c };
      const label = itemOf(a);
      return { zh: `“${label}” · ${who.zh} · ${what.zh}`, en: `“${label}” · ${who.en} · ${what.en}` };
    }
    case 'sheets': {
      const s = sheetOf(a);
      const part: Record<string, KeyWords> = {
        return: { zh: '交回', en: 'returned' },
        status: { zh: '状态', en: 'status' },
        seq: { zh: '提交版本', en: 'submission' },
      };
      const p = b ? part[b] : undefined;
      return p ? { zh: `${s.zh} · ${p.zh}`, en: `${s.en} · ${p.en}` } : { zh: `${s.zh} · 发出`, en: `${s.en} · issued` };
    }
    case 'keys': {
      const who = codeOf(a);
      return { zh: `${who.zh}的签名密钥指纹`, en: `${who.en}'s signing key fingerprint` };
    }
    case 'paper': {
      const who = codeOf(a);
      return b === 'doubleEntry'
        ? { zh: `${who.zh}的纸质评分 · 双人录入`, en: `${who.en}'s paper scores · entered twice` }
        : { zh: `${who.zh}的纸质评分 · 录入人`, en: `${who.en}'s paper scores · typed in by` };
    }
    case 'scoring':
      if (a === 'closed') return { zh: '函评截止', en: 'Scoring closed' };
      if (a === 'mine') return { zh: '本工作站的评分表', en: 'This workstation\'s score sheet' };
      return null;
    default:
      return null;
  }
}
}
