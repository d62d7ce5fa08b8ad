import type { Campaign } from '../campaign/campaign.ts';
import type { DisciplineGroup } from '../campaign/model.ts';
import { effectiveFields, labelOf } from '../nominations/merge.ts';
import { rowOf } from '../nominations/list.ts';
import type { Nomination } from '../nominations/record.ts';
import { normaliseKeyText } from '../nominations/values.ts';
import { defaultLoads } from './assign.ts';
import type { Expert } from './model.ts';

/** A nomination as the panel sees it: to be reviewed unless the formal check found it ineligible. */
export interface PanelNomination {
  readonly id: string;
  readonly label: string;
  readonly discipline: string;
  readonly groupId: string | null;
  readonly nomination: Nomination;
}

/** The discipline group of a discipline (compared loosely), or null. */
export function groupOfDiscipline(groups: readonly DisciplineGroup[], discipline: string): DisciplineGroup | null {
  const k = normaliseKeyText(discipline);
  if (!k) return null;
  return groups.find((g) => g.disciplines.some((d) => normaliseKeyText(d) === k)) ?? null;
}

export function disciplineOf(n: Nomination): string {
  const f = effectiveFields(n).fields;
  if (typeof f.discipline === 'string') return f.discipline;
  if (Array.isArray(f.disciplines) && typeof f.disciplines[0] === 'string') return f.disciplines[0];
  return '';
}

/** The nominations to assign (not ineligible on `today`), with their discipline and group. */
export function panelNominations(campaign: Campaign, nominations: readonly Nomination[], today: string): PanelNomination[] {
  const out: PanelNomination[] = [];
  for (const n of nominations) {
    if (rowOf(campaign, n, [], today).status === 'ineligible') continue;
    const discipline = disciplineOf(n);
    out.push({ id: n.id, label: labelOf(campaign.kind, n), discipline, groupId: groupOfDiscipline(campaign.groups, discipline)?.id ?? null, nomination: n });
  }
  return out;
}

/** Each expert's load limits as the assignment sets them: by hand, or the rule over their group (every member: all). */
export function loadLimits(campaign: Campaign, items: readonly PanelNomination[], experts: readonly Expert[], perItem: number): Map<string, { min: number; max: number }> {
  const slack = campaign.settings.assignment.loadSlack;
  const out = new Map<string, { min: number; max: number }>();
  const count = <T>(l: readonly T[], g: (x: T) => string | null): Map<string | null, number> => {
    const m = new Map<string | null, number>();
    for (const x of l) m.set(g(x), (m.get(g(x)) ?? 0) + 1);
    return m;
  };
  const itemsIn = count(items, (i) => i.groupId);
  const membersIn = count(experts, (e) => e.groupId);
  for (const e of experts) {
    const g = e.groupId ? campaign.groups.find((x) => x.id === e.groupId) : undefined;
    if (!g) {
      out.set(e.id, { min: 0, max: 0 });
      continue;
    }
    const n = itemsIn.get(g.id) ?? 0;
    const members = membersIn.get(g.id) ?? 0;
    const d = g.everyMemberScores ? { min: n, max: n } : defaultLoads(n, members, perItem, slack);
    out.set(e.id, { min: e.minLoad ?? d.min, max: e.maxLoad ?? d.max });
  }
  return out;
}
