import { z } from 'zod';
import {
  CAMPAIGN_KINDS, CAMPAIGN_STATUSES, criterionSchema, disciplineGroupSchema,
  type CampaignKind,
} from './model.ts';
import { settingsSchema } from './settings.ts';
import { template, yearWindow } from './templates.ts';
import { weightSum } from '../scoring/total.ts';

export const campaignNameSchema = z.string().trim().min(1, 'a name is required').max(200);
export const campaignYearSchema = z.number().int().min(2000).max(2100);

export const campaignSchema = z.object({
  id: z.string().min(1).max(80),
  name: campaignNameSchema,
  kind: z.enum(CAMPAIGN_KINDS),
  year: campaignYearSchema,
  status: z.enum(CAMPAIGN_STATUSES).default('setup'),
  disciplines: z.array(z.string().trim().min(1).max(100)).max(500).default([]),
  groups: z.array(disciplineGroupSchema).max(200).default([]),
  criteria: z.array(criterionSchema).min(1, 'a rubric needs at least one criterion').max(30),
  settings: settingsSchema,
  createdAt: z.string(),
  updatedAt: z.string(),
}).superRefine((c, ctx) => {
  const ids = new Set<string>();
  for (const [i, cr] of c.criteria.entries()) {
    if (ids.has(cr.id)) ctx.addIssue({ code: 'custom', message: `duplicate criterion id ${cr.id}`, path: ['criteria', i, 'id'] });
    ids.add(cr.id);
  }
  const gids = new Set<string>();
  for (const [i, g] of c.groups.entries()) {
    if (gids.has(g.id)) ctx.addIssue({ code: 'custom', message: `duplicate group id ${g.id}`, path: ['groups', i, 'id'] });
    gids.add(g.id);
  }
});
export type Campaign = z.infer<typeof campaignSchema>;

export interface CampaignWarning {
  readonly code: 'RUBRIC_WEIGHTS_NOT_100' | 'RUBRIC_TO_CONFIRM' | 'BLEND_NOT_100' | 'METRIC_WEIGHTS_NOT_100' | 'GROUP_SHARES_EXCEED_QUOTA';
  readonly values: Readonly<Record<string, number | string>>;
}

/** What is saved but not yet ready: a rubric that does not total 100 saves, and cannot send sheets. */
export function campaignWarnings(c: Campaign): CampaignWarning[] {
  const out: CampaignWarning[] = [];
  const total = weightSum(c.criteria);
  if (total !== 100) out.push({ code: 'RUBRIC_WEIGHTS_NOT_100', values: { total, missing: Math.round((100 - total) * 1e6) / 1e6 } });
  const toConfirm = c.criteria.filter((x) => x.toConfirm).length;
  if (toConfirm > 0) out.push({ code: 'RUBRIC_TO_CONFIRM', values: { count: toConfirm } });
  if (c.kind === 'papers' || c.settings.blend.metricWeight > 0) {
    const b = c.settings.blend.metricWeight + c.settings.blend.expertWeight;
    if (b !== 100) out.push({ code: 'BLEND_NOT_100', values: { total: b } });
  }
  if (c.settings.metrics.enabled) {
    const m = c.settings.metrics;
    const t = m.attentionWeight + m.citationsWeight + m.downloadsWeight;
    if (t !== 100) out.push({ code: 'METRIC_WEIGHTS_NOT_100', values: { total: t } });
  }
  const quota = c.settings.quota.total;
  const shares = c.groups.reduce((a, g) => a + (g.quotaShare ?? 0), 0);
  if (quota !== null && shares > quota) out.push({ code: 'GROUP_SHARES_EXCEED_QUOTA', values: { shares, quota } });
  return out;
}

/** Sheets can go out only when the rubric is complete. */
export function canSendSheets(c: Campaign): boolean {
  return !campaignWarnings(c).some((w) => w.code === 'RUBRIC_WEIGHTS_NOT_100');
}

export interface NewCampaign {
  readonly template: CampaignKind;
  readonly name: string;
  readonly year: number;
}

/** A new campaign from a template; the clock and the id are passed in. */
export function newCampaign(input: NewCampaign, id: string, now: string): Campaign {
  const t = template(input.template, input.year);
  return campaignSchema.parse({
    id,
    name: input.name,
    kind: t.kind,
    year: input.year,
    status: 'setup',
    disciplines: [...t.disciplines],
    groups: [...t.groups],
    criteria: [...t.criteria],
    settings: t.settings,
    createdAt: now,
    updatedAt: now,
  });
}

/**
 * After an edit that changed the campaign's year: the eligibility window moves with the year when it was the one the
 * template derives from the old year (a 2026 papers campaign's 2024–2025 becomes 2025–2026 in 2027). A window set by
 * hand (other years, or opened), or changed in the same edit, stays as it is. Pure.
 */
export function followYear(before: Campaign, after: Campaign): Campaign {
  if (after.year === before.year) return after;
  const was = yearWindow(before.kind, before.year);
  const next = yearWindow(after.kind, after.year);
  const b = before.settings.eligibility;
  const a = after.settings.eligibility;
  if (!was || !next || b.yearFrom !== was.yearFrom || b.yearTo !== was.yearTo) return after;
  if (a.yearFrom !== b.yearFrom || a.yearTo !== b.yearTo) return after;
  return { ...after, settings: { ...after.settings, eligibility: { ...a, ...next } } };
}

export interface CampaignSummary {
  readonly id: string;
  readonly name: string;
  readonly kind: CampaignKind;
  readonly year: number;
  readonly status: Campaign['status'];
  readonly updatedAt: string;
}

export function summarize(c: Campaign): CampaignSummary {
  return { id: c.id, name: c.name, kind: c.kind, year: c.year, status: c.status, updatedAt: c.updatedAt };
}
