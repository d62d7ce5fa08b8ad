import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../signing/canonical.ts';
import { canonicalParts } from './canonical-parts.ts';

const join = (v: object, slice?: number) => [...canonicalParts(v, slice)].join('');

describe('canonicalParts', () => {
  it('joined, is canonicalJson exactly: keys sorted, big arrays cut, holes as null, undefined keys left out', () => {
    const value = {
      z: 1,
      items: Array.from({ length: 11 }, (_, k) => ({ id: `n${k}`, score: k / 3, b: [k, null], a: k % 2 ? undefined : 'x' })),
      a: '‮标题 "quoted" \\ \n',
      gone: undefined,
      holes: [1, undefined, 3, undefined, 5, 6, 7],
      empty: [],
      nested: { y: [1, 2, 3, 4, 5, 6, 7, 8], x: -0, big: 1e21, small: 1e-7 },
      Ä: true,
      B: false,
    };
    for (const slice of [1, 2, 3, 4, 5, 100]) expect(join(value, slice)).toBe(canonicalJson(value));
  });

  it('cuts arrays into parts of `slice`', () => {
    const parts = [...canonicalParts({ xs: Array.from({ length: 10 }, (_, k) => k) }, 4)];
    expect(parts).toEqual(['{', '"xs":[', '0,1,2,3', ',4,5,6,7', ',8,9', ']', '}']);
  });

  it('an empty object', () => {
    expect(join({})).toBe('{}');
  });
});
