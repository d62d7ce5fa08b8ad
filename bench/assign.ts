// Conflict detection and assignment on the largest campaign design.md plans for: 20,000 nominations, 200 experts,
// K = 5, loads ⌊NK/E⌋−2 … ⌈NK/E⌉+2. First conflict detection on names as people write them; then three shapes:
//  - groups: 10 discipline groups of 20 experts (how campaigns are run), conflicts as institutions and offices make them;
//  - the same groups with the conflicts detection found;
//  - one group: all 200 experts and 40 disciplines in one group, and 3 % random conflicts besides, so nearly every
//    nomination is a class of its own (the hard case for the solver).
// Beside each, a greedy assignment in the same run (each item in turn takes its K cheapest free experts under their
// maximum, the least loaded first): its time, its cost, and what it leaves short. Medians of RUNS.
// `npx tsx bench/assign.ts` or, once wired, `npm run bench -- assign`.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { assign, defaultLoads, type AssignExpert, type AssignInput, type AssignItem } from '../shared/panel/assign.ts';
import { detectConflicts, type PanelItem } from '../shared/panel/conflicts.ts';
import { INSTITUTIONS, InstitutionTable } from '../shared/panel/institutions.ts';
import type { Conflict, Expert } from '../shared/panel/model.ts';

const N = 20_000;
const E = 200;
const K = 5;
const RUNS = 3;
const AIM_MS = 30_000;

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), (x >>> 0) / 2 ** 32);
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function campaign(shape: 'groups' | 'one-group', seed = 1): AssignInput {
  const rnd = rng(seed);
  const nDisc = 40;
  const groupsN = shape === 'groups' ? 10 : 1;
  const disc = Array.from({ length: nDisc }, (_, d) => `学科${d}`);
  const groupOf = (d: number): string => `g${d % groupsN}`;
  const institutions = 60;
  const societies = 50;
  // Skewed: some disciplines and institutions are much larger than others.
  const pick = (n: number): number => Math.floor(n * rnd() * rnd());
  const items: (AssignItem & { inst: number; soc: number })[] = Array.from({ length: N }, (_, i) => {
    const d = pick(nDisc);
    return { id: `n${String(i).padStart(5, '0')}`, discipline: disc[d]!, groupId: groupOf(d), inst: pick(institutions), soc: Math.floor(rnd() * societies) };
  });
  const experts: (AssignExpert & { inst: number; offices: number[] })[] = Array.from({ length: E }, (_, j) => {
    const g = j % groupsN;
    const own = disc.filter((_, d) => d % groupsN === g);
    const mine = own.filter(() => rnd() < (shape === 'groups' ? 0.35 : 0.06));
    if (mine.length === 0) mine.push(own[Math.floor(rnd() * own.length)]!);
    const offices = rnd() < 0.4 ? [Math.floor(rnd() * societies)] : [];
    return { id: `e${String(j).padStart(3, '0')}`, groupId: `g${g}`, disciplines: mine, inst: pick(institutions), offices };
  });
  const conflicts: Conflict[] = [];
  const byInst = new Map<number, string[]>();
  const bySoc = new Map<number, string[]>();
  for (const e of experts) {
    byInst.set(e.inst, [...(byInst.get(e.inst) ?? []), e.id]);
    for (const s of e.offices) bySoc.set(s, [...(bySoc.get(s) ?? []), e.id]);
  }
  for (const it of items) {
    for (const expertId of byInst.get(it.inst) ?? []) conflicts.push({ itemId: it.id, expertId, kind: 'institution', reason: { code: 'SAME_INSTITUTION', values: {} }, state: 'detected', note: '' });
    for (const expertId of bySoc.get(it.soc) ?? []) conflicts.push({ itemId: it.id, expertId, kind: 'nominator', reason: { code: 'OFFICE_IN_NOMINATOR', values: {} }, state: 'detected', note: '' });
    if (shape === 'one-group') for (const e of experts) if (rnd() < 0.03) conflicts.push({ itemId: it.id, expertId: e.id, kind: 'other', reason: { code: 'DECLARED', values: {} }, state: 'declared', note: '' });
  }
  const groups = Array.from({ length: groupsN }, (_, g) => ({ id: `g${g}`, everyMemberScores: false }));
  return { items: items.map(({ id, discipline, groupId }) => ({ id, discipline, groupId })), experts: experts.map(({ id, groupId, disciplines }) => ({ id, groupId, disciplines })), groups, perItem: K, loadSlack: 2, conflicts };
}

/** The baseline: items in id order, each taking its K cheapest experts still under their maximum, least loaded first. */
export function greedy(input: AssignInput): { cost: number; assigned: number; short: number; belowMin: number } {
  const blocked = new Map<string, Set<string>>();
  for (const c of input.conflicts) {
    if (c.state === 'dismissed') continue;
    const set = blocked.get(c.itemId);
    if (set) set.add(c.expertId);
    else blocked.set(c.itemId, new Set([c.expertId]));
  }
  let cost = 0;
  let assigned = 0;
  let short = 0;
  let belowMin = 0;
  for (const g of input.groups) {
    const items = input.items.filter((i) => i.groupId === g.id).sort((a, b) => (a.id < b.id ? -1 : 1));
    const members = input.experts.filter((e) => e.groupId === g.id);
    const { min, max } = defaultLoads(items.length, members.length, input.perItem, input.loadSlack);
    const load = members.map(() => 0);
    const discs = members.map((e) => new Set(e.disciplines));
    for (const it of items) {
      const cand: { j: number; c: number }[] = [];
      const off = blocked.get(it.id);
      for (let j = 0; j < members.length; j++) {
        if (load[j]! >= max || off?.has(members[j]!.id)) continue;
        cand.push({ j, c: discs[j]!.has(it.discipline) ? 0 : 1 });
      }
      cand.sort((a, b) => a.c - b.c || load[a.j]! - load[b.j]! || a.j - b.j);
      const take = cand.slice(0, input.perItem);
      for (const { j, c } of take) {
        load[j]!++;
        cost += c;
      }
      assigned += take.length;
      if (take.length < input.perItem) short++;
    }
    belowMin += load.filter((l) => l < min).length;
  }
  return { cost, assigned, short, belowMin };
}

/**
 * Conflict detection at full size, on names as people write them: institutions in Chinese, English and short forms,
 * with departments and addresses, some the table does not know; authors drawn from common and rare names.
 */
export function realisticConflicts(seed = 3): { items: PanelItem[]; experts: Expert[] } {
  const rnd = rng(seed);
  const pickOf = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const forms = (i: number): string => {
    if (i >= INSTITUTIONS.length) return `北京某某${i}研究院${pickOf(['', '第一研究室', '材料中心'])}`;
    const e = INSTITUTIONS[i]!;
    const r = rnd();
    return r < 0.3 ? e.zh : r < 0.5 ? e.en : r < 0.65 ? pickOf(e.aliases) : r < 0.85 ? `${e.zh}${pickOf(['物理系', '化学学院', '计算机科学与技术系', '材料学院'])}` : `Department of Physics, ${e.en}, Beijing 100084, China`;
  };
  const institution = (): string => forms(Math.floor(INSTITUTIONS.length * 1.3 * rnd() * rnd()));
  const surnames = ['张', '王', '李', '刘', '陈', '杨', '赵', '黄', '周', '吴', '欧阳', '司马'];
  const chars = '伟芳娜敏静明远晓东海涛建华文博思源子涵一鸣志强丽军杰磊洋艳勇秀英兰桂玉平辉刚鹏斌宇浩凯俊帆雪婷宁琳晨阳光';
  const given = (): string => (rnd() < 0.3 ? pickOf([...chars]) : pickOf([...chars]) + pickOf([...chars]));
  // Names as frequent as in life: a few very common ones (张伟), most rare.
  const person = (): string => (rnd() < 0.05 ? pickOf(['张伟', '王芳', '李娜', '刘洋']) : pickOf(surnames) + given());
  const societies = Array.from({ length: 50 }, (_, k) => `中国第${k}学会`);
  const items: PanelItem[] = Array.from({ length: N }, (_, i) => {
    const affiliation = institution();
    const authors = Array.from({ length: 1 + Math.floor(rnd() * 6) }, person);
    return {
      id: `n${String(i).padStart(5, '0')}`,
      people: authors.map((name, k) => ({ name, role: 'author' as const, institution: k === 0 ? affiliation : '' })),
      institutions: [{ name: affiliation, role: 'author' as const }],
      nominators: [rnd() < 0.1 ? institution() : pickOf(societies)],
    };
  });
  const experts: Expert[] = Array.from({ length: E }, (_, j) => ({
    id: `e${String(j).padStart(3, '0')}`, name: person(), institution: institution(), department: '', title: '教授', disciplines: [],
    offices: rnd() < 0.4 ? [pickOf(societies)] : [], phone: '', email: '', groupId: null,
  }));
  return { items, experts };
}

export async function benchAssign(_opts: { check: boolean } = { check: false }): Promise<{ lines: string[]; ok: boolean }> {
  const lines: string[] = [];
  let ok = true;
  let detected: Conflict[] = [];
  {
    const { items, experts } = realisticConflicts();
    const times: number[] = [];
    let found: Conflict[] = [];
    for (let k = 0; k < RUNS; k++) {
      const t0 = performance.now();
      found = detectConflicts({ items, experts, table: new InstitutionTable() });
      times.push(performance.now() - t0);
    }
    detected = found;
    const by = (state: string): number => found.filter((c) => c.state === state).length;
    lines.push(`conflicts: ${N} items × ${E} experts: median ${(median(times) / 1000).toFixed(2)} s [${times.map((t) => (t / 1000).toFixed(2)).join(', ')}]  found ${found.length} (detected ${by('detected')}, to confirm ${by('confirm')})`);
  }
  for (const shape of ['groups', 'groups, detected conflicts', 'one-group'] as const) {
    // The second: the same groups with the conflicts conflict detection just found (to confirm ones block too).
    const input = shape === 'groups, detected conflicts' ? { ...campaign('groups'), conflicts: detected } : campaign(shape);
    const tFlow: number[] = [];
    const cpuFlow: number[] = [];
    const tGreedy: number[] = [];
    let r: ReturnType<typeof assign> | null = null;
    let gr: ReturnType<typeof greedy> | null = null;
    for (let k = 0; k < RUNS; k++) {
      let t0 = performance.now();
      const c0 = process.cpuUsage();
      r = assign(input);
      tFlow.push(performance.now() - t0);
      const c1 = process.cpuUsage(c0);
      cpuFlow.push((c1.user + c1.system) / 1000);
      t0 = performance.now();
      gr = greedy(input);
      tGreedy.push(performance.now() - t0);
    }
    const below = r!.loads.filter((l) => l.load < l.min).length;
    const short = r!.unassigned.length;
    const s = r!.stats;
    lines.push(`assign ${shape}: ${N} items × ${E} experts, K=${K}, ${input.conflicts.length} conflicts`);
    lines.push(`  min-cost flow: median ${(median(tFlow) / 1000).toFixed(2)} s [${tFlow.map((t) => (t / 1000).toFixed(2)).join(', ')}] (CPU ${(median(cpuFlow) / 1000).toFixed(2)} s)  cost ${r!.cost}  assigned ${r!.assignments.length}  items short ${short}  experts below min ${below}`);
    lines.push(`    classes ${s.classes}, arcs ${s.arcs} of ${s.fullArcs} after pruning, flow solves ${s.solves}, Dijkstra rounds ${s.rounds}`);
    lines.push(`  greedy:        median ${(median(tGreedy) / 1000).toFixed(2)} s  cost ${gr!.cost}  assigned ${gr!.assigned}  items short ${gr!.short}  experts below min ${gr!.belowMin}`);
    // Under the greedy's own constraints (maximum loads only, no minimum), the optimum is never dearer than it.
    const relaxed = assign({ ...input, experts: input.experts.map((e) => ({ ...e, minLoad: 0 })) });
    lines.push(`  min-cost flow without minimum loads (what the greedy respects): cost ${relaxed.cost}  assigned ${relaxed.assignments.length}`);
    if (relaxed.assignments.length < gr!.assigned || (relaxed.assignments.length === gr!.assigned && relaxed.cost > gr!.cost)) ok = false;
    lines.push(`  time ratio flow/greedy ${(median(tFlow) / median(tGreedy)).toFixed(1)}×; cost flow/greedy ${gr!.cost > 0 ? (r!.cost / gr!.cost).toFixed(3) : '—'}`);
    // The aim: under 30 s, every item its K reviewers, every load within its limits (the greedy meets neither
    // reliably, so its cost is a reference, not a bound: it may be lower only by breaking a limit).
    if (median(tFlow) > AIM_MS || short > 0 || below > 0) ok = false;
    if (gr!.short === 0 && gr!.belowMin === 0 && r!.cost > gr!.cost) ok = false;
  }
  return { lines, ok };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchAssign();
  for (const line of r.lines) console.log(line);
  console.log(`assign: ${r.ok ? 'aims met' : 'AIM MISSED'}`);
}
