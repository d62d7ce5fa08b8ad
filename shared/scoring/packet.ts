import type { CampaignKind } from '../campaign/model.ts';
import { fieldsFor } from '../nominations/fields.ts';
import type { FieldValue } from '../nominations/map-rows.ts';
import { effectiveFields, labelOf, nominatorsOf } from '../nominations/merge.ts';
import type { Nomination } from '../nominations/record.ts';
import type { PacketItem } from './slice.ts';

/**
 * What a reviewer sees of a nomination: its fields without contact details or the papers' metrics (the metric part
 * is scored apart), and without the nominator where the campaign is blind (settings.scoring.blind). Pure.
 */
const NOT_FOR_REVIEWERS = new Set(['email', 'phone', 'citations', 'downloads', 'attention', 'metricsSource']);

/** What the packet needs of a campaign: its kind and whether reviewers are blind to who nominated. */
export interface PacketCampaign {
  readonly kind: CampaignKind;
  readonly settings: { readonly scoring?: { readonly blind: boolean } };
}

/** Blind unless set otherwise: a campaign replayed from a journal older than the setting has no `scoring` section. */
export const isBlind = (c: PacketCampaign): boolean => c.settings.scoring?.blind !== false;

export function valueText(v: FieldValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return (v as readonly string[]).join('、');
  const d = v as { start: string; end?: string };
  return d.end ? `${d.start} – ${d.end}` : d.start;
}

export function reviewerFields(c: PacketCampaign) {
  const blind = isBlind(c);
  return fieldsFor(c.kind).filter((f) => !NOT_FOR_REVIEWERS.has(f.id) && !f.identity && !(blind && f.id === 'nominator'));
}

export function packetItem(c: PacketCampaign, n: Nomination): PacketItem {
  const fields = effectiveFields(n).fields as Readonly<Record<string, FieldValue>>;
  return {
    id: n.id,
    label: labelOf(c.kind, n),
    fields: reviewerFields(c).map((f) => {
      // Every nominator of the item (one per source), unless corrected by hand.
      const text = f.id === 'nominator' && !(f.id in n.edits) ? nominatorsOf(n).join('、') : valueText(fields[f.id]);
      return { name: f.zh, nameEn: f.en, value: text.slice(0, 2000) };
    }),
  };
}
