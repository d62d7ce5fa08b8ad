import { describe, expect, it } from 'vitest';
import type { AppError } from '../contract/errors.ts';
import { addGroup, findGroup, nextGroupId, removeGroup, splitList } from './groups.ts';
import type { DisciplineGroup } from './model.ts';

const g = (id: string, name: string, nameEn = ''): DisciplineGroup => ({ id, name, nameEn, disciplines: [], leader: '', quotaShare: null, everyMemberScores: false });

describe('discipline groups from the command line', () => {
  it('numbers new groups with the first free id', () => {
    expect(nextGroupId([])).toBe('g1');
    expect(nextGroupId(['g1', 'g-abc123', 'g3'])).toBe('g2');
  });

  it('adds a group with its disciplines deduplicated and the defaults of the schema', () => {
    const list = addGroup([g('g1', '理学组')], { name: ' 工学组 ', nameEn: 'Engineering', disciplines: ['计算机', ' 计算机', '材料'], quotaShare: 3 });
    expect(list[1]).toEqual({ id: 'g2', name: '工学组', nameEn: 'Engineering', disciplines: ['计算机', '材料'], leader: '', quotaShare: 3, everyMemberScores: false });
  });

  it('refuses a name already taken', () => {
    expect(() => addGroup([g('g1', '理学组')], { name: '理学组' })).toThrow(/exists already/);
  });

  it('finds a group by id, by Chinese name or by English name in any case', () => {
    const list = [g('g1', '理学组', 'Science'), g('g2', '工学组', 'Engineering')];
    expect(findGroup(list, 'g2').name).toBe('工学组');
    expect(findGroup(list, '理学组').id).toBe('g1');
    expect(findGroup(list, 'engineering').id).toBe('g2');
  });

  it('says which groups exist when none matches, and asks for the id when several do', () => {
    const list = [g('g1', '理学组', 'Science'), g('g2', '理学二组', 'science')];
    try {
      findGroup(list, '医学组');
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('NOT_FOUND');
      expect((e as Error).message).toContain('g1 理学组');
    }
    expect(() => findGroup(list, 'Science')).toThrow(/use the id \(g1, g2\)/);
  });

  it('removes the group named', () => {
    expect(removeGroup([g('g1', '理学组'), g('g2', '工学组')], '理学组').map((x) => x.id)).toEqual(['g2']);
  });

  it('splits lists typed with commas, 、 or semicolons', () => {
    expect(splitList('物理, 化学、数学；天文;')).toEqual(['物理', '化学', '数学', '天文']);
  });
});
