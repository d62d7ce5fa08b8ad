import type { ZodError } from 'zod';
import { AppError, type ErrorDetail } from '../contract/errors.ts';
import { campaignSchema, followYear, type Campaign } from './campaign.ts';
import { defaultSettings, settingsSchema } from './settings.ts';

export interface Assignment {
  readonly key: string;
  readonly value: unknown;
}

/** `quota.total=10` → { key: 'quota.total', value: 10 }: JSON where the text is JSON, else the text itself. */
export function parseAssignment(text: string): Assignment {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new AppError('BAD_ARGUMENTS', `expected KEY=VALUE, got "${text}"`, { details: [{ path: text, message: 'expected KEY=VALUE' }] });
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { key, value };
}

const CAMPAIGN_FIELDS = new Set(['name', 'year', 'status', 'disciplines']);
const CRITERION_FIELDS = new Set(['name', 'nameEn', 'description', 'weight', 'min', 'max', 'step', 'bands', 'toConfirm']);
const GROUP_FIELDS = new Set(['name', 'nameEn', 'disciplines', 'leader', 'quotaShare', 'everyMemberScores']);
const SETTINGS_ROOTS = new Set(Object.keys(settingsSchema.shape));
const FORBIDDEN = new Set(['__proto__', 'prototype', 'constructor']);

function listValue(v: unknown): unknown {
  // "数学, 物理、化学" → ["数学","物理","化学"]: lists are typed as people type them.
  if (typeof v === 'string') return v.split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean);
  return v;
}

function unknownKey(key: string, why: string): AppError {
  return new AppError('SETTING_UNKNOWN', `unknown setting "${key}": ${why}`, { details: [{ path: key, message: why }], values: { key } });
}

type Mutable = Record<string, unknown>;

function setIn(target: Mutable, path: readonly string[], value: unknown, key: string): void {
  let node: Mutable = target;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    const next = node[seg];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) {
      // A record such as quota.perDiscipline may gain keys; anything else must already exist.
      throw unknownKey(key, `"${path.slice(0, i + 1).join('.')}" has no "${path[i + 1]}"`);
    }
    node = next as Mutable;
  }
  const last = path[path.length - 1]!;
  node[last] = value;
}

/**
 * Apply `KEY=VALUE` settings to a campaign: pure; the whole campaign is validated after all are applied. A new year
 * moves the eligibility window the template derived from the old one (followYear).
 */
export function applyAssignments(campaign: Campaign, assignments: readonly Assignment[]): Campaign {
  const draft = structuredClone(campaign) as unknown as Mutable;
  for (const { key, value } of assignments) {
    const path = key.split('.').map((s) => s.trim());
    if (path.some((s) => s === '' || FORBIDDEN.has(s))) throw unknownKey(key, 'not a setting');
    const [root, ...rest] = path as [string, ...string[]];
    if (CAMPAIGN_FIELDS.has(root) && rest.length === 0) {
      draft[root] = root === 'disciplines' ? listValue(value) : value;
    } else if (root === 'criteria' || root === 'groups') {
      const [id, field] = rest;
      const fields = root === 'criteria' ? CRITERION_FIELDS : GROUP_FIELDS;
      if (!id || !field || rest.length !== 2 || !fields.has(field)) {
        throw unknownKey(key, `use ${root}.<id>.<${[...fields].join('|')}>`);
      }
      const list = draft[root] as Mutable[];
      const item = list.find((x) => x.id === id);
      if (!item) throw unknownKey(key, `no ${root === 'criteria' ? 'criterion' : 'group'} with id "${id}"`);
      item[field] = field === 'disciplines' ? listValue(value) : value;
    } else {
      const settingsPath = root === 'settings' ? rest : path;
      if (settingsPath.length === 0 || !SETTINGS_ROOTS.has(settingsPath[0]!)) throw unknownKey(key, 'not a setting');
      const settings = draft.settings as Mutable;
      const leaf = settingsPath.slice(1);
      if (leaf.length === 0) throw unknownKey(key, 'name a single setting, such as quota.total');
      // A campaign replayed from an older journal may lack a section added since (the schema gives its defaults).
      const section = (settings[settingsPath[0]!] ??= (defaultSettings() as unknown as Mutable)[settingsPath[0]!]) as Mutable;
      const isListSetting = ['beijingNames', 'beijingPatterns', 'requiredFields', 'tieBreaks'].includes(leaf[leaf.length - 1]!);
      if (leaf.length === 1 && !(leaf[0]! in section)) throw unknownKey(key, `"${settingsPath[0]}" has no "${leaf[0]}"`);
      setIn(section, leaf, isListSetting ? listValue(value) : value, key);
    }
  }
  return followYear(campaign, validateCampaign(draft));
}

export function zodDetails(err: ZodError): ErrorDetail[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

function rangeIssue(err: ZodError): boolean {
  return err.issues.some((i) => i.code === 'too_small' || i.code === 'too_big');
}

/** Validate a whole campaign, turning schema issues into an error the user can read. */
export function validateCampaign(value: unknown): Campaign {
  const parsed = campaignSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const details = zodDetails(parsed.error);
  const code = rangeIssue(parsed.error) ? 'SETTING_OUT_OF_RANGE' : 'SETTING_INVALID';
  const first = details[0];
  throw new AppError(code, first ? `${first.path}: ${first.message}` : 'invalid campaign', { details });
}
