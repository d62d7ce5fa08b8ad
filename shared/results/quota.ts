import type { Settings } from '../campaign/settings.ts';

/**
 * Shares a total across groups in proportion to their eligible nominations, by largest remainder (Hamilton):
 * each group gets ⌊T·c/N⌋, and the seats left go one each to the largest remainders T·c mod N (exact integer
 * arithmetic); equal remainders go to the larger group, then by name. No group gets more seats than it has
 * nominations.
 */
export function largestRemainder(total: number, eligible: Readonly<Record<string, number>>): Record<string, number> {
  const groups = Object.keys(eligible).sort();
  const N = groups.reduce((a, g) => a + (eligible[g] as number), 0);
  const out: Record<string, number> = Object.fromEntries(groups.map((g) => [g, 0]));
  if (N === 0 || total <= 0) return out;
  if (total >= N) {
    for (const g of groups) out[g] = eligible[g] as number;
    return out;
  }
  const rema: { g: string; r: number; c: number }[] = [];
  let given = 0;
  for (const g of groups) {
    const c = eligible[g] as number;
    const q = Math.floor((total * c) / N);
    out[g] = q;
    given += q;
    rema.push({ g, r: total * c - q * N, c });
  }
  rema.sort((a, b) => b.r - a.r || b.c - a.c || (a.g < b.g ? -1 : 1));
  for (let k = 0; k < total - given; k++) {
    const g = (rema[k] as { g: string }).g;
    out[g] = (out[g] as number) + 1;
  }
  return out;
}

/**
 * The groups' quotas the campaign's settings give: proportional to eligible nominations while the allocation is
 * "proportional", the secretary's figures once set by hand; null when there are none (one list, the total quota).
 */
export function groupQuotas(quota: Settings['quota'], eligible: Readonly<Record<string, number>>): Record<string, number> | null {
  if (quota.allocation === 'proportional') return quota.total === null ? null : largestRemainder(quota.total, eligible);
  return Object.keys(quota.perDiscipline).length > 0 ? { ...quota.perDiscipline } : null;
}
