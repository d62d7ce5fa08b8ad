import { describe, expect, it } from 'vitest';
import { decodeFromJson, encodeForJson, fromBase64, toBase64 } from './codec.ts';

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

  it('wraps bytes inside arguments and unwraps them', () => {
    const args = { file: { name: '推荐.xlsx', bytes: new Uint8Array([1, 2, 3]) }, list: [new Uint8Array([9])], n: 1, gone: undefined };
    const wire = JSON.parse(JSON.stringify(encodeForJson(args)));
    expect(wire).toEqual({ file: { name: '推荐.xlsx', bytes: { $bytes: 'AQID' } }, list: [{ $bytes: 'CQ==' }], n: 1 });
    expect(decodeFromJson(wire)).toEqual({ file: { name: '推荐.xlsx', bytes: new Uint8Array([1, 2, 3]) }, list: [new Uint8Array([9])], n: 1 });
  });

  it('refuses what is not base64', () => {
    expect(() => fromBase64('ab$d')).toThrow();
    expect(() => fromBase64('abcde')).toThrow();
  });
});
