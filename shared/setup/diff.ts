/** Key-by-key differences between two plain values, as dotted keys (the history of a setup edit). */
export function diff(before: unknown, after: unknown, prefix = ''): { key: string; before: unknown; after: unknown }[] {
  if (Object.is(before, after)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => diff(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // Arrays of items with ids (criteria, groups) diff by id; others as a whole.
    const byId = (xs: unknown[]) => xs.every((x) => isObj(x) && typeof x.id === 'string');
    if (byId(before) && byId(after)) {
      const b = new Map(before.map((x) => [(x as { id: string }).id, x]));
      const a = new Map(after.map((x) => [(x as { id: string }).id, x]));
      const ids = new Set([...b.keys(), ...a.keys()]);
      const out = [...ids].flatMap((id) => diff(b.get(id), a.get(id), `${prefix}.${id}`));
      const order = (m: Map<string, unknown>) => [...m.keys()].join('\u0000');
      if (out.length === 0 && order(a) !== order(b)) out.push({ key: `${prefix}.order`, before: [...b.keys()], after: [...a.keys()] });
      return out;
    }
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
  }
  // Absent is null: undefined would vanish from the JSON, and a snapshot whose history lacks `before` is refused.
  return [{ key: prefix, before: before ?? null, after: after ?? null }];
}
