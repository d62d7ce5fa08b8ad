import type { Counts } from './vote.ts';

/**
 * Counts from a tally sheet (计票表), pure: the first row naming a yes, a no and an abstain column (赞成/同意/Yes,
 * 反对/No, 弃权/Abstain) is the header; each row below names an item of the ballot by its key or title (in any
 * column) and gives whole, non-negative counts. Rows naming no item, or with counts that are not whole numbers, are
 * passed over; an item named twice takes its last row.
 */
const YES = /^(赞成|同意|赞成票|同意票|yes)$/i;
const NO = /^(反对|不同意|反对票|no)$/i;
const ABSTAIN = /^(弃权|弃权票|abstain|abstentions?)$/i;

const norm = (v: unknown) => String(v ?? '').replace(/\s+/g, ' ').trim();
const whole = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : Number(norm(v).replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
  return Number.isInteger(n) && n >= 0 ? n : null;
};

export function countsFromRows(rows: readonly (readonly unknown[])[], items: readonly { itemId: string; key: string; title: string }[]): { itemId: string; counts: Counts }[] {
  const h = rows.findIndex((r) => r.some((c) => YES.test(norm(c))) && r.some((c) => NO.test(norm(c))) && r.some((c) => ABSTAIN.test(norm(c))));
  if (h < 0) return [];
  const head = rows[h]!;
  const col = (re: RegExp) => head.findIndex((c) => re.test(norm(c)));
  const [y, n, a] = [col(YES), col(NO), col(ABSTAIN)];
  const byName = new Map<string, string>();
  for (const it of items) {
    if (it.key) byName.set(norm(it.key), it.itemId);
    if (it.title) byName.set(norm(it.title), it.itemId);
  }
  const out = new Map<string, Counts>();
  for (const r of rows.slice(h + 1)) {
    const id = r.map((c) => byName.get(norm(c))).find((x) => x !== undefined);
    if (!id) continue;
    const [yes, no, abstain] = [whole(r[y]), whole(r[n]), whole(r[a])];
    if (yes === null || no === null || abstain === null) continue;
    out.set(id, { yes, no, abstain });
  }
  return [...out].map(([itemId, counts]) => ({ itemId, counts }));
}
