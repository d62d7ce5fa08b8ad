import type { CampaignKind } from '../campaign/model.ts';
import { fieldsFor } from '../nominations/fields.ts';
import type { FieldValue } from '../nominations/map-rows.ts';
import { effectiveFields, labelOf } from '../nominations/merge.ts';
import type { Nomination } from '../nominations/record.ts';
import type { PacketItem } from './slice.ts';

/**
 * What a reviewer sees of a nomination: its fields without the nominator (the sheet is blind to who nominated),
 * contact details or the papers' metrics (the metric part is scored apart). Pure.
 */
const NOT_FOR_REVIEWERS = new Set(['nominator', 'email', 'phone', 'citations', 'downloads', 'attention', 'metricsSource']);

export function valueText(v: FieldValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return (v as readonly string[]).join('、');
  const d = v as { start: string; end?: string };
  return d.end ? `${d.start} – ${d.end}` : d.start;
}

export function reviewerFields(kind: CampaignKind) {
  return fieldsFor(kind).filter((f) => !NOT_FOR_REVIEWERS.has(f.id) && !f.identity);
}

export function packetItem(kind: CampaignKind, n: Nomination): PacketItem {
  const fields = effectiveFields(n).fields as Readonly<Record<string, FieldValue>>;
  return {
    id: n.id,
    label: labelOf(kind, n),
    fields: reviewerFields(kind).map((f) => ({ name: f.zh, nameEn: f.en, value: valueText(fields[f.id]).slice(0, 2000) })),
  };
}
