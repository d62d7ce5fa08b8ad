import { describe, expect, it } from 'vitest';
import { base64Slices, decodeFromJson, encodeForJson, fromBase64, toBase64 } from './codec.ts';

describe('codec', () => {
  it('matches standard base64 at every padding length', () => {
    const cases: [number[], string][] = [[[], ''], [[102], 'Zg=='], [[102, 111], 'Zm8='], [[102, 111, 111], 'Zm9v'], [[0, 255, 128, 7], 'AP+ABw==']];
    for (const [bytes, b64] of cases) {
      expect(toBase64(new Uint8Array(bytes))).toBe(b64);
      expect([...fromBase64(b64)]).toEqual(bytes);
    }
  });

  it('round-trips large random bytes', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 7919) % 256);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
  });

  it('encodes a slice at a time, to the same text', () => {
    for (const n of [0, 1, 2, 3, 10, 11, 12, 100_003]) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 7919) % 256);
      expect([...base64Slices(bytes, 10)].join('')).toBe(toBase64(bytes));
      expect([...base64Slices(bytes, 10)].length).toBe(Math.ceil(n / 9));
    }
    const big = new Uint8Array(1_000_000).map((_, i) => (i * 31) % 256);
    expect([...base64Slices(big)].join('')).toBe(toBase64(big));
    expect([...base64Slices(big)]).toHaveLength(6);
  });

  it('wraps bytes inside arguments and unwraps them', () => {
    const args = { file: { name: '推荐.xlsx', bytes: new Uint8Array([1, 2, 3]) }, list: [new Uint8Array([9])], n: 1, gone: undefined };
    const wire = JSON.parse(JSON.stringify(encodeForJson(args)));
    expect(wire).toEqual({ file: { name: '推荐.xlsx', bytes: { $bytes: 'AQID' } }, list: [{ $bytes: 'CQ==' }], n: 1 });
    expect(decodeFromJson(wire)).toEqual({ file: { name: '推荐.xlsx', bytes: new Uint8Array([1, 2, 3]) }, list: [new Uint8Array([9])], n: 1 });
  });

  it('never turns a "__proto__" key into a live prototype', () => {
    const wire = JSON.parse('{"patch":{"__proto__":{"name":"x"},"year":2026},"list":[{"__proto__":{"admin":true}}],"constructor":{"prototype":1}}') as unknown;
    const out = decodeFromJson(wire) as { patch: Record<string, unknown>; list: Record<string, unknown>[]; constructor: unknown };
    expect(Object.getPrototypeOf(out.patch)).toBe(Object.prototype);
    expect(out.patch.name).toBeUndefined();
    expect(Object.keys(out.patch)).toEqual(['year']);
    expect(out.list[0]?.admin).toBeUndefined();
    expect(Object.getPrototypeOf(out.list[0])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, 'constructor')?.value).toEqual({ prototype: 1 });
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it('refuses what is not base64', () => {
    expect(() => fromBase64('ab$d')).toThrow();
    expect(() => fromBase64('abcde')).toThrow();
  });
});
