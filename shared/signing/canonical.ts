import canonicalize from 'canonicalize';

/** RFC 8785 canonical JSON (the form every signature in PanelDesk covers). */
export function canonicalJson(value: unknown): string {
  const out = canonicalize(value);
  if (out === undefined) throw new Error('canonicalJson: the value has no JSON form');
  return out;
}
