import { describe, expect, it } from 'vitest';
import { groupQuotas, largestRemainder } from './quota.ts';
import { template } from '../campaign/templates.ts';

describe('largestRemainder', () => {
  it('gives each group its floor and the seats left to the largest remainders (hand-computed)', () => {
    // 10 seats over 7, 5, 3 (N = 15): exact 4.67, 3.33, 2 → floors 4, 3, 2, one left → the remainder 10 (group a).
    expect(largestRemainder(10, { a: 7, b: 5, c: 3 })).toEqual({ a: 5, b: 3, c: 2 });
    // 100 over 1,234 / 567 / 199 (N = 2,000): 61.7, 28.35, 9.95 → 61, 28, 9, two left → c (0.95), a (0.70).
    expect(largestRemainder(100, { a: 1234, b: 567, c: 199 })).toEqual({ a: 62, b: 28, c: 10 });
  });

  it('breaks equal remainders by the larger group, then by name, and always hands out the whole total', () => {
    expect(largestRemainder(1, { x: 1, y: 1 })).toEqual({ x: 1, y: 0 });
    expect(largestRemainder(2, { a: 3, b: 3, c: 3 })).toEqual({ a: 1, b: 1, c: 0 });
    const q = largestRemainder(7, { a: 2, b: 4, c: 4, d: 10 });
    expect(Object.values(q).reduce((s, x) => s + x, 0)).toBe(7);
  });

  it('never gives a group more than it has; zero for an empty panel', () => {
    expect(largestRemainder(50, { a: 3, b: 4 })).toEqual({ a: 3, b: 4 });
    expect(largestRemainder(5, { a: 0 })).toEqual({ a: 0 });
    expect(largestRemainder(0, { a: 4 })).toEqual({ a: 0 });
  });
});

describe('groupQuotas', () => {
  it('papers: 100 shared proportionally until set by hand; then the hand figures', () => {
    const quota = template('papers').settings.quota;
    expect(quota).toMatchObject({ total: 100, allocation: 'proportional' });
    expect(groupQuotas(quota, { bio: 300, chem: 100 })).toEqual({ bio: 75, chem: 25 });
    expect(groupQuotas({ ...quota, allocation: 'manual', perDiscipline: { bio: 60, chem: 40 } }, { bio: 300, chem: 100 })).toEqual({ bio: 60, chem: 40 });
  });

  it('conferences: one list of 10, no group quotas', () => {
    expect(groupQuotas(template('conferences').settings.quota, { a: 5, b: 9 })).toBeNull();
  });
});
