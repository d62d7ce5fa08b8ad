import canonicalize from 'canonicalize';

/**
 * The one canonical text of a payload that gets signed or hashed (RFC 8785, JSON Canonicalization Scheme): keys
 * sorted, no whitespace, numbers as ECMAScript prints them. Two programs that agree on the value agree on these bytes,
 * so a sheet saved again by Excel (other cell order, other XML) still carries the same signed payload.
 */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('canonicalJson: the value has no JSON form (undefined, a function or a symbol)');
  return text;
}
