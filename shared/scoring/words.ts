import type { CellIssue, OutcomeCode } from './decide.ts';
import { scoreProblemText, type ScoreProblem } from './validate.ts';

/** The decision on a returned sheet, and each cell's problem, in both languages (import report, board, CLI). */
const OUTCOME_WORDS: Readonly<Record<OutcomeCode, readonly [string, string]>> = {
  ACCEPTED_SIGNED: ['已接收：专家签名有效', 'Accepted: signed by the expert\'s enrolled key'],
  ACCEPTED_UNSIGNED: ['已接收（未签名：在 Excel/WPS 中填写）', 'Accepted, unsigned (filled in Excel or WPS)'],
  UNCHANGED: ['与已收到的相同，未作更改', 'The same as already received: nothing changed'],
  HELD_NEW_KEY: ['待确认：首次见到该专家的密钥，请核对指纹后确认', 'Held: a key seen for the first time; compare its fingerprint with the expert, then trust it'],
  HELD_KEY_CHANGED: ['警告：该专家的密钥与登记的不同！已暂扣，请与专家核实', 'Warning: this expert\'s key differs from the enrolled one! Held until you check with the expert'],
  HELD_SIGNATURE_STRIPPED: ['警告：该专家已登记密钥，但此表没有签名（签名可能被去除）！已暂扣', 'Warning: this expert has an enrolled key but the sheet is unsigned (the signature may have been stripped)! Held'],
  REFUSED_NOT_A_SHEET: ['拒收：不是 PanelDesk 评分表', 'Refused: not a PanelDesk score sheet'],
  REFUSED_OTHER_CAMPAIGN: ['拒收：属于另一个评审活动', 'Refused: it belongs to another campaign'],
  REFUSED_UNKNOWN_SHEET: ['拒收：本工作站没有发出过这张评分表', 'Refused: this workstation never sent this sheet'],
  REFUSED_PACKAGE_TAMPERED: ['拒收：隐藏的评分表信息被改动（秘书处签名不符）', 'Refused: the hidden sheet data was changed (the secretariat\'s signature does not match)'],
  REFUSED_PACKAGE_UNSIGNED: ['拒收：缺少秘书处签名', 'Refused: the secretariat\'s signature is missing'],
  REFUSED_ANSWER_TAMPERED: ['拒收：签名的评分内容被改动（专家签名无效）', 'Refused: the signed answer was changed (the expert\'s signature is invalid)'],
  REFUSED_VISIBLE_CHANGED: ['拒收：表中可见的分数与专家签名的内容不一致', 'Refused: visible cells differ from what the expert signed'],
  REFUSED_SWAPPED: ['拒收：评分内容属于另一位专家的评分表（表被调换）', 'Refused: the answer belongs to another expert\'s sheet (sheets swapped)'],
  REFUSED_OLDER_SEQ: ['拒收：这是较早的一次提交，已收到更新的版本', 'Refused: an older submission; a newer one was already received'],
  REFUSED_SEQ_REUSED: ['拒收：同一提交序号下的评分内容不同', 'Refused: a different answer under a submission number already received'],
  REFUSED_SCORING_CLOSED: ['未计入：函评已截止', 'Not counted: scoring is closed'],
  REFUSED_SHEET_WITHDRAWN: ['未计入：这张评分表已作废（已重新发出）', 'Not counted: this sheet was withdrawn (issued again)'],
  REFUSED_EXPERT_REPLACED: ['未计入：该专家已不在评审组中', 'Not counted: the expert is no longer on the panel'],
};

export function outcomeText(code: OutcomeCode, lang: 'zh-CN' | 'en'): string {
  return OUTCOME_WORDS[code][lang === 'en' ? 1 : 0];
}

const v = (x: unknown): string => (x === null || x === undefined || x === '' ? (x === '' ? '“”' : '—') : typeof x === 'boolean' ? (x ? '✓' : '✗') : String(x));

/** A cell's problem in words; `where` is the nomination's and criterion's names, when known. */
export function issueText(i: CellIssue, lang: 'zh-CN' | 'en'): string {
  const en = lang === 'en';
  const cellRef = i.row > 0 ? `${i.column}${i.row}` : '';
  const at = cellRef ? (en ? `${cellRef}: ` : `${cellRef}：`) : '';
  switch (i.code) {
    case 'SCORE_NOT_A_NUMBER':
    case 'SCORE_BELOW_MIN':
    case 'SCORE_ABOVE_MAX':
    case 'SCORE_OFF_STEP':
      return at + scoreProblemText({ code: i.code, values: i.values } as ScoreProblem, lang);
    case 'SCORE_MISSING': return at + (en ? 'no score' : '未打分');
    case 'NOT_ASSIGNED': return at + (en ? 'this nomination is no longer assigned to the expert: its scores were left out' : '该推荐项已不分配给此专家，其评分未计入');
    case 'ITEM_WITHDRAWN': return at + (en ? 'this nomination was withdrawn: its scores were left out' : '该推荐项已撤回，其评分未计入');
    case 'NOT_ON_SHEET': return at + (en ? `row ${v(i.values.no)} is not one of the sheet's nominations` : `序号 ${v(i.values.no)} 不在这张评分表上`);
    case 'RECUSE_UNCLEAR': return at + (en ? `“${v(i.values.text)}” in Recuse: enter 是 or leave it empty` : `回避列填了“${v(i.values.text)}”：请填“是”或留空`);
    case 'VISIBLE_DIFFERS': return at + (en ? `the cell shows ${v(i.values.visible)} but the expert signed ${v(i.values.signed)}` : `单元格显示 ${v(i.values.visible)}，专家签名的是 ${v(i.values.signed)}`);
    case 'ROW_MISSING': return en ? 'a signed nomination\'s row is missing from the sheet' : '签名中的一个推荐项在表中找不到对应行';
  }
}
