import type { TFunction } from 'i18next';
import type { AppErrorData, ErrorDetail } from '../../../shared/contract/index.ts';
import { ERROR_CODES } from '../../../shared/contract/index.ts';
import { isApiError } from '../api.ts';
import { fieldFacts } from '../lib/schema.ts';

interface Named {
  readonly name: string;
  readonly nameEn?: string;
}

export interface ErrorContext {
  /** The campaign being edited, to name a criterion or group by its name rather than its position. */
  readonly campaign?: { readonly criteria: readonly Named[]; readonly groups: readonly Named[] };
  readonly lang?: string;
}

function errorData(err: unknown): AppErrorData {
  if (isApiError(err)) return err.data;
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string'
    && (ERROR_CODES as readonly string[]).includes((err as { code: string }).code)) {
    return err as AppErrorData;
  }
  return { code: 'INTERNAL', message: '' };
}

/** A field's name in words, from the dotted path main reports (`criteria.0.weight`, `settings.quota.total`). */
export function fieldLabel(path: string, t: TFunction, ctx: ErrorContext = {}): string {
  const segs = path.split('.').filter(Boolean);
  const [root, ...rest] = segs;
  if (!root) return t('fieldNames.settings');
  if (root === 'settings' && rest.length >= 2) {
    const key = `settings.${rest[0]}.${rest[1]}.label`;
    if (t(key) !== key) return t(key);
  }
  if ((root === 'criteria' || root === 'groups') && rest.length >= 1) {
    const idx = Number(rest[0]);
    const field = rest[1];
    const base = field ? (field === 'bands' ? t('fieldNames.bands') : labelOf(field, t)) : t(`fieldNames.${root}`);
    const item = Number.isInteger(idx) ? ctx.campaign?.[root][idx] : undefined;
    if (item && root === 'criteria') {
      const name = ctx.lang === 'en' && item.nameEn ? item.nameEn : item.name;
      return t('setup.rubric.criterionLabel', { name, field: base });
    }
    if (item) return `${item.name} · ${base}`;
    return base;
  }
  return labelOf(segs[segs.length - 1] ?? root, t);
}

function labelOf(field: string, t: TFunction): string {
  const key = `fieldNames.${field}`;
  const s = t(key);
  return s === key ? t('fieldNames.settings') : s;
}

function fmt(n: number): string {
  return String(Math.round(n * 1e6) / 1e6);
}

/** One detail (a path and schema words) as a sentence in the user's language. */
export function describeDetail(detail: ErrorDetail, code: AppErrorData['code'], t: TFunction, ctx: ErrorContext = {}): string {
  const path = detail.path ?? '';
  const field = fieldLabel(path, t, ctx);
  const m = detail.message ?? '';
  if (/max must be greater than min/i.test(m)) return t('errors.field.maxAboveMin');
  if (/whole number of steps/i.test(m)) return t('errors.field.wholeSteps');
  if (/band must lie within/i.test(m)) return t('errors.field.bandInRange');
  if (/band min must not exceed/i.test(m)) return t('errors.field.bandOrder');
  if (/YYYY-MM-DD/.test(m)) return t('errors.field.date', { field });
  if (/at least one criterion/i.test(m) || (path === 'criteria' && /too small/i.test(m))) return t('errors.field.atLeastOneCriterion');
  if (/duplicate/i.test(m)) return t('errors.field.duplicate', { field });
  if (/name is required/i.test(m)) return t('errors.field.required', { field });
  if (/expected int/i.test(m)) return t('errors.field.wholeNumber', { field });
  const facts = fieldFacts(path);
  if (/expected string/i.test(m)) {
    if (/too small/i.test(m)) return t('errors.field.required', { field });
    if (/too big/i.test(m)) return t('errors.field.tooLong', { field });
  }
  if (facts?.kind === 'number' && (code === 'SETTING_OUT_OF_RANGE' || /too (big|small)/i.test(m))) {
    if (facts.minExclusive && facts.min !== undefined && facts.max === undefined) return t('errors.field.above', { field, min: fmt(facts.min) });
    if (facts.min !== undefined && facts.max !== undefined) return t('errors.field.between', { field, min: fmt(facts.min), max: fmt(facts.max) });
    if (facts.min !== undefined) return t('errors.field.atLeast', { field, min: fmt(facts.min) });
    if (facts.max !== undefined) return t('errors.field.atMost', { field, max: fmt(facts.max) });
  }
  if (facts?.kind === 'number' && /expected number/i.test(m)) return t('common.enterNumber');
  return t('errors.field.invalid', { field });
}

/** main refuses an edit computed from an older copy of the campaign (campaigns.update with baseUpdatedAt). */
export function isStaleEdit(err: unknown): boolean {
  const d = isApiError(err) ? err.data : null;
  return d !== null && d.code === 'STALE_EDIT';
}

/**
 * The one place error codes become words. Never shows a code, a message meant for logs, or a stack: an error it
 * does not know becomes "something went wrong inside the program".
 */
export function describeError(err: unknown, t: TFunction, ctx: ErrorContext = {}): string {
  const data = errorData(err);
  if (isStaleEdit(err)) return t('errors.stale');
  const settingCode = data.code === 'SETTING_INVALID' || data.code === 'SETTING_OUT_OF_RANGE' || data.code === 'BAD_ARGUMENTS';
  if (settingCode && data.details && data.details.length > 0) {
    const sentences = [...new Set(data.details.map((d) => describeDetail(d, data.code, t, ctx)))];
    return sentences.slice(0, 3).join(' ');
  }
  if (data.code === 'INTERNAL' && data.values?.reason === 'offline') return t('app.offline');
  const key = `errors.codes.${data.code}`;
  // Words may name what main reported in values (the other nomination of NOMINATION_KEY_TAKEN).
  const s = t(key, data.values ? { ...data.values } : undefined);
  return s === key ? t('errors.generic') : s;
}
