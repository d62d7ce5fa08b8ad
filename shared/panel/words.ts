import type { AssignWarning, ExpertLoad, UnassignedCode } from './assign.ts';
import type { ConflictKind, ConflictReason, ConflictState } from './model.ts';
import type { RosterIssueCode } from './roster.ts';

/**
 * The panel's codes in words, both languages: conflict reasons, kinds and states, why a nomination lacks reviewers,
 * roster issues. Screens, the history and the command line word them here, so people never see a code.
 */
export type Lang = 'zh-CN' | 'en';
type Values = Readonly<Record<string, string | number | boolean>>;

const pick = (lang: string): Lang => (lang.startsWith('en') ? 'en' : 'zh-CN');
const v = (values: Values, k: string): string => {
  const x = values[k];
  return x === undefined || x === null ? '' : String(x);
};

const ROLES: Readonly<Record<string, { 'zh-CN': string; en: string }>> = {
  author: { 'zh-CN': '作者', en: 'an author' },
  organiser: { 'zh-CN': '主办单位', en: 'an organiser' },
  candidate: { 'zh-CN': '候选人', en: 'the candidate' },
  proposer: { 'zh-CN': '申报人', en: 'the proposer' },
  mentor: { 'zh-CN': '导师', en: 'the mentor' },
};
export function roleWord(role: string, lang: string): string {
  return ROLES[role]?.[pick(lang)] ?? role;
}

export const CONFLICT_KIND_WORDS: Readonly<Record<ConflictKind, { 'zh-CN': string; en: string }>> = {
  institution: { 'zh-CN': '同单位', en: 'Same institution' },
  author: { 'zh-CN': '本人', en: 'Is the person' },
  nominator: { 'zh-CN': '推荐单位', en: 'Nominating body' },
  declared: { 'zh-CN': '申报', en: 'Declared' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

export const CONFLICT_STATE_WORDS: Readonly<Record<ConflictState, { 'zh-CN': string; en: string }>> = {
  detected: { 'zh-CN': '需回避', en: 'Conflict' },
  confirm: { 'zh-CN': '待确认', en: 'Please confirm' },
  declared: { 'zh-CN': '已申报回避', en: 'Declared' },
  dismissed: { 'zh-CN': '已排除', en: 'Dismissed' },
};

export function conflictKindWord(kind: ConflictKind, lang: string): string {
  return CONFLICT_KIND_WORDS[kind][pick(lang)];
}
export function conflictStateWord(state: ConflictState, lang: string): string {
  return CONFLICT_STATE_WORDS[state][pick(lang)];
}

/** Why an expert and a nomination conflict, in a sentence. */
export function conflictReasonWords(reason: ConflictReason, lang: string): string {
  const en = pick(lang) === 'en';
  const x = reason.values;
  const role = roleWord(v(x, 'role'), lang);
  // Whose institution: 作者单位, 候选人单位, but 主办单位 (already an institution).
  const roleInst = en || v(x, 'role') === 'organiser' ? role : `${role}单位`;
  switch (reason.code) {
    case 'SAME_INSTITUTION':
      return en ? `The expert's institution (${v(x, 'expertInstitution')}) is that of ${role} (${v(x, 'institution')})` : `专家单位（${v(x, 'expertInstitution')}）与${roleInst}（${v(x, 'institution')}）相同`;
    case 'SIMILAR_INSTITUTION':
      return en
        ? `The expert's institution (${v(x, 'expertInstitution')}) looks like that of ${role} (${v(x, 'institution')}): please confirm whether they are the same`
        : `专家单位（${v(x, 'expertInstitution')}）与${roleInst}（${v(x, 'institution')}）相近，请确认是否为同一单位`;
    case 'SAME_NAME':
      return en
        ? `The expert has the name of ${role} (${v(x, 'name')})${x.institutionAgrees === true ? ', at the same institution' : ''}`
        : `专家与${role}同名（${v(x, 'name')}）${x.institutionAgrees === true ? '，且单位相同' : ''}`;
    case 'COMMON_NAME':
      return en ? `The expert has the name of ${role} (${v(x, 'name')}), a common name: perhaps only a namesake, please confirm` : `专家与${role}同名（${v(x, 'name')}），为常见姓名，可能只是重名，请确认`;
    case 'INSTITUTION_NOMINATES':
      return en ? `The expert's institution (${v(x, 'expertInstitution')}) is the nominating organisation (${v(x, 'nominator')})` : `专家单位（${v(x, 'expertInstitution')}）即推荐单位（${v(x, 'nominator')}）`;
    case 'OFFICE_IN_NOMINATOR':
      return en ? `The expert holds office in ${v(x, 'society')}, which nominated it (${v(x, 'nominator')})` : `专家在推荐单位任职（${v(x, 'society')}，推荐单位：${v(x, 'nominator')}）`;
    case 'DECLARED':
      return en ? `Declared${v(x, 'text') ? `: ${v(x, 'text')}` : ''}` : `申报回避${v(x, 'text') ? `：${v(x, 'text')}` : ''}`;
  }
}

/** Why a nomination has fewer reviewers than K, in a sentence. */
export function unassignedWords(reason: { readonly code: UnassignedCode; readonly values: Values }, lang: string, groupName = ''): string {
  const en = pick(lang) === 'en';
  const x = reason.values;
  const g = groupName ? (en ? `group ${groupName}` : `“${groupName}”组`) : en ? 'the group' : '评审组';
  switch (reason.code) {
    case 'NO_GROUP':
      return en ? `Its discipline (${v(x, 'discipline') || 'none'}) belongs to no discipline group` : `所属学科（${v(x, 'discipline') || '无'}）不属于任何学科评审组`;
    case 'GROUP_TOO_SMALL':
      return en ? `Too few experts in ${g}: ${v(x, 'members')}, fewer than the ${v(x, 'perItem')} reviewers each nomination needs` : `${g}专家太少：只有${v(x, 'members')}位，少于每项所需的${v(x, 'perItem')}位`;
    case 'TOO_MANY_CONFLICTS':
      return en
        ? `All but ${v(x, 'available')} of the ${v(x, 'members')} experts in ${g} are conflicted (${v(x, 'conflicted')}); ${v(x, 'needed')} are needed`
        : `${g}${v(x, 'members')}位专家中${v(x, 'conflicted')}位需回避，只剩${v(x, 'available')}位，需要${v(x, 'needed')}位`;
    case 'LOADS_TOO_LOW':
      return en ? `The maximum loads in ${g} add up to ${v(x, 'capacity')} reviews, below the ${v(x, 'demand')} needed` : `${g}专家评审量上限合计${v(x, 'capacity')}项次，低于所需的${v(x, 'demand')}项次`;
    case 'EXPERTS_FULL':
      return en ? `Of the ${v(x, 'available')} experts free of conflict, ${v(x, 'full')} are at their maximum load` : `无回避的${v(x, 'available')}位专家中，${v(x, 'full')}位已达评审量上限`;
  }
}

export function loadBelowWords(below: NonNullable<ExpertLoad['below']>, lang: string): string {
  const en = pick(lang) === 'en';
  const x = below.values;
  return below.code === 'FEW_ELIGIBLE_ITEMS'
    ? en ? `Only ${v(x, 'eligible')} nominations free of conflict, below the minimum load ${v(x, 'min')}` : `无回避的推荐项只有${v(x, 'eligible')}项，低于评审量下限${v(x, 'min')}`
    : en ? `The group needs ${v(x, 'demand')} reviews in all, too few to give every expert the minimum ${v(x, 'min')}` : `本组共需${v(x, 'demand')}项次，不足以使每位专家达到下限${v(x, 'min')}`;
}

export function warningWords(w: AssignWarning, lang: string, groupName = ''): string {
  const en = pick(lang) === 'en';
  const x = w.values;
  return en
    ? `Only ${x.experts} expert(s) of ${x.discipline}${groupName ? ` in ${groupName}` : ''} for ${x.perItem} reviewers per nomination: its ${x.items} nomination(s) are partly reviewed by experts of other disciplines`
    : `${groupName ? `“${groupName}”组` : ''}${x.discipline}学科只有${x.experts}位专家，少于每项${x.perItem}位：其${x.items}项部分由其他学科专家评审`;
}

const ROSTER_ISSUES: Readonly<Record<RosterIssueCode, { 'zh-CN': string; en: string }>> = {
  HEADER_NOT_FOUND: { 'zh-CN': '找不到表头（需有“姓名”列）', en: 'No header row with a name column' },
  REQUIRED_MISSING: { 'zh-CN': '缺少姓名，该行未导入', en: 'No name: the row was not imported' },
  DUPLICATE_KEY: { 'zh-CN': '与前面一行重复（同名同单位），已跳过', en: 'Repeats an earlier row (same name and institution): passed over' },
  BAD_EMAIL: { 'zh-CN': '邮箱格式不正确，未导入该值', en: 'Not an e-mail address: the value was left out' },
  UNKNOWN_GROUP: { 'zh-CN': '本活动没有该评审组，未分组', en: 'No such group in this campaign: not placed' },
};
export function rosterIssueWords(code: RosterIssueCode, lang: string): string {
  return ROSTER_ISSUES[code][pick(lang)];
}
