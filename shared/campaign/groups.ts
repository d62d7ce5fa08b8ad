import { AppError } from '../contract/errors.ts';
import type { DisciplineGroup } from './model.ts';

/** What the command line says of a new discipline group (学科评审组). */
export interface GroupInput {
  readonly name: string;
  readonly nameEn?: string;
  readonly disciplines?: readonly string[];
  readonly leader?: string;
  readonly quotaShare?: number | null;
  readonly everyMemberScores?: boolean;
}

/** The first free id of the form g1, g2, … (the setup screen's ids are g-xxxxxx; both are just unique). */
export function nextGroupId(taken: readonly string[]): string {
  for (let i = 1; ; i++) if (!taken.includes(`g${i}`)) return `g${i}`;
}

/** A group found by its id or its name (either language); none or several is an error that says which. */
export function findGroup(groups: readonly DisciplineGroup[], ref: string): DisciplineGroup {
  const key = ref.trim();
  const byId = groups.find((g) => g.id === key);
  if (byId) return byId;
  const named = groups.filter((g) => g.name === key || (g.nameEn !== '' && g.nameEn.toLowerCase() === key.toLowerCase()));
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw new AppError('BAD_ARGUMENTS', `several groups are named "${key}": use the id (${named.map((g) => g.id).join(', ')})`, { values: { ref: key } });
  throw new AppError('NOT_FOUND', `no discipline group "${key}"; the groups are: ${groups.map((g) => `${g.id} ${g.name}`).join(', ') || 'none yet'}`, { values: { ref: key } });
}

/** The groups with one more; a name already taken is refused (people tell groups apart by name). */
export function addGroup(groups: readonly DisciplineGroup[], input: GroupInput): DisciplineGroup[] {
  const name = input.name.trim();
  if (groups.some((g) => g.name === name)) throw new AppError('BAD_ARGUMENTS', `a group named "${name}" exists already`, { values: { name } });
  const group: DisciplineGroup = {
    id: nextGroupId(groups.map((g) => g.id)),
    name,
    nameEn: input.nameEn?.trim() ?? '',
    disciplines: [...new Set((input.disciplines ?? []).map((d) => d.trim()).filter(Boolean))],
    leader: input.leader?.trim() ?? '',
    quotaShare: input.quotaShare ?? null,
    everyMemberScores: input.everyMemberScores ?? false,
  };
  return [...groups, group];
}

/** The groups without the one `ref` names. */
export function removeGroup(groups: readonly DisciplineGroup[], ref: string): DisciplineGroup[] {
  const gone = findGroup(groups, ref);
  return groups.filter((g) => g.id !== gone.id);
}

/** Disciplines split as people type lists: commas, 、 or semicolons. */
export function splitList(text: string): string[] {
  return text.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean);
}
