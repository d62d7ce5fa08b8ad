import { describe, expect, it } from 'vitest';
import type { DisciplineGroup } from '../campaign/model.ts';
import { findRosterHeader, mapRoster, planRoster, rosterFieldOf } from './roster.ts';

const groups: DisciplineGroup[] = [
  { id: 'g1', name: '理学组', nameEn: 'Science', disciplines: ['物理', '化学'], leader: '', quotaShare: null, everyMemberScores: false },
  { id: 'g2', name: '工学组', nameEn: 'Engineering', disciplines: ['计算机'], leader: '', quotaShare: null, everyMemberScores: false },
];

describe('roster headers', () => {
  it('knows Chinese and English variants, with notes in brackets and full-width text', () => {
    expect(['专家姓名', 'Name', '工作单位（全称）', 'Affiliation', '职称', '研究领域', '学会任职', '手机号码', 'E-mail', '学科评审组', 'ＥＭＡＩＬ'].map(rosterFieldOf))
      .toEqual(['name', 'name', 'institution', 'institution', 'title', 'disciplines', 'offices', 'phone', 'email', 'group', 'email']);
    expect(rosterFieldOf('备注')).toBeNull();
  });

  it('finds the header below a title row', () => {
    const rows = [['2026年度评审专家名单'], [], ['序号', '姓名', '单位', '学科'], [1, '张三', '清华大学', '物理']];
    expect(findRosterHeader(rows)).toBe(2);
    expect(findRosterHeader([['标题'], ['a', 'b']])).toBeNull();
  });
});

describe('mapRoster', () => {
  const rows = [
    ['2026年度评审专家名单'],
    ['序号', '姓名', '工作单位', '部门', '职称', '学科', '学会任职', '电话', '邮箱', '评审组'],
    [1, '张三 ', '清华大学', '物理系', '教授', '物理、化学', '中国物理学会', '13800000000', 'ZHANG@example.com', ''],
    [2, '', 'Peking University', '', '', '', '', '', '', ''],
    [3, 'Li Si', 'Peking University', 'School of EECS', 'Professor', 'Computer; 计算机', '', '', 'not-mail', '工学组'],
    [4, '张三', '清华大学', '', '', '', '', '', '', ''],
    [],
    [5, '王五', '中科院物理所', '', '', '生物', '', '', '', '没有的组'],
  ];
  const m = mapRoster({ sheet: '名单', rows, groups });

  it('maps the rows, places experts by the group named or by discipline, and reports issues on their cells', () => {
    expect(m.headerRow).toBe(1);
    expect(m.drafts.map((d) => [d.row, d.name, d.groupId])).toEqual([[3, '张三', 'g1'], [5, 'Li Si', 'g2'], [8, '王五', null]]);
    expect(m.drafts[0]).toMatchObject({ disciplines: ['物理', '化学'], offices: ['中国物理学会'], email: 'zhang@example.com', phone: '13800000000', department: '物理系' });
    expect(m.drafts[1]!.email).toBe('');
    expect(m.rejected).toBe(1);
    expect(m.issues.map((i) => [i.row, i.column, i.code, i.severity])).toEqual([
      [4, 'B', 'REQUIRED_MISSING', 'error'],
      [5, 'I', 'BAD_EMAIL', 'warning'],
      [6, 'B', 'DUPLICATE_KEY', 'warning'],
      [8, 'J', 'UNKNOWN_GROUP', 'warning'],
    ]);
  });

  it('without a header says so', () => {
    const r = mapRoster({ sheet: 'S', rows: [['x'], ['y']], groups });
    expect(r.issues.map((i) => i.code)).toEqual(['HEADER_NOT_FOUND']);
    expect(r.drafts).toEqual([]);
  });

  it('plans: new experts get ids; the same name and institution updates, keeping the group unless one is named', () => {
    let n = 0;
    const first = planRoster([], m.drafts, () => `e${++n}`);
    expect(first).toMatchObject({ imported: 3, updated: 0, unchanged: 0, fates: ['new', 'new', 'new'] });
    const again = planRoster(first.upserts, m.drafts, () => `e${++n}`);
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 3, upserts: [] });
    const placed = first.upserts.map((e) => (e.name === '王五' ? { ...e, groupId: 'g2' } : e));
    const changed = planRoster(placed, [{ ...m.drafts[2]!, title: '研究员' }], () => 'never');
    expect(changed.upserts).toEqual([{ ...placed[2]!, title: '研究员', groupId: 'g2' }]);
  });
});
