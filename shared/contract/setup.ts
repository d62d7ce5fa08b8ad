import { z } from 'zod';
import { CAMPAIGN_KINDS } from '../campaign/model.ts';
import { campaignNameSchema, campaignYearSchema, type Campaign, type CampaignSummary, type CampaignWarning } from '../campaign/campaign.ts';
import type { HistoryEntry } from '../store/doc.ts';
import { entry } from './define.ts';

/** A campaign as every door returns it: all its settings, and what is not yet ready. */
export type CampaignView = Campaign & { readonly warnings: readonly CampaignWarning[] };

const id = z.string().min(1).max(80);

export const setupContract = {
  'campaigns.list': entry<{ campaigns: CampaignSummary[] }>()(z.object({}).strict()),
  'campaigns.get': entry<CampaignView>()(z.object({ id }).strict()),
  'campaigns.create': entry<CampaignView>()(z.object({
    template: z.enum(CAMPAIGN_KINDS),
    name: campaignNameSchema,
    year: campaignYearSchema,
  }).strict()),
  /** `KEY=VALUE` settings, as the command line takes them. */
  'campaigns.set': entry<CampaignView>()(z.object({
    id,
    assignments: z.array(z.object({ key: z.string().min(1).max(200), value: z.unknown() }).strict()).min(1).max(200),
  }).strict()),
  /** Replace the editable parts of a campaign (the setup screens); validated whole. */
  'campaigns.update': entry<CampaignView>()(z.object({
    id,
    /** The updatedAt the editor started from; a stale edit is refused rather than lost silently. */
    baseUpdatedAt: z.string().optional(),
    patch: z.object({
      name: z.unknown().optional(),
      year: z.unknown().optional(),
      status: z.unknown().optional(),
      disciplines: z.unknown().optional(),
      criteria: z.unknown().optional(),
      groups: z.unknown().optional(),
      settings: z.unknown().optional(),
    }).strict(),
  }).strict()),
  'campaigns.history': entry<{ entries: HistoryEntry[] }>()(z.object({ id }).strict()),
} as const;
