import { describe, expect, it } from 'vitest';
import type { CampaignKind } from '../campaign/model.ts';
import type { FieldValue, Nomination } from '../nominations/record.ts';
import { applyDecisions, detectConflicts, nameKey, panelItemOf, type PanelItem } from './conflicts.ts';
import { InstitutionTable } from './institutions.ts';
import type { Conflict, Expert } from './model.ts';

const table = new InstitutionTable();

function nomination(id: string, fields: Record<string, FieldValue>, nominators: string[] = ['中国物理学会']): Nomination {
  return {
    id, key: id, edits: {}, override: null, distinctFrom: [], createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
    sources: nominators.map((nominator, i) => ({ importId: `i${i}`, file: 'f.xlsx', sha256: '', sheet: 'S', row: 2, nominator, fields: i === 0 ? fields : {}, extra: [], at: '' })),
  };
}

function expert(id: string, name: string, institution: string, offices: string[] = []): Expert {
  return { id, name, institution, department: '', title: '教授', disciplines: ['物理学'], offices, phone: '', email: '', groupId: 'g' };
}

const detect = (kind: CampaignKind, noms: Nomination[], experts: Expert[], decisions: Conflict[] = []): Conflict[] =>
  detectConflicts({ items: noms.map((n) => panelItemOf(kind, n)), experts, table, decisions });
const brief = (cs: Conflict[]): string[] => cs.map((c) => `${c.itemId} ${c.expertId} ${c.kind} ${c.reason.code} ${c.state}`);

describe('panelItemOf', () => {
  it('reads authors and affiliation (papers), organisers (conferences), candidate and mentor (talent), proposer (topics)', () => {
    const p = panelItemOf('papers', nomination('p', { authors: ['张三', '李四'], firstAuthor: '张三', correspondingAuthor: ['王五'], affiliation: '清华大学物理系' }, ['中国物理学会', '北京大学']));
    expect(p.people).toEqual([
      { name: '张三', role: 'author', institution: '清华大学物理系' }, { name: '李四', role: 'author', institution: '' }, { name: '王五', role: 'author', institution: '' },
    ]);
    expect(p.institutions).toEqual([{ name: '清华大学物理系', role: 'author' }]);
    expect(p.nominators).toEqual(['中国物理学会', '北京大学']);
    expect(panelItemOf('conferences', nomination('c', { organiser: '清华大学、中国化学会', coOrganiser: 'PKU' })).institutions.map((i) => i.name)).toEqual(['清华大学', '中国化学会', 'PKU']);
    expect(panelItemOf('talent', nomination('t', { name: '赵六', institution: '北航', mentor: '钱七' })).people.map((x) => x.role)).toEqual(['candidate', 'mentor']);
    expect(panelItemOf('topics', nomination('x', { proposer: '孙八', institution: '北师大' })).institutions).toEqual([{ name: '北师大', role: 'proposer' }]);
  });
});

describe('detectConflicts', () => {
  it('same institution as an author, under another name and through a department', () => {
    const cs = detect('papers', [nomination('n1', { authors: ['A'], affiliation: 'Department of Physics, Peking University' })], [expert('e1', '孙悟空', '北大'), expert('e2', '猪八戒', '清华大学')]);
    expect(brief(cs)).toEqual(['n1 e1 institution SAME_INSTITUTION detected']);
    expect(cs[0]!.reason.values).toEqual({ institution: 'Department of Physics, Peking University', expertInstitution: '北大', role: 'author' });
  });

  it('a doubtful institution match asks to confirm', () => {
    const cs = detect('papers', [nomination('n1', { authors: ['A'], affiliation: '中国石油大学（华东）' })], [expert('e1', '沙悟净', '中国石油大学（北京）')]);
    expect(brief(cs)).toEqual(['n1 e1 institution SIMILAR_INSTITUTION confirm']);
    expect(cs[0]!.reason.values.why).toBe('SIMILAR_NAME');
  });

  it('the organiser of a conference and the candidate\'s unit count as institutions', () => {
    expect(brief(detect('conferences', [nomination('c1', { organiser: '中国科学院物理研究所、中国物理学会' })], [expert('e1', '唐三藏', 'IOP CAS')]))).toEqual(['c1 e1 institution SAME_INSTITUTION detected']);
    expect(brief(detect('talent', [nomination('t1', { name: '白龙马', institution: 'Tsinghua University' })], [expert('e1', '唐三藏', 'THU')]))).toEqual(['t1 e1 institution SAME_INSTITUTION detected']);
  });

  it('a common name asks to confirm; the same institution makes it certain; a rare name is taken as is', () => {
    const noms = [
      nomination('n1', { authors: ['王小明', '张伟'], firstAuthor: '王小明', affiliation: '复旦大学' }),
      nomination('n2', { authors: ['张伟'], firstAuthor: '张伟', affiliation: '清华大学化学系' }),
      nomination('n3', { authors: ['欧阳明远', 'B'], affiliation: '' }),
      nomination('n4', { authors: ['欧阳明远'], firstAuthor: '欧阳明远', affiliation: '复旦大学' }),
    ];
    const cs = detect('papers', noms, [expert('e1', '张 伟', '清华大学'), expert('e2', '欧阳明远', '北京大学')]);
    expect(brief(cs)).toEqual([
      'n1 e1 author COMMON_NAME confirm',
      'n2 e1 author SAME_NAME detected',
      'n2 e1 institution SAME_INSTITUTION detected',
      'n3 e2 author SAME_NAME detected',
      'n4 e2 author SAME_NAME confirm',
    ]);
    expect(cs[1]!.reason.values).toEqual({ name: '张伟', role: 'author', institutionAgrees: true });
  });

  it('the candidate himself, and his mentor', () => {
    const cs = detect('talent', [nomination('t1', { name: '诸葛明亮', institution: '北航', mentor: '司马懿德' })], [expert('e1', '诸葛明亮', 'BUAA'), expert('e2', '司马懿德', '北京理工大学')]);
    expect(brief(cs)).toEqual(['t1 e1 author SAME_NAME detected', 't1 e1 institution SAME_INSTITUTION detected', 't1 e2 other SAME_NAME detected']);
  });

  it('the expert\'s institution or a society where the expert holds office nominated the item', () => {
    const noms = [nomination('n1', { authors: ['A'] }, ['北京大学']), nomination('n2', { authors: ['B'] }, ['中国化学会']), nomination('n3', { authors: ['C'] }, ['中国化工学会'])];
    const cs = detect('papers', noms, [expert('e1', '甲', 'Peking University'), expert('e2', '乙', '清华大学', ['中国化学会'])]);
    expect(brief(cs)).toEqual(['n1 e1 nominator INSTITUTION_NOMINATES detected', 'n2 e2 nominator OFFICE_IN_NOMINATOR detected']);
  });

  it('applies dismissals, confirmations and declarations on top', () => {
    const noms = [nomination('n1', { authors: ['A'], affiliation: '清华大学' }), nomination('n2', { authors: ['B'], affiliation: '中国石油大学（华东）' })];
    const experts = [expert('e1', '甲', 'THU'), expert('e2', '乙', '中国石油大学（北京）')];
    const first = detect('papers', noms, experts);
    const decisions: Conflict[] = [
      { ...first[0]!, state: 'dismissed', note: '已调离' },
      { ...first[1]!, state: 'detected', note: '确认为同一单位' },
      { itemId: 'n2', expertId: 'e1', kind: 'declared', reason: { code: 'DECLARED', values: { by: 'expert', text: '合作者' } }, state: 'declared', note: '' },
      { itemId: 'n1', expertId: 'e2', kind: 'institution', reason: { code: 'SIMILAR_INSTITUTION', values: {} }, state: 'dismissed', note: 'stale' },
    ];
    const cs = detect('papers', noms, experts, decisions);
    expect(cs.map((c) => `${c.itemId} ${c.expertId} ${c.state} ${c.note}`)).toEqual(['n1 e1 dismissed 已调离', 'n2 e2 detected 确认为同一单位', 'n2 e1 declared ']);
    // A dismissal answers one reason: when the rules find another, the question comes back.
    expect(applyDecisions([{ ...first[0]!, reason: { code: 'SIMILAR_INSTITUTION', values: {} }, state: 'confirm' }], decisions)[0]!.state).toBe('confirm');
  });

  it('finds what a plain pairwise check finds, on many items and experts', () => {
    let x = 5;
    const rnd = (): number => ((x = (x * 1103515245 + 12345) % 2 ** 31), x / 2 ** 31);
    const insts = ['清华大学', 'THU', 'Peking University', '北大化学学院', '中科院物理所', 'IOP CAS', '北京某大学第3学院', '北京某大学', '中国石油大学（华东）', '中国石油大学（北京）', '中国科学院', '复旦大学', ''];
    const people = ['张伟', '王芳', '欧阳明远', '李四', '赵六'];
    const societies = ['中国化学会', '中国物理学会', '北京大学', '中国化工学会'];
    const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const items: PanelItem[] = Array.from({ length: 400 }, (_, i) => ({
      id: `n${String(i).padStart(3, '0')}`,
      people: [{ name: pickOf(people), role: 'author', institution: pickOf(insts) }],
      institutions: [{ name: pickOf(insts), role: 'author' }],
      nominators: [pickOf(societies)],
    }));
    const experts = Array.from({ length: 30 }, (_, j) => expert(`e${String(j).padStart(2, '0')}`, pickOf(people), pickOf(insts), rnd() < 0.3 ? [pickOf(societies)] : []));
    const fast = detectConflicts({ items, experts, table });
    const slow: string[] = [];
    for (const it of items) {
      for (const e of experts) {
        const inst = it.institutions.map((i) => table.match(i.name, e.institution).result);
        if (inst.includes('same')) slow.push(`${it.id} ${e.id} institution detected`);
        else if (inst.includes('uncertain')) slow.push(`${it.id} ${e.id} institution confirm`);
        const nom = [...it.nominators.map((n) => table.match(e.institution, n).result), ...it.nominators.flatMap((n) => e.offices.map((o) => table.match(o, n).result))];
        if (nom.includes('same')) slow.push(`${it.id} ${e.id} nominator detected`);
        else if (nom.includes('uncertain')) slow.push(`${it.id} ${e.id} nominator confirm`);
        if (it.people.some((p) => nameKey(p.name) === nameKey(e.name))) slow.push(`${it.id} ${e.id} author`);
      }
    }
    const got = fast.map((c) => (c.kind === 'author' ? `${c.itemId} ${c.expertId} author` : `${c.itemId} ${c.expertId} ${c.kind} ${c.state}`));
    expect(got.sort()).toEqual(slow.sort());
    expect(got.length).toBeGreaterThan(400);
  });
});
