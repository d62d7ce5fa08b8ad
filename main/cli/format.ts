import type { CampaignView } from '../../shared/contract/index.ts';
import type { CampaignSummary } from '../../shared/campaign/campaign.ts';
import { weightSum } from '../../shared/scoring/total.ts';

/** Plain-text views for people at a terminal; scripts use --json. */
export function formatCampaignList(campaigns: readonly CampaignSummary[]): string {
  if (campaigns.length === 0) return 'No campaigns yet. Create one: paneldesk campaign create --template conferences --name NAME --year YEAR';
  return campaigns.map((c) => `${c.id}  ${c.year}  ${c.kind.padEnd(11)} ${c.status.padEnd(11)} ${c.name}`).join('\n');
}

function flatten(value: unknown, prefix: string, out: string[]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.push(`  ${prefix} = ${JSON.stringify(value)}`);
  }
}

export function formatCampaign(c: CampaignView): string {
  const lines = [`${c.name} (${c.id})`, `  kind ${c.kind}, year ${c.year}, status ${c.status}`, 'Criteria:'];
  for (const cr of c.criteria) {
    lines.push(`  ${cr.id.padEnd(22)} ${String(cr.weight).padStart(5)}  ${cr.min}–${cr.max} step ${cr.step}  ${cr.name} / ${cr.nameEn}${cr.toConfirm ? '  (weight to confirm)' : ''}`);
  }
  lines.push(`  total ${weightSum(c.criteria)}`);
  if (c.groups.length > 0) {
    lines.push('Discipline groups:');
    for (const g of c.groups) lines.push(`  ${g.id}  ${g.name}  [${g.disciplines.join(', ')}]  leader ${g.leader || '—'}  quota ${g.quotaShare ?? '—'}`);
  }
  lines.push('Settings:');
  flatten(c.settings, '', lines);
  for (const w of c.warnings) lines.push(`Warning: ${w.code} ${JSON.stringify(w.values)}`);
  return lines.join('\n');
}

export function formatImportReport(r: { sheets: readonly { sheet: string; imported: number; updated: number; unchanged: number; rejected: number; duplicates: number }[]; issues: readonly { sheet: string; row: number; column: string; field: string; code: string; message: string; severity: string }[] }): string {
  const lines = r.sheets.map((s) =>
    s.imported === 0 && s.updated === 0 && s.unchanged > 0
      ? `Sheet "${s.sheet}": nothing changed — its ${s.unchanged} nominations were already imported${s.rejected ? ` (${s.rejected} rows rejected)` : ''}.`
      : `Sheet "${s.sheet}": ${s.imported} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.duplicates} repeated, ${s.rejected} rejected.`);
  for (const i of r.issues) lines.push(`  ${i.severity === 'error' ? 'error  ' : 'warning'} ${`${i.sheet}!${i.column}${i.row}`.padEnd(12)} ${i.code.padEnd(16)} ${i.message}`);
  return lines.join('\n');
}

export function formatNominationList(items: readonly { id: string; title: string; discipline: string | null; nominators: readonly string[]; status: string; reasons: readonly { code: string; field?: string }[] }[]): string {
  if (items.length === 0) return 'No nominations yet. Import a workbook: paneldesk nominations import FILE --campaign ID';
  return items
    .map((n) => `${n.id}  ${n.status.padEnd(10)} ${n.title}  [${n.discipline ?? '—'}]  ${n.nominators.join('; ')}${n.reasons.length ? `\n    ${n.reasons.map((r) => (r.field ? `${r.code}(${r.field})` : r.code)).join(', ')}` : ''}`)
    .join('\n');
}
