/**
 * The nominations step's words for import issues and formal-check reasons, in both languages, written once: the
 * screens (renderer/src/nominations/messages.ts hangs them under `nominations.issues` / `nominations.reasons`),
 * the exports (a cell says both languages) and the plain-English `message` of an issue (the CLI) all take them here.
 * Sentences carry parameters as {{name}} (i18next's form), filled by `fill`.
 */
import type { CampaignKind } from '../campaign/model.ts';
import { fieldsFor } from './fields.ts';
import type { ImportIssue, ImportIssueCode } from './map-rows.ts';
import type { EligibilityReason, NominationStatus } from './record.ts';

/** One sentence in both languages. */
export interface Words {
  readonly zh: string;
  readonly en: string;
}

/** What each import problem is, about its cell. Parameters: {{field}} (its field's name), {{value}} (what was there). */
export const ISSUE_WORDS: Readonly<Record<ImportIssueCode, Words>> = {
  HEADER_NOT_FOUND: { zh: '找不到表头行：请在上方指定表头所在行', en: 'No header row found: give the header row above' },
  REQUIRED_MISSING: { zh: '缺少必填的“{{field}}”', en: 'The required “{{field}}” is missing' },
  COLUMN_MISSING: { zh: '没有哪一列对应“{{field}}”', en: 'No column is matched to “{{field}}”' },
  DUPLICATE_KEY: { zh: '与前面某一行是同一项推荐，已跳过', en: 'The same nomination as an earlier row; passed over' },
  NOT_A_NUMBER: { zh: '“{{value}}”不是数字', en: '“{{value}}” is not a number' },
  NOT_AN_INTEGER: { zh: '“{{value}}”不是整数', en: '“{{value}}” is not a whole number' },
  NEGATIVE_NUMBER: { zh: '“{{value}}”是负数', en: '“{{value}}” is negative' },
  BAD_YEAR: { zh: '“{{value}}”不是有效的年份', en: '“{{value}}” is not a year' },
  BAD_DATE: { zh: '“{{value}}”不是有效的日期', en: '“{{value}}” is not a date' },
  BAD_DATE_RANGE: { zh: '“{{value}}”不是有效的日期范围（结束早于开始或不是日期）', en: '“{{value}}” is not a date range (its end is not a date or comes before its start)' },
  BAD_DOI: { zh: '“{{value}}”不是 DOI（应为 10.xxxx/…）', en: '“{{value}}” is not a DOI (10.xxxx/…)' },
  BAD_URL: { zh: '“{{value}}”不是网址', en: '“{{value}}” is not a web address' },
  BAD_EMAIL: { zh: '“{{value}}”不是电子邮箱地址', en: '“{{value}}” is not an e-mail address' },
};

/** The {{value}} of an issue whose cell was empty. */
export const ISSUE_NO_VALUE: Words = { zh: '（空）', en: '(empty)' };

/** Why the formal check concluded what it did. Parameters as named; {{window}} is one of the WINDOW_* sentences. */
export const REASON_WORDS: Readonly<Record<EligibilityReason['code'], Words>> = {
  REQUIRED_MISSING: { zh: '缺少必填项“{{field}}”', en: 'The required “{{field}}” is missing' },
  YEAR_OUTSIDE_WINDOW: { zh: '年份 {{year}} 不在征集范围（{{window}}）内', en: 'The year {{year}} is outside the window {{window}}' },
  NOT_BEIJING: { zh: '单位“{{institution}}”未识别为北京地区单位', en: '“{{institution}}” is not recognised as a Beijing institution' },
  AFFILIATION_UNKNOWN: { zh: '未填写单位，无法判断是否为北京地区', en: 'No institution given, so the Beijing rule cannot be checked' },
  DISCIPLINE_UNKNOWN: { zh: '学科“{{discipline}}”不在本次评选的学科中', en: 'The discipline “{{discipline}}” is not one of this campaign’s' },
  OVER_AGE_LIMIT: { zh: '截至 {{referenceDate}} 年龄 {{age}} 岁，超过 {{limit}} 岁的限制', en: 'Aged {{age}} on {{referenceDate}}, over the limit of {{limit}}' },
  AGE_UNKNOWN: { zh: '出生日期不明，无法核对年龄', en: 'No date of birth, so the age cannot be checked' },
  SOURCES_DISAGREE: { zh: '各推荐来源的“{{field}}”不一致', en: 'The nominators’ files disagree on “{{field}}”' },
  NEAR_DUPLICATE: { zh: '与另一项推荐“{{other}}”相似，请确认是否重复', en: 'Resembles another nomination, “{{other}}”: confirm whether it is the same' },
  IMPORT_PROBLEM: { zh: '导入时单元格 {{cell}}（{{field}}）未能读入：{{problem}}', en: 'On import, cell {{cell}} ({{field}}) was not taken: {{problem}}' },
  WITHDRAWN: { zh: '已撤回：{{note}}', en: 'Withdrawn: {{note}}' },
  OVERRIDDEN: { zh: '人工改判为“{{status}}”（原为“{{from}}”）：{{note}}', en: 'Set by hand to “{{status}}” (was “{{from}}”): {{note}}' },
};

/** Several near duplicates in one line. */
export const NEAR_DUPLICATE_MANY: Words = {
  zh: '与另外 {{count}} 项推荐相似（如“{{others}}”），请确认是否重复',
  en: 'Resembles {{count}} other nominations (such as “{{others}}”): confirm whether any is the same',
};
export const WINDOW_FROM: Words = { zh: '{{from}} 年起', en: 'from {{from}}' };
export const WINDOW_TO: Words = { zh: '{{to}} 年止', en: 'up to {{to}}' };
export const WINDOW_BOTH: Words = { zh: '{{from}}–{{to}} 年', en: '{{from}}–{{to}}' };

export const STATUS_WORDS: Readonly<Record<NominationStatus, Words>> = {
  eligible: { zh: '符合', en: 'Eligible' },
  attention: { zh: '需关注', en: 'Needs attention' },
  ineligible: { zh: '不符合', en: 'Ineligible' },
};

/** 'en' picks English; any other language (zh-CN, zh) Chinese, the app's first language. */
export type WordsLang = string;
export const inLang = (w: Words, lang: WordsLang): string => (lang === 'en' ? w.en : w.zh);

/** The sentences of a table in one language (for an i18n resource). */
export function wordsIn<K extends string>(table: Readonly<Record<K, Words>>, lang: WordsLang): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(table) as K[]) out[k] = inLang(table[k], lang);
  return out;
}

/** Put parameters into a sentence; a parameter not given is left empty. */
export function fill(sentence: string, params: Readonly<Record<string, string | number | undefined>>): string {
  return sentence.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => {
    const v = Object.hasOwn(params, name) ? params[name] : undefined;
    return v === undefined ? '' : String(v);
  });
}

/** A field's name in a language (its id when the kind has no such field). */
export function fieldWord(kind: CampaignKind, id: string | undefined, lang: WordsLang): string {
  if (!id) return '';
  const def = fieldsFor(kind).find((d) => d.id === id);
  return def ? (lang === 'en' ? def.en : def.zh) : id;
}

/** One import problem in a language: what is wrong with the cell, quoting what was there. */
export function issueSentence(issue: Pick<ImportIssue, 'code' | 'field' | 'value'>, kind: CampaignKind, lang: WordsLang, field = fieldWord(kind, issue.field, lang)): string {
  const value = issue.value === null || issue.value === '' ? inLang(ISSUE_NO_VALUE, lang) : String(issue.value);
  return fill(inLang(ISSUE_WORDS[issue.code], lang), { field, value });
}

/**
 * One formal-check reason in a language. `labelOf` names another nomination by id (NEAR_DUPLICATE), `field` names
 * a field (the screens add names of their own).
 */
export function reasonSentence(
  reason: EligibilityReason,
  kind: CampaignKind,
  lang: WordsLang,
  labelOf?: (id: string) => string | undefined,
  field: (id: string) => string = (id) => fieldWord(kind, id, lang),
): string {
  const v = reason.values ?? {};
  const sentence = inLang(REASON_WORDS[reason.code], lang);
  switch (reason.code) {
    case 'YEAR_OUTSIDE_WINDOW': {
      const { from, to } = v;
      const window = from !== undefined && to !== undefined ? fill(inLang(WINDOW_BOTH, lang), { from, to })
        : from !== undefined ? fill(inLang(WINDOW_FROM, lang), { from }) : fill(inLang(WINDOW_TO, lang), { to });
      return fill(sentence, { year: v.year, window });
    }
    case 'NEAR_DUPLICATE': {
      const id = typeof v.otherId === 'string' ? v.otherId : '';
      return fill(sentence, { other: labelOf?.(id) ?? id });
    }
    case 'IMPORT_PROBLEM': {
      const f = reason.field ? field(reason.field) : '';
      const problem = issueSentence({ code: v.issue as ImportIssueCode, field: reason.field ?? '', value: v.value ?? null }, kind, lang, f);
      return fill(sentence, { cell: v.cell, field: f, problem });
    }
    case 'OVERRIDDEN': {
      const from = typeof v.from === 'string' && v.from in STATUS_WORDS ? inLang(STATUS_WORDS[v.from as NominationStatus], lang) : '';
      return fill(sentence, { status: inLang(STATUS_WORDS[reason.status], lang), from, note: v.note ?? '' });
    }
    default:
      return fill(sentence, { ...v, field: reason.field ? field(reason.field) : '' });
  }
}

/** Both languages in one cell of an export: the Chinese sentence, then the English. */
export function bothLanguages(sentence: (lang: WordsLang) => string): string {
  return `${sentence('zh-CN')} ${sentence('en')}`;
}

/** A problem's plain-English line (an issue's `message`, the CLI's report): its field, unless the sentence names it. */
export function issueMessage(issue: Pick<ImportIssue, 'code' | 'field' | 'value'>, kind: CampaignKind): string {
  const sentence = issueSentence(issue, kind, 'en');
  const named = ISSUE_WORDS[issue.code].en.includes('{{field}}');
  return issue.field && !named ? `${fieldWord(kind, issue.field, 'en')}: ${sentence}` : sentence;
}

// For the exports: a cell says both languages, Chinese first.

/** A formal-check status in both languages: 符合 Eligible. */
export function statusCell(status: NominationStatus): string {
  return bothLanguages((lang) => inLang(STATUS_WORDS[status], lang));
}

/** A formal-check reason in both languages; `labelOf` names the other nomination of a near duplicate. */
export function reasonCell(reason: EligibilityReason, kind: CampaignKind, labelOf?: (id: string) => string | undefined): string {
  return bothLanguages((lang) => reasonSentence(reason, kind, lang, labelOf));
}

/** An import problem in both languages, after its cell (C5, or the row) and its field's names: C5 被引次数 Citations：… */
export function issueCell(issue: Pick<ImportIssue, 'code' | 'field' | 'value' | 'column' | 'row'>, kind: CampaignKind): string {
  const where = issue.column ? `${issue.column}${issue.row}` : `row ${issue.row}`;
  const field = issue.field ? ` ${fieldWord(kind, issue.field, 'zh-CN')} ${fieldWord(kind, issue.field, 'en')}` : '';
  return `${where}${field}：${bothLanguages((lang) => issueSentence(issue, kind, lang))}`;
}
