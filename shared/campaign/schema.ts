import { z } from 'zod';
import type { Campaign } from './campaign.ts';
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES } from './model.ts';
import { settingsSchema } from './settings.ts';

/**
 * A campaign as the store reads it back from a snapshot: its shape, not the setup screens' rules. Every key a
 * Campaign must have is required with its type; keys this version does not know are kept; limits that only guard
 * editing (lengths, a rubric's rules) are left to campaignSchema, so a snapshot is never refused for them. Settings
 * reuse settingsSchema, which fills a section a snapshot lacks with its defaults.
 */
const text = z.string();
const num = z.number();

const storedBandSchema = z.looseObject({ min: num, max: num, label: text, labelEn: text.default('') });

const storedCriterionSchema = z.looseObject({
  id: text,
  name: text,
  nameEn: text.default(''),
  description: text.default(''),
  weight: num,
  min: num,
  max: num,
  step: num,
  bands: z.array(storedBandSchema).default([]),
  toConfirm: z.boolean().default(false),
});

const storedGroupSchema = z.looseObject({
  id: text,
  name: text,
  nameEn: text.default(''),
  disciplines: z.array(text).default([]),
  leader: text.default(''),
  quotaShare: num.nullable().default(null),
  everyMemberScores: z.boolean().default(false),
});

export const storedCampaignSchema = z.looseObject({
  id: text.min(1),
  name: text,
  kind: z.enum(CAMPAIGN_KINDS),
  year: num,
  status: z.enum(CAMPAIGN_STATUSES),
  disciplines: z.array(text),
  groups: z.array(storedGroupSchema),
  criteria: z.array(storedCriterionSchema),
  settings: settingsSchema,
  createdAt: text,
  updatedAt: text,
});

/** Compile-time proof that what the schema accepts is a Campaign. */
type Proves<T extends true> = T;
type _IsCampaign = Proves<z.output<typeof storedCampaignSchema> extends Campaign ? true : false>;
