import { canonicalJson } from '../signing/canonical.ts';

/**
 * The canonical text (RFC 8785, as canonicalJson) of a plain object, in parts: joined, they are canonicalJson(value)
 * exactly. Arrays directly under the object are cut every `slice` elements, so a caller on a busy loop (main, making
 * a 20,000-item result sheet's 17 MB payload) can let other work run between parts.
 */
export function* canonicalParts(value: object, slice = 5000): Generator<string, void, undefined> {
  const obj = value as Record<string, unknown>;
  yield '{';
  let first = true;
  for (const key of Object.keys(obj).sort()) {
    const v = obj[key];
    if (v === undefined || typeof v === 'symbol') continue;
    const head = `${first ? '' : ','}${canonicalJson(key)}:`;
    first = false;
    if (!Array.isArray(v) || v.length <= slice) {
      yield head + canonicalJson(v);
      continue;
    }
    yield `${head}[`;
    for (let i = 0; i < v.length; i += slice) {
      // As canonicalize writes an array's holes: undefined (and symbols) as null.
      const part = v.slice(i, i + slice).map((x: unknown) => (x === undefined || typeof x === 'symbol' ? null : x));
      yield (i > 0 ? ',' : '') + canonicalJson(part).slice(1, -1);
    }
    yield ']';
  }
  yield '}';
}
