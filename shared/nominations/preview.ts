import type { CampaignKind } from '../campaign/model.ts';
import type { ImportPreview, PreviewRow } from '../contract/nominations.ts';
import { cellText, columnLetter, type ColumnMapping } from './header.ts';
import type { ImportIssue, MapRowsResult, NearMatchResult } from './map-rows.ts';
import { nearEntry, nearYear } from './list.ts';
import { effectiveFields, labelOf, type MergeResult } from './merge.ts';
import type { Nomination } from './record.ts';

/** What a preview shows, shaped from the mapped rows and the merge it would make: pure, so it is tested beside it. */

/** The first `limit` rows of the file in order, each with its fate; a rejected row with its mapped cells as written. */
export function previewRows(rows: readonly (readonly unknown[])[], headerRow: number | null, mapping: ColumnMapping, mapped: MapRowsResult, merge: MergeResult, limit: number | undefined): PreviewRow[] {
  const fateByRow = new Map(merge.fates.map((f) => [f.row, f]));
  const draftsByRow = new Map(mapped.items.map((d) => [d.source.row, d]));
  const rejectedRows = new Set<number>();
  for (const i of mapped.issues) if (i.severity === 'error' && headerRow !== null && i.row > headerRow + 1 && !draftsByRow.has(i.row)) rejectedRows.add(i.row);
  const allRows = [...draftsByRow.keys(), ...rejectedRows].sort((a, b) => a - b);
  return allRows.slice(0, limit).map((row) => {
    const d = draftsByRow.get(row);
    const f = fateByRow.get(row);
    if (d) return { row, fields: Object.fromEntries(Object.entries(d.fields)), fate: f ? f.fate : 'rejected' };
    // A rejected row has no parsed fields: its mapped cells as written, so the secretary sees the row.
    const raw = rows[row - 1] ?? [];
    const cells = Object.fromEntries(mapping.flatMap((field, c) => {
      const text = field ? cellText(raw[c]).trim() : '';
      return text ? [[columnLetter(c), text.length > 200 ? `${text.slice(0, 200)}…` : text]] : [];
    }));
    return { row, fields: {}, cells, fate: 'rejected' as const };
  });
}

/** The near-match search's entries for a preview: the campaign's nominations, then the file's rows (search `from` the first of these). */
export function nearEntries(kind: CampaignKind, existing: readonly Nomination[], mapped: MapRowsResult): { text: string; key: string; year?: number }[] {
  const out: { text: string; key: string; year?: number }[] = [];
  for (const x of existing) out.push(nearEntry(labelOf(kind, x), x.key, nearYear(kind, effectiveFields(x).fields)));
  for (const d of mapped.items) out.push(nearEntry(d.label, d.key, nearYear(kind, d.fields)));
  return out;
}

/** The most alike near matches of the file's rows, as many as the wizard lists (pairs only with a row of the file). */
export function previewNear(existing: readonly Nomination[], entries: readonly { text: string }[], mapped: MapRowsResult, found: NearMatchResult, limit: number | undefined): ImportPreview['nearMatches'][number][] {
  const near: ImportPreview['nearMatches'][number][] = [];
  for (const { a, b, similarity } of found.pairs.slice(0, limit)) {
    const draft = mapped.items[b - existing.length]!;
    near.push({ row: draft.source.row, label: draft.label, otherId: a < existing.length ? existing[a]!.id : null, otherLabel: entries[a]!.text, similarity });
  }
  return near;
}

export function previewTotals(mapped: MapRowsResult, merge: MergeResult): ImportPreview['totals'] {
  const count: Record<string, number> = {};
  for (const f of merge.fates) count[f.fate] = (count[f.fate] ?? 0) + 1;
  const isNew = count.new ?? 0;
  return {
    rows: mapped.items.length + mapped.rejected,
    good: mapped.items.length,
    rejected: mapped.rejected,
    skipped: mapped.skipped,
    new: isNew,
    existing: mapped.items.length - isNew - (count.duplicate ?? 0),
  };
}

/** A row of a society's sheet that needs fixing (main/nominations/export.ts writes them). */
export interface ProblemRow {
  readonly row: number;
  readonly cells: readonly unknown[];
  readonly rejected: boolean;
  readonly issues: readonly ImportIssue[];
}

/** The rows below the header with problems, in order, each with its cells as written and its issues. */
export function problemRows(rows: readonly (readonly unknown[])[], headerRow: number | null, issues: readonly ImportIssue[]): ProblemRow[] {
  const byRow = new Map<number, ImportIssue[]>();
  for (const i of issues) {
    if (headerRow !== null && i.row <= headerRow + 1) continue;
    const l = byRow.get(i.row);
    if (l) l.push(i);
    else byRow.set(i.row, [i]);
  }
  return [...byRow.entries()]
    .sort(([a], [b]) => a - b)
    .map(([row, list]) => ({ row, cells: rows[row - 1] ?? [], rejected: list.some((i) => i.severity === 'error'), issues: list }));
}
