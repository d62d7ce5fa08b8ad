import { z } from 'zod';

export const CAMPAIGN_KINDS = ['papers', 'conferences', 'talent', 'topics'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

export const CAMPAIGN_STATUSES = ['setup', 'nominations', 'panel', 'scoring', 'results', 'meeting', 'sealed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

const finite = z.number().finite();

/** A band descriptor: what a score in [min, max] means, in both languages. */
export const bandSchema = z.object({
  min: finite,
  max: finite,
  label: z.string().max(200),
  labelEn: z.string().max(200).default(''),
}).refine((b) => b.min <= b.max, { message: 'band min must not exceed its max', path: ['max'] });
export type Band = z.infer<typeof bandSchema>;

export const criterionSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,40}$/, 'ids are lower-case letters, digits and dashes'),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).default(''),
  description: z.string().max(2000).default(''),
  /** Percent points; a rubric's weights should total 100. */
  weight: finite.min(0).max(100),
  min: finite,
  max: finite,
  step: finite.positive(),
  bands: z.array(bandSchema).max(20).default([]),
  /** The template's weight is a proposal the secretary must confirm (the seed gives none). */
  toConfirm: z.boolean().default(false),
}).superRefine((c, ctx) => {
  if (c.max <= c.min) ctx.addIssue({ code: 'custom', message: 'max must be greater than min', path: ['max'] });
  const steps = (c.max - c.min) / c.step;
  if (Math.abs(steps - Math.round(steps)) > 1e-9) ctx.addIssue({ code: 'custom', message: 'the range must be a whole number of steps', path: ['step'] });
  for (const [i, b] of c.bands.entries()) {
    if (b.min < c.min || b.max > c.max) ctx.addIssue({ code: 'custom', message: 'a band must lie within the range', path: ['bands', i] });
  }
});
export type Criterion = z.infer<typeof criterionSchema>;

export const disciplineGroupSchema = z.object({
  id: z.string().min(1).max(60),
  name: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().max(100).default(''),
  disciplines: z.array(z.string().trim().min(1).max(100)).max(200).default([]),
  /** The group leader (组长); an expert's name until the panel exists, then their id. */
  leader: z.string().trim().max(100).default(''),
  /** Share of the campaign's quota; null = allocated by the campaign's quota rule. */
  quotaShare: z.number().int().min(0).max(100_000).nullable().default(null),
  /** Every member scores every item of the group, instead of K reviewers per item. */
  everyMemberScores: z.boolean().default(false),
});
export type DisciplineGroup = z.infer<typeof disciplineGroupSchema>;
