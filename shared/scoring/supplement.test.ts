import { describe, expect, it } from 'vitest';
import { eligibleExperts, shortItems, shortReasonText, shortText, type ShortInput } from './supplement.ts';

const pairs = (list: string): { itemId: string; expertId: string }[] =>
  list.split(' ').filter(Boolean).map((p) => {
    const [itemId, expertId] = p.split(':') as [string, string];
    return { itemId, expertId };
  });

// Three nominations, four experts, K = 2.
const base: ShortInput = {
  perItem: 2,
  itemIds: ['n1', 'n2', 'n3'],
  expertIds: ['a', 'b', 'c', 'd'],
  assignments: pairs('n1:a n1:b n2:a n2:c n3:b n3:c'),
  recusals: [],
  blocking: [],
};

describe('nominations short of reviewers', () => {
  it('none when every nomination has K reviewers who can score', () => {
    expect(shortItems(base)).toEqual([]);
  });

  it('a recusal leaves its nomination one short; the others stand', () => {
    const s = shortItems({ ...base, recusals: pairs('n1:b') });
    expect(s.map((x) => [x.itemId, x.have, x.need])).toEqual([['n1', 1, 2]]);
    expect(s[0]!.reasons).toEqual([{ code: 'RECUSED', expertId: 'b' }]);
  });

  it('a conflict found after the assignment counts like a recusal', () => {
    const s = shortItems({ ...base, blocking: pairs('n3:c') });
    expect(s.map((x) => x.itemId)).toEqual(['n3']);
    expect(s[0]!.reasons).toEqual([{ code: 'CONFLICT', expertId: 'c' }]);
  });

  it('too few assigned says so; a nomination nobody was assigned to is not listed', () => {
    const s = shortItems({ ...base, itemIds: [...base.itemIds, 'n4', 'n5'], assignments: [...base.assignments, ...pairs('n4:d')] });
    expect(s.map((x) => x.itemId)).toEqual(['n4']);
    expect(s[0]!.reasons).toEqual([{ code: 'FEW_ASSIGNED', assigned: 1 }]);
  });

  it('an added reviewer (the supplementary sheet\'s assignment) makes it whole again', () => {
    const input = { ...base, recusals: pairs('n1:b'), assignments: [...base.assignments, ...pairs('n1:d')] };
    expect(shortItems(input)).toEqual([]);
  });

  it('experts removed from the panel do not count', () => {
    const s = shortItems({ ...base, expertIds: ['a', 'c', 'd'] });
    expect(s.map((x) => [x.itemId, x.have])).toEqual([['n1', 1], ['n3', 1]]);
  });
});

describe('who may take the missing place', () => {
  it('not assigned already, not conflicted, not recused; least loaded first, then panel order', () => {
    const input = { ...base, recusals: pairs('n1:b'), blocking: pairs('n1:c') };
    expect(eligibleExperts(input, 'n1')).toEqual([{ expertId: 'd', load: 0 }]);
    // n2 (a, c assigned): b and d; d carries nothing, b two.
    expect(eligibleExperts(base, 'n2').map((e) => e.expertId)).toEqual(['d', 'b']);
    const s = shortItems(input);
    expect(s[0]!.eligible.map((e) => e.expertId)).toEqual(['d']);
  });

  it('nobody when the whole panel is assigned or conflicted', () => {
    const input = { ...base, recusals: pairs('n1:b'), blocking: pairs('n1:c n1:d') };
    expect(shortItems(input)[0]!.eligible).toEqual([]);
  });
});

describe('in words', () => {
  const who = (id: string) => `专家${id.toUpperCase()}`;
  it('every reason in both languages', () => {
    expect(shortReasonText({ code: 'RECUSED', expertId: 'b' }, 'zh-CN', who)).toBe('专家B在评分表上声明回避（利益冲突）');
    expect(shortReasonText({ code: 'RECUSED', expertId: 'b' }, 'en', who)).toMatch(/^专家B recused/);
    expect(shortReasonText({ code: 'CONFLICT', expertId: 'c' }, 'en', who)).toMatch(/conflict of interest/);
    expect(shortReasonText({ code: 'FEW_ASSIGNED', assigned: 1 }, 'en', who)).toBe('only 1 expert assigned');
    expect(shortReasonText({ code: 'FEW_ASSIGNED', assigned: 2 }, 'zh-CN', who)).toBe('只分配了 2 位专家');
  });
  it('short by one or more', () => {
    expect(shortText({ have: 2, need: 3 }, 'en')).toBe('one score short: 2 of 3 reviewers');
    expect(shortText({ have: 1, need: 3 }, 'en')).toBe('2 scores short: 1 of 3 reviewers');
    expect(shortText({ have: 2, need: 3 }, 'zh-CN')).toBe('缺评 1 份：有效评审 2 / 3 位');
  });
});
