import type { CampaignKind } from '../campaign/model.ts';
import { effectiveFields, nominatorsOf } from '../nominations/merge.ts';
import type { FieldValue, Nomination } from '../nominations/record.ts';
import type { InstitutionMatch, InstitutionTable, Resolved } from './institutions.ts';
import type { Conflict, ConflictKind, ConflictReason, ConflictState, Expert } from './model.ts';

/**
 * Conflicts of interest (回避), per expert and nomination, each with its reason:
 *  - institution: the expert's institution is an author's (papers: the affiliation), an organiser's (conferences),
 *    the candidate's (talent) or the proposer's (topics);
 *  - author: the expert IS an author, the candidate, the proposer (name match). A common name (张伟), or a name whose
 *    institution disagrees, is "please confirm"; a name whose institution agrees is certain;
 *  - nominator: the expert's institution, or a society in which the expert holds office, nominated the item;
 *  - other: the expert is the candidate's mentor.
 * A doubtful institution match (similar names, an institute beside its academy) is "please confirm", which blocks
 * assignment until the secretary decides. The secretary's decisions (declared, dismissed, confirmed) are applied on top.
 *
 * Fast for 20,000 items × 200 experts: names are looked up in a map; institutions are compared once per pair of
 * DISTINCT institution names (items share few), never once per item × expert.
 */

export type PersonRole = 'author' | 'candidate' | 'proposer' | 'mentor';
export type InstitutionRole = 'author' | 'organiser' | 'candidate' | 'proposer';

/** What a nomination says about the people and institutions around it. */
export interface PanelItem {
  readonly id: string;
  readonly people: readonly { readonly name: string; readonly role: PersonRole; readonly institution: string }[];
  readonly institutions: readonly { readonly name: string; readonly role: InstitutionRole }[];
  readonly nominators: readonly string[];
}

const text = (v: FieldValue | undefined): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: FieldValue | undefined): string[] => (Array.isArray(v) ? [...(v as readonly string[])] : typeof v === 'string' && v ? [v] : []);
/** Several organisers in one cell: 中国化学会、北京大学; … */
const names = (v: FieldValue | undefined): string[] => list(v).flatMap((s) => s.split(/[、;；\n]+/)).map((s) => s.trim()).filter(Boolean);

/** A nomination's people, institutions and nominators, from its effective fields (hand edits over sources). */
export function panelItemOf(kind: CampaignKind, n: Nomination): PanelItem {
  const f = effectiveFields(n).fields;
  const nominators = nominatorsOf(n);
  switch (kind) {
    case 'papers': {
      const affiliation = text(f.affiliation);
      const first = text(f.firstAuthor);
      const authors = [...new Set([first, ...list(f.authors), ...list(f.correspondingAuthor)].filter(Boolean))];
      const people = authors.map((name) => ({ name, role: 'author' as const, institution: name === first || (authors[0] === name && !first) ? affiliation : '' }));
      return { id: n.id, people, institutions: affiliation ? [{ name: affiliation, role: 'author' }] : [], nominators };
    }
    case 'conferences':
      return { id: n.id, people: [], institutions: [...names(f.organiser), ...names(f.coOrganiser)].map((name) => ({ name, role: 'organiser' as const })), nominators };
    case 'talent': {
      const inst = text(f.institution);
      const people = [{ name: text(f.name), role: 'candidate' as const, institution: inst }, { name: text(f.mentor), role: 'mentor' as const, institution: '' }].filter((p) => p.name);
      return { id: n.id, people, institutions: inst ? [{ name: inst, role: 'candidate' }] : [], nominators };
    }
    case 'topics': {
      const inst = text(f.institution);
      const people = text(f.proposer) ? [{ name: text(f.proposer), role: 'proposer' as const, institution: inst }] : [];
      return { id: n.id, people, institutions: inst ? [{ name: inst, role: 'proposer' }] : [], nominators };
    }
  }
}

/**
 * The most frequent Chinese full names (national name statistics): a match on one of them says little. Two-character
 * names and names in Latin letters are treated as common too (many namesakes; pinyin loses the characters).
 */
export const COMMON_NAMES: readonly string[] = [
  '张伟', '王伟', '王芳', '李伟', '李娜', '张敏', '李静', '王静', '刘伟', '王秀英', '张丽', '李秀英', '王丽', '张静', '张秀英',
  '李强', '王敏', '李敏', '王磊', '刘洋', '王艳', '王勇', '李军', '张勇', '李杰', '张杰', '张磊', '王强', '李娟', '王军', '张艳',
  '张涛', '王涛', '李艳', '王超', '李明', '李勇', '王娟', '刘杰', '刘敏', '李霞', '李丽', '张军', '王杰', '张强', '王秀兰', '王刚',
  '王平', '刘芳', '张燕', '刘艳', '刘军', '李平', '王辉', '王燕', '陈静', '刘勇', '李玲', '李桂英', '王丹', '李刚', '李丹', '李萍',
  '王鹏', '刘涛', '陈伟', '张华', '刘静', '李涛', '王桂英', '张秀兰', '李红', '李超', '刘丽', '张桂英', '王玉兰', '李燕', '张鹏',
  '李秀兰', '张超', '王玲', '张玲', '李华', '王飞', '张玉兰', '王桂兰', '王英', '刘强', '陈秀英', '李英', '李辉', '李梅', '陈勇',
  '王鑫', '李芳', '张桂兰', '李波', '杨勇', '王霞', '李桂兰', '王斌', '李鹏', '张平', '张莉', '张辉', '张宇', '刘娟', '李斌',
];

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

/** A person's name in comparable form: Chinese without spaces or marks (张伟*, 张 伟¹); Latin words in order of letters. */
export function nameKey(name: string): string {
  const s = name.normalize('NFKC').toLowerCase();
  if (CJK.test(s)) return s.replace(/[^\u3400-\u9fff\uf900-\ufaff·]/g, '');
  return (s.match(/[a-z]+/g) ?? []).sort().join(' ');
}

export function isCommonName(key: string, common: ReadonlySet<string>): boolean {
  if (!key) return false;
  if (CJK.test(key)) return key.length <= 2 || common.has(key);
  return true;
}

export interface DetectInput {
  readonly items: readonly PanelItem[];
  readonly experts: readonly Expert[];
  readonly table: InstitutionTable;
  /** Decisions people made: declared conflicts, dismissed ones, doubtful ones confirmed (state detected). */
  readonly decisions?: readonly Conflict[];
  readonly commonNames?: readonly string[];
}

const ROLE_KIND: Readonly<Record<PersonRole, ConflictKind>> = { author: 'author', candidate: 'author', proposer: 'author', mentor: 'other' };

export function detectConflicts(input: DetectInput): Conflict[] {
  const { table } = input;
  const experts = [...input.experts].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const common = new Set((input.commonNames ?? COMMON_NAMES).map(nameKey));
  const expertInst: Resolved[] = experts.map((e) => table.resolve(e.institution || e.department));

  // Distinct expert institutions (by resolved key), each with its experts.
  const instGroups = new Map<string, { resolved: Resolved; experts: number[] }>();
  experts.forEach((_, j) => {
    const r = expertInst[j]!;
    if (!r.key) return;
    const g = instGroups.get(r.key);
    if (g) g.experts.push(j);
    else instGroups.set(r.key, { resolved: r, experts: [j] });
  });
  const groups = [...instGroups.values()];
  /** For a distinct institution name: the expert institutions it is the same as or uncertain with. */
  const relCache = new Map<string, { match: InstitutionMatch; experts: number[] }[]>();
  // Keyed by the resolved institution, so the many ways of writing one (departments, addresses) are compared once.
  const related = (name: string): { match: InstitutionMatch; experts: number[] }[] => {
    const r = table.resolve(name);
    let hit = relCache.get(r.key);
    if (hit) return hit;
    hit = [];
    if (r.key) {
      for (const g of groups) {
        const m = table.matchResolved(r, g.resolved);
        if (m.result !== 'different') hit.push({ match: m, experts: g.experts });
      }
    }
    relCache.set(r.key, hit);
    return hit;
  };
  // Offices: distinct society names.
  const officeHolders = new Map<string, { name: string; experts: number[] }>();
  experts.forEach((e, j) => {
    for (const o of e.offices) {
      const k = o.trim();
      if (!k) continue;
      const h = officeHolders.get(k);
      if (h) h.experts.push(j);
      else officeHolders.set(k, { name: k, experts: [j] });
    }
  });
  const officeCache = new Map<string, { match: InstitutionMatch; society: string; experts: number[] }[]>();
  const officesFor = (nominator: string): { match: InstitutionMatch; society: string; experts: number[] }[] => {
    let hit = officeCache.get(nominator);
    if (hit) return hit;
    hit = [];
    for (const h of officeHolders.values()) {
      const m = table.match(h.name, nominator);
      if (m.result !== 'different') hit.push({ match: m, society: h.name, experts: h.experts });
    }
    officeCache.set(nominator, hit);
    return hit;
  };
  const byName = new Map<string, number[]>();
  experts.forEach((e, j) => {
    const k = nameKey(e.name);
    if (!k) return;
    const l = byName.get(k);
    if (l) l.push(j);
    else byName.set(k, [j]);
  });

  const out: Conflict[] = [];
  const items = [...input.items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const it of items) {
    // (expert, kind) → the strongest conflict found so far.
    const found = new Map<string, Conflict>();
    const add = (j: number, kind: ConflictKind, state: ConflictState, reason: ConflictReason): void => {
      const k = `${j}\u0000${kind}`;
      const had = found.get(k);
      if (had && (had.state === 'detected' || state === 'confirm')) return;
      found.set(k, { itemId: it.id, expertId: experts[j]!.id, kind, reason, state, note: '' });
    };
    const sameInstitutions = new Set<number>();
    for (const inst of it.institutions) {
      for (const rel of related(inst.name)) {
        for (const j of rel.experts) {
          const values = { institution: inst.name, expertInstitution: experts[j]!.institution || experts[j]!.department, role: inst.role };
          if (rel.match.result === 'same') {
            sameInstitutions.add(j);
            add(j, 'institution', 'detected', { code: 'SAME_INSTITUTION', values });
          } else add(j, 'institution', 'confirm', { code: 'SIMILAR_INSTITUTION', values: { ...values, why: rel.match.reason.code } });
        }
      }
    }
    for (const p of it.people) {
      const key = nameKey(p.name);
      const hits = key ? byName.get(key) : undefined;
      if (!hits) continue;
      for (const j of hits) {
        const kind = ROLE_KIND[p.role];
        const own = p.institution ? table.matchResolved(table.resolve(p.institution), expertInst[j]!).result : null;
        const agrees = own === 'same' || (own === null && sameInstitutions.has(j));
        const values = { name: p.name, role: p.role, institutionAgrees: agrees };
        if (agrees) add(j, kind, 'detected', { code: 'SAME_NAME', values });
        else if (isCommonName(key, common)) add(j, kind, 'confirm', { code: 'COMMON_NAME', values });
        else add(j, kind, own === 'different' || own === 'uncertain' ? 'confirm' : 'detected', { code: 'SAME_NAME', values });
      }
    }
    for (const nominator of it.nominators) {
      for (const rel of related(nominator)) {
        for (const j of rel.experts) {
          const state = rel.match.result === 'same' ? 'detected' : 'confirm';
          add(j, 'nominator', state, { code: 'INSTITUTION_NOMINATES', values: { nominator, expertInstitution: experts[j]!.institution, match: rel.match.reason.code } });
        }
      }
      for (const o of officesFor(nominator)) {
        for (const j of o.experts) {
          add(j, 'nominator', o.match.result === 'same' ? 'detected' : 'confirm', { code: 'OFFICE_IN_NOMINATOR', values: { nominator, society: o.society, match: o.match.reason.code } });
        }
      }
    }
    const list = [...found.values()].sort((a, b) => (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
    out.push(...list);
  }
  return applyDecisions(out, input.decisions ?? []);
}

const decisionKey = (c: Pick<Conflict, 'itemId' | 'expertId' | 'kind' | 'reason'>): string => `${c.itemId}\u0000${c.expertId}\u0000${c.kind}\u0000${c.reason.code}`;

/**
 * People's decisions over what the rules found: a dismissal or a confirmation holds for the same item, expert, kind
 * and reason (if the rules later find another reason, it is a new question); declared conflicts always stand.
 */
export function applyDecisions(detected: readonly Conflict[], decisions: readonly Conflict[]): Conflict[] {
  const byKey = new Map<string, Conflict>();
  const declared: Conflict[] = [];
  for (const d of decisions) {
    if (d.state === 'declared') declared.push(d);
    else if (d.state === 'dismissed' || d.state === 'detected') byKey.set(decisionKey(d), d);
  }
  const out = detected.map((c) => {
    const d = byKey.get(decisionKey(c));
    return d ? { ...c, state: d.state, note: d.note, ...(d.decided ? { decided: d.decided } : {}) } : c;
  });
  const seen = new Set(out.map((c) => `${c.itemId}\u0000${c.expertId}\u0000${c.kind}`));
  for (const d of declared) {
    const k = `${d.itemId}\u0000${d.expertId}\u0000${d.kind}`;
    if (!seen.has(k)) {
      seen.add(k);
      out.push(d);
    }
  }
  return out;
}
