// Words and small helpers of the nominations step (pure, except the download and the file read).
import type { TFunction } from 'i18next';
import type { CampaignKind } from '../../../shared/campaign/model.ts';
import type { EligibilityReason, FieldValue, NominationStatus } from '../../../shared/nominations/record.ts';
import type { ImportIssue } from '../../../shared/nominations/map-rows.ts';
import { fieldsFor, type FieldDef } from '../../../shared/nominations/fields.ts';
import { isApiError } from '../api.ts';
import { describeError } from '../i18n/errors.ts';

/** The largest file the service reads (main/xlsx/reader.ts): checked before uploading. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export const STATUS_ORDER: readonly NominationStatus[] = ['eligible', 'attention', 'ineligible'];

/** Names of what a nomination has besides its fields (as its history names them): [zh, en]. */
const OWN_FIELD_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  nominators: ['推荐单位', 'Nominators'],
  sources: ['来源', 'Sources'],
  key: ['识别码', 'Key'],
  merged: ['并入的重复项', 'Merged duplicate'],
  distinctFrom: ['确认不是重复的推荐', 'Confirmed different from'],
  withdrawn: ['撤回', 'Withdrawal'],
  accepted: ['接受的导入问题', 'Accepted import problem'],
};

/** A field's name in the user's language. */
export function fieldName(kind: CampaignKind, id: string, lang: string): string {
  const own = OWN_FIELD_NAMES[id];
  if (own) return lang === 'en' ? own[1] : own[0];
  const def = fieldsFor(kind).find((d) => d.id === id);
  if (!def) return id;
  return lang === 'en' ? def.en : def.zh;
}

function isDateValue(v: unknown): v is { start: string; end?: string; precision: 'day' | 'month' } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as { start?: unknown }).start === 'string';
}

function day(iso: string, precision: 'day' | 'month'): string {
  return precision === 'month' ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** A value as text: lists joined with '; ', dates as 2026-03-05, ranges as 2026-06-08 – 2026-06-10. */
export function formatValue(v: FieldValue | null | undefined | unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (Array.isArray(v)) return v.map((x) => formatValue(x)).join('; ');
  if (isDateValue(v)) return v.end ? `${day(v.start, v.precision)} – ${day(v.end, v.precision)}` : day(v.start, v.precision);
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

/** A value in a history line: an override as its status and note, a source as its file, long text cut short. */
export function historyValueText(v: unknown, empty: string, statusWord: (s: string) => string): string {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) return empty;
  if (typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    if ('status' in o && 'note' in o) return `${statusWord(String(o.status))} — ${String(o.note)}`;
    if ('note' in o) return String(o.note);
    if ('other' in o) return String(o.other);
    if ('byHand' in o) return typeof o.nominator === 'string' && o.nominator ? o.nominator : empty;
    if ('cell' in o) return `${String(o.cell)}：${formatValue(o.value) || empty}`;
    if ('label' in o && 'nominators' in o) return String(o.label);
    if ('file' in o) return String(o.file);
    // A merge names the nomination kept by its label (entries before schema 5 have its id only).
    if ('mergedInto' in o) return `→ ${typeof o.label === 'string' ? o.label : String(o.mergedInto)}`;
    if ('start' in o) return formatValue(v);
  }
  if (Array.isArray(v) && v.every((x) => typeof x === 'object' && x !== null && 'file' in x)) return v.map((x: { file: unknown }) => String(x.file)).join('; ');
  const s = formatValue(v);
  return s.length > 80 ? `${s.slice(0, 80)}…` : s;
}

/** Whether a field's value sorts as a number. */
export function isNumericField(def: FieldDef): boolean {
  return def.type === 'int' || def.type === 'number' || def.type === 'year';
}

/** One import problem in words: what is wrong with the cell, quoting what was there. */
export function issueText(issue: ImportIssue, kind: CampaignKind, t: TFunction, lang: string): string {
  const field = fieldName(kind, issue.field, lang);
  const value = issue.value === null || issue.value === '' ? t('nominations.issueNoValue') : String(issue.value);
  return t(`nominations.issues.${issue.code}`, { field, value });
}

/** A cell address as Excel writes it: C5. */
export function cellName(issue: Pick<ImportIssue, 'column' | 'row'>): string {
  return `${issue.column}${issue.row}`;
}

/** One formal-check reason in words. */
export function reasonText(reason: EligibilityReason, kind: CampaignKind, t: TFunction, lang: string, labelOf?: (id: string) => string | undefined): string {
  const v = reason.values ?? {};
  const field = reason.field ? fieldName(kind, reason.field, lang) : '';
  switch (reason.code) {
    case 'YEAR_OUTSIDE_WINDOW': {
      const from = v.from;
      const to = v.to;
      const window = from !== undefined && to !== undefined ? t('nominations.windowBoth', { from, to })
        : from !== undefined ? t('nominations.windowFrom', { from }) : t('nominations.windowTo', { to });
      return t('nominations.reasons.YEAR_OUTSIDE_WINDOW', { year: v.year, window });
    }
    case 'NEAR_DUPLICATE': {
      const id = typeof v.otherId === 'string' ? v.otherId : '';
      return t('nominations.reasons.NEAR_DUPLICATE', { other: labelOf?.(id) ?? id });
    }
    case 'IMPORT_PROBLEM': {
      const problem = issueText({ sheet: '', row: 0, column: '', field: reason.field ?? '', code: v.issue as ImportIssue['code'], severity: 'warning', message: '', value: v.value ?? null }, kind, t, lang);
      return t('nominations.reasons.IMPORT_PROBLEM', { cell: v.cell, field, problem });
    }
    case 'OVERRIDDEN':
      return t('nominations.reasons.OVERRIDDEN', {
        status: t(`nominations.status.${reason.status}`),
        from: typeof v.from === 'string' ? t(`nominations.status.${v.from}`) : '',
        note: v.note ?? '',
      });
    default:
      return t(`nominations.reasons.${reason.code}`, { ...v, field });
  }
}

/**
 * A nomination's reasons for a grid cell or its tooltip: near duplicates grouped into one line (a templated title
 * can resemble a hundred others), at most `max` lines, then how many more the details panel lists.
 */
export function reasonsSummary(
  reasons: readonly EligibilityReason[],
  kind: CampaignKind,
  t: TFunction,
  lang: string,
  labelOf?: (id: string) => string | undefined,
  max = 5,
): string[] {
  const near = reasons.filter((r) => r.code === 'NEAR_DUPLICATE');
  const lines: string[] = [];
  let nearDone = false;
  for (const r of reasons) {
    if (lines.length === max) break;
    if (r.code !== 'NEAR_DUPLICATE' || near.length === 1) {
      lines.push(reasonText(r, kind, t, lang, labelOf));
    } else if (!nearDone) {
      nearDone = true;
      const others = near.slice(0, 2).map((x) => {
        const id = typeof x.values?.otherId === 'string' ? x.values.otherId : '';
        return labelOf?.(id) ?? id;
      });
      lines.push(t('nominations.nearDuplicateMany', { count: near.length, others: others.join(lang === 'en' ? '”, “' : '”“') }));
    }
  }
  const grouped = reasons.length - (near.length > 1 ? near.length - 1 : 0);
  if (grouped > lines.length) lines.push(t('nominations.moreReasons', { count: grouped - lines.length }));
  return lines;
}

/** What the grid's columns need of the labels: a lookup, and a version that moves when a known label changes. */
export interface Labels {
  readonly lookup: (id: string) => string | undefined;
  readonly version: number;
}

/**
 * Labels by nomination id, over every list it was given (a filtered list still names the nominations its reasons
 * point to). Lists are taken lazily: the index catches up on the first lookup, or in `warm()`, called in a task of
 * its own (20,000 labels take ~10–20 ms). `version` moves when a label known before changes, so text worked out
 * with the old one can be dropped; one object for the page's life, so the grid's columns need not change with the
 * rows (new columns would make the grid rebuild every row).
 */
export class LabelIndex implements Labels {
  private readonly labels = new Map<string, string>();
  private given: readonly { readonly id: string; readonly label: string }[] | null = null;
  private pending: readonly { readonly id: string; readonly label: string }[] | null = null;
  private changes = 0;

  /** The list now shown (the same list again is nothing new). */
  take(rows: readonly { readonly id: string; readonly label: string }[]): void {
    if (rows === this.given) return;
    this.given = rows;
    this.pending = rows;
  }

  warm(): void {
    const rows = this.pending;
    if (!rows) return;
    this.pending = null;
    let changed = false;
    for (const r of rows) {
      const had = this.labels.get(r.id);
      if (had === r.label) continue;
      if (had !== undefined) changed = true;
      this.labels.set(r.id, r.label);
    }
    if (changed) this.changes++;
  }

  get version(): number {
    this.warm();
    return this.changes;
  }

  readonly lookup = (id: string): string | undefined => {
    this.warm();
    return this.labels.get(id);
  };
}

/** main's refusal of a hand edit, in words: the field and what is wrong with the value. */
export function editErrorText(err: unknown, kind: CampaignKind, t: TFunction, lang: string): string {
  if (isApiError(err) && err.code === 'FIELD_INVALID') {
    const code = err.data.values?.code;
    const field = typeof err.data.values?.field === 'string' ? fieldName(kind, err.data.values.field, lang) : '';
    const key = `nominations.valueErrors.${String(code)}`;
    const s = t(key, { field });
    if (s !== key) return s;
  }
  return describeError(err, t, { lang });
}

const numberFormats = new Map<string, Intl.NumberFormat>();

/** 1,234 / 1,234 in the user's language. One formatter per language: `toLocaleString(locale)` builds a new one each call (~10 ms the first). */
export function formatCount(n: number, lang: string): string {
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  let f = numberFormats.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale);
    numberFormats.set(locale, f);
  }
  return f.format(n);
}

/** 12.3 MB */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} B`;
}

/** A job id of our own, so that progress can be asked for and the work cancelled. */
export function newJobId(): string {
  const rnd = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `ui-${rnd}`;
}

/** Read `key` of `t`, or null when the key is absent (for optional words). */
export function maybe(t: TFunction, key: string, opts?: Record<string, unknown>): string | null {
  const s = t(key, opts);
  return s === key ? null : s;
}

export { downloadBytes } from '../lib/download.ts';
