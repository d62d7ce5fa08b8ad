import { z } from 'zod';
import { storedCampaignSchema } from '../campaign/schema.ts';
import { importRecordSchema, nominationSchema } from '../nominations/record-schema.ts';
import { panelSchema } from '../panel/schema.ts';
import { scoringStateSchema } from '../scoring/schema.ts';
import { resultsStateSchema } from '../results/schema.ts';
import type { CampaignDoc, HistoryEntry, ImportSummary } from './doc.ts';

/**
 * A whole CampaignDoc, as a snapshot must hold it once migrated: what the store checks before it trusts a snapshot
 * (a doc with the right outline but missing fields must be set aside, not folded into). Required keys are required
 * with their types; unknown keys, and collections a later step adds, are let through (checkCampaignDoc hands back the
 * doc it was given, so they are kept).
 */
const text = z.string();
const count = z.number();

const importSummarySchema = z.object({
  id: text,
  file: text,
  sheet: text,
  nominator: text,
  imported: count,
  updated: count,
  unchanged: count,
  rejected: count,
  undone: z.object({ removed: count, kept: count }).optional(),
});

export const historyEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: text,
  actor: text,
  type: text,
  changes: z.array(z.object({ key: text, before: z.unknown(), after: z.unknown() })),
  import: importSummarySchema.optional(),
  subject: z.object({ id: text, label: text }).optional(),
});

export const campaignDocSchema = z.looseObject({
  schemaVersion: z.number().int().nonnegative(),
  seq: z.number().int().nonnegative(),
  campaign: storedCampaignSchema,
  history: z.object({ chunks: z.array(z.array(historyEntrySchema)) }),
  nominations: z.array(nominationSchema),
  imports: z.array(importRecordSchema),
  mappings: z.record(text, z.record(text, text.nullable())),
  panel: panelSchema,
  scoring: scoringStateSchema,
  results: resultsStateSchema,
});

export type DocCheck = { readonly ok: true; readonly doc: CampaignDoc } | { readonly ok: false; readonly reason: string };

/**
 * Check a migrated doc whole. The doc handed back is the one given (so nothing zod would drop, such as a "__proto__"
 * key, is lost), with the campaign as parsed: settings a snapshot lacks take their defaults.
 */
export function checkCampaignDoc(raw: unknown): DocCheck {
  const r = campaignDocSchema.safeParse(raw);
  if (!r.success) {
    const first = r.error.issues[0];
    const where = first && first.path.length > 0 ? first.path.join('.') : 'the doc';
    const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more)` : '';
    return { ok: false, reason: `${where}: ${first?.message ?? 'invalid'}${more}` };
  }
  return { ok: true, doc: { ...(raw as CampaignDoc), campaign: r.data.campaign } };
}

/** Compile-time proofs that what the schemas accept are the doc's types (a history line's type is any text here). */
type Proves<T extends true> = T;
type Typed<T> = T & { type: HistoryEntry['type'] };
type _Shapes = [
  Proves<z.output<typeof importSummarySchema> extends ImportSummary ? true : false>,
  Proves<Typed<z.output<typeof historyEntrySchema>> extends HistoryEntry ? true : false>,
  Proves<z.output<typeof campaignDocSchema> & { history: { chunks: Typed<z.output<typeof historyEntrySchema>>[][] } } extends CampaignDoc ? true : false>,
];
