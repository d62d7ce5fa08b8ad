import type { CampaignKind } from '../campaign/model.ts';
import type { Settings } from '../campaign/settings.ts';
import { fieldsFor } from './fields.ts';
import type { FieldValue } from './map-rows.ts';
import type { EligibilityReason, NominationStatus, StatusOverride } from './record.ts';
import type { DateValue } from './values.ts';
import { normaliseKeyText } from './values.ts';

/**
 * The formal check (形式审查) of one nomination against the campaign's rules. Pure; today is passed in.
 * ineligible: a rule is clearly broken (outside the year window, over the age limit).
 * attention: something a person must look at (a missing value, an affiliation not recognised as Beijing, sources
 * that disagree, a possible duplicate). An override replaces the status; the reasons stay, with OVERRIDDEN.
 */

export interface EligibilityInput {
  readonly fields: Readonly<Record<string, FieldValue>>;
  /** Fields where the sources disagree. */
  readonly disagreements?: readonly string[];
  /** Ids of near matches not yet resolved. */
  readonly nearDuplicates?: readonly string[];
  readonly override?: StatusOverride | null;
  /** Import problems still open (problems.ts openProblems): each needs a person's look. */
  readonly problems?: readonly { readonly key: string; readonly field: string; readonly cell: string; readonly code: string; readonly value: string | number | boolean | null }[];
  /** Withdrawn: out of the selection whatever else holds (even an override). */
  readonly withdrawn?: { readonly note: string } | null;
}

export interface EligibilityCampaign {
  readonly settings: Pick<Settings, 'eligibility'>;
  readonly disciplines: readonly string[];
}

export interface EligibilityResult {
  readonly status: NominationStatus;
  readonly reasons: readonly EligibilityReason[];
}

/** Setting names that differ from the field ids of a kind (the conferences template says startDate). */
const FIELD_ALIASES: Readonly<Record<string, string>> = { startDate: 'dates', endDate: 'dates', date: 'dates', birthdate: 'birthDate' };

const RANK: Readonly<Record<NominationStatus, number>> = { eligible: 0, attention: 1, ineligible: 2 };

function present(v: FieldValue | undefined): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'string') return v.trim() !== '';
  if (Array.isArray(v)) return v.length > 0;
  return true;
}

function yearOf(kind: CampaignKind, fields: Readonly<Record<string, FieldValue>>): number | null {
  if (kind === 'papers' && typeof fields.year === 'number') return fields.year;
  if (kind === 'conferences') {
    const d = fields.dates as DateValue | undefined;
    if (d && typeof d === 'object' && 'start' in d) return Number(d.start.slice(0, 4));
  }
  return null;
}

/** The field naming the institution to check against Beijing, by kind. */
const AFFILIATION_FIELD: Readonly<Partial<Record<CampaignKind, string>>> = { papers: 'affiliation', talent: 'institution', topics: 'institution' };

const patternCache = new Map<string, RegExp | null>();

/** A secretary's pattern as a regular expression; an invalid one is ignored (null), never thrown. */
export function safePattern(p: string): RegExp | null {
  if (patternCache.has(p)) return patternCache.get(p)!;
  let re: RegExp | null = null;
  if (p.trim() !== '') {
    try {
      re = new RegExp(p, 'iu');
    } catch {
      try {
        re = new RegExp(p, 'i');
      } catch {
        re = null;
      }
    }
  }
  if (patternCache.size > 1000) patternCache.clear();
  patternCache.set(p, re);
  return re;
}

/** Whether an institution counts as Beijing: a listed name (compared normalised) or a pattern found in it. */
// The list is the campaign's setting: normalised once per list, not once per nomination.
const namesCache = new WeakMap<readonly string[], ReadonlySet<string>>();
function normalisedNames(names: readonly string[]): ReadonlySet<string> {
  let set = namesCache.get(names);
  if (!set) {
    set = new Set(names.map(normaliseKeyText).filter(Boolean));
    namesCache.set(names, set);
  }
  return set;
}

export function isBeijing(institution: string, names: readonly string[], patterns: readonly string[]): boolean {
  const parts = [institution, ...institution.split(/[;；、\n]+/)].map((s) => s.trim()).filter(Boolean);
  const wanted = normalisedNames(names);
  // A listed name counts within a longer one too: 清华大学化学系 is 清华大学's.
  for (const part of parts) {
    const text = normaliseKeyText(part);
    if (wanted.has(text)) return true;
    for (const name of wanted) if (name.length >= 3 && text.includes(name)) return true;
  }
  for (const p of patterns) {
    const re = safePattern(p);
    if (re && re.test(institution)) return true;
  }
  return false;
}

/** Whole years between a birth date and a reference date (both YYYY-MM-DD). */
export function ageAt(birth: string, reference: string): number {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ry, rm, rd] = reference.split('-').map(Number) as [number, number, number];
  let age = ry - by;
  if (rm < bm || (rm === bm && rd < bd)) age--;
  return age;
}

export function checkEligibility(kind: CampaignKind, n: EligibilityInput, campaign: EligibilityCampaign, opts: { today: string }): EligibilityResult {
  const rules = campaign.settings.eligibility;
  const { fields } = n;
  const reasons: EligibilityReason[] = [];
  const known = new Set(fieldsFor(kind).map((d) => d.id));

  const required = new Set<string>();
  for (const r of rules.requiredFields) {
    const id = known.has(r) ? r : FIELD_ALIASES[r];
    if (id && known.has(id)) required.add(id);
  }
  for (const field of required) if (!present(fields[field])) reasons.push({ code: 'REQUIRED_MISSING', status: 'attention', field });

  const year = yearOf(kind, fields);
  if (year !== null && ((rules.yearFrom !== null && year < rules.yearFrom) || (rules.yearTo !== null && year > rules.yearTo))) {
    reasons.push({
      code: 'YEAR_OUTSIDE_WINDOW',
      status: 'ineligible',
      field: kind === 'papers' ? 'year' : 'dates',
      values: { year, ...(rules.yearFrom !== null ? { from: rules.yearFrom } : {}), ...(rules.yearTo !== null ? { to: rules.yearTo } : {}) },
    });
  }

  const affField = AFFILIATION_FIELD[kind];
  if (rules.requireBeijingAffiliation && affField) {
    const inst = fields[affField];
    if (typeof inst !== 'string' || inst.trim() === '') reasons.push({ code: 'AFFILIATION_UNKNOWN', status: 'attention', field: affField });
    else if (!isBeijing(inst, rules.beijingNames, rules.beijingPatterns)) reasons.push({ code: 'NOT_BEIJING', status: 'attention', field: affField, values: { institution: inst } });
  }

  if (campaign.disciplines.length > 0 && known.has('discipline')) {
    const d = fields.discipline;
    if (typeof d === 'string' && d.trim() !== '') {
      const allowed = new Set(campaign.disciplines.map(normaliseKeyText));
      if (!allowed.has(normaliseKeyText(d))) reasons.push({ code: 'DISCIPLINE_UNKNOWN', status: 'attention', field: 'discipline', values: { discipline: d } });
    }
  }

  if (kind === 'talent' && rules.ageLimit !== null) {
    const birth = fields.birthDate as DateValue | undefined;
    const reference = rules.referenceDate ?? opts.today.slice(0, 10);
    if (!birth || typeof birth !== 'object' || !('start' in birth)) {
      reasons.push({ code: 'AGE_UNKNOWN', status: 'attention', field: 'birthDate' });
    } else {
      // With month precision, the latest possible birthday in that month: the youngest the person can be.
      const day = birth.precision === 'month' ? lastDay(birth.start) : birth.start;
      const age = ageAt(day, reference);
      if (age > rules.ageLimit) reasons.push({ code: 'OVER_AGE_LIMIT', status: 'ineligible', field: 'birthDate', values: { age, limit: rules.ageLimit, referenceDate: reference } });
    }
  }

  for (const field of n.disagreements ?? []) reasons.push({ code: 'SOURCES_DISAGREE', status: 'attention', field });
  for (const other of n.nearDuplicates ?? []) reasons.push({ code: 'NEAR_DUPLICATE', status: 'attention', values: { otherId: other } });
  for (const p of n.problems ?? []) {
    reasons.push({ code: 'IMPORT_PROBLEM', status: 'attention', field: p.field, values: { cell: p.cell, issue: p.code, value: p.value === null ? '' : typeof p.value === 'boolean' ? String(p.value) : p.value, key: p.key } });
  }

  let status: NominationStatus = 'eligible';
  for (const r of reasons) if (RANK[r.status] > RANK[status]) status = r.status;
  if (n.override) {
    reasons.push({ code: 'OVERRIDDEN', status: n.override.status, values: { note: n.override.note, from: status } });
    status = n.override.status;
  }
  if (n.withdrawn) {
    reasons.push({ code: 'WITHDRAWN', status: 'ineligible', values: { note: n.withdrawn.note } });
    status = 'ineligible';
  }
  return { status, reasons };
}

function lastDay(isoDay: string): string {
  const [y, m] = isoDay.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${isoDay.slice(0, 8)}${String(d).padStart(2, '0')}`;
}
