import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical.ts';
import { cleanIdentityName, groupFingerprint } from './identity.ts';

describe('canonicalJson (RFC 8785)', () => {
  it('sorts keys at every depth and drops whitespace, whatever the order they were built in', () => {
    const a = { b: 1, a: { d: [3, { z: 1, y: 2 }], c: '中' } };
    const b = { a: { c: '中', d: [3, { y: 2, z: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"c":"中","d":[3,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('prints numbers as ECMAScript does (the RFC 8785 vectors)', () => {
    expect(canonicalJson([1e21, 0.000001, 1e-7, -0, 4.5, 100])).toBe('[1e+21,0.000001,1e-7,0,4.5,100]');
  });

  it('refuses a value with no JSON form rather than signing nothing', () => {
    expect(() => canonicalJson(undefined)).toThrow(/no JSON form/);
  });
});

describe('identity words', () => {
  it('groups a digest as people read it', () => {
    expect(groupFingerprint('3f2a9c0177b40e5d21c8a6f04b19d273ffffffff')).toBe('3F2A 9C01 77B4 0E5D 21C8 A6F0 4B19 D273');
  });
  it('keeps names people can sign with', () => {
    expect(cleanIdentityName('  王  芳 ')).toBe('王 芳');
    expect(cleanIdentityName('   ')).toBeNull();
    expect(cleanIdentityName('x'.repeat(81))).toBeNull();
  });
});
