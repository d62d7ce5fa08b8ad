import { describe, expect, it } from 'vitest';
import { CONFLICT_KINDS, CONFLICT_REASON_CODES, CONFLICT_STATES } from './model.ts';
import { conflictKindWord, conflictReasonWords, conflictStateWord, loadBelowWords, rosterIssueWords, unassignedWords } from './words.ts';

describe('panel words', () => {
  it('word every conflict reason in both languages, with its values and no codes', () => {
    for (const code of CONFLICT_REASON_CODES) {
      for (const lang of ['zh-CN', 'en']) {
        const s = conflictReasonWords({ code, values: { institution: '清华大学物理系', expertInstitution: 'THU', role: 'author', name: '张伟', nominator: '中国化学会', society: '中国化学会', text: '合作者' } }, lang);
        expect(s.length).toBeGreaterThan(5);
        expect(s).not.toContain(code);
      }
    }
    const values = { institution: '清华大学物理系', expertInstitution: 'Tsinghua University', role: 'organiser' };
    expect(conflictReasonWords({ code: 'SAME_INSTITUTION', values }, 'zh-CN')).toBe('专家单位（Tsinghua University）与主办单位（清华大学物理系）相同');
    expect(conflictReasonWords({ code: 'SAME_INSTITUTION', values: { ...values, role: 'author' } }, 'zh-CN')).toBe('专家单位（Tsinghua University）与作者单位（清华大学物理系）相同');
    expect(conflictReasonWords({ code: 'SAME_INSTITUTION', values }, 'en')).toBe("The expert's institution (Tsinghua University) is that of an organiser (清华大学物理系)");
    expect(conflictReasonWords({ code: 'SAME_NAME', values: { name: '李四', role: 'candidate', institutionAgrees: true } }, 'zh-CN')).toBe('专家与候选人同名（李四），且单位相同');
  });

  it('word kinds, states, unassigned reasons, loads and roster issues', () => {
    for (const k of CONFLICT_KINDS) expect(conflictKindWord(k, 'en')).not.toBe(k);
    for (const s of CONFLICT_STATES) expect(conflictStateWord(s, 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    expect(unassignedWords({ code: 'TOO_MANY_CONFLICTS', values: { members: 5, conflicted: 4, available: 1, needed: 3 } }, 'zh-CN', '理学组')).toBe('“理学组”组5位专家中4位需回避，只剩1位，需要3位');
    expect(unassignedWords({ code: 'NO_GROUP', values: { discipline: '天文' } }, 'en')).toBe('Its discipline (天文) belongs to no discipline group');
    expect(unassignedWords({ code: 'LOADS_TOO_LOW', values: { capacity: 10, demand: 12 } }, 'en', 'Science')).toContain('group Science add up to 10');
    expect(unassignedWords({ code: 'EXPERTS_FULL', values: { available: 3, full: 3 } }, 'zh-CN')).toBe('无回避的3位专家中，3位已达评审量上限');
    expect(loadBelowWords({ code: 'FEW_ELIGIBLE_ITEMS', values: { eligible: 2, min: 4 } }, 'zh-CN')).toBe('无回避的推荐项只有2项，低于评审量下限4');
    expect(rosterIssueWords('REQUIRED_MISSING', 'en')).toBe('No name: the row was not imported');
  });
});
