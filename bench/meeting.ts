// The meeting on a campaign the size design.md plans for: 20,000 nominations, 100 experts, 5 scores each (100,000
// scores). Each call runs under two probes, as bench/export-stall.ts does: the longest gap between 5 ms ticks of a
// setInterval (what another call would have waited) and perf_hooks' loop delay max. The calls: the overview and the
// charts on a cold cache (the meeting's recomputation), the same again warm, the signed result sheet, the public list.
// Aim: main's longest stall under 1 s in every call (the result sheet, written in main, held it for tens of seconds).
// `node --import tsx bench/meeting.ts [items=20000]` (or npm run bench -- meeting).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { openApp, type App } from '../main/app.ts';
import type { CallArgs, CallName, CallResult } from '../shared/contract/index.ts';
import type { Nomination } from '../shared/nominations/record.ts';
import type { Expert } from '../shared/panel/model.ts';
import { prng } from '../shared/results/simulate.ts';
import type { Answer } from '../shared/scoring/slice.ts';
import { probe } from './stall.ts';

const AIM_STALL_MS = 1000;
const EXPERTS = 100;
const PER_ITEM = 5;
const ctx = { door: 'test' as const, actor: 'bench' };

/** A scored conferences campaign of `items` nominations through the store's journal changes (as test/fixtures/results-seed.ts). */
export async function seedBigMeeting(app: App, items: number): Promise<string> {
  const r = await app.dispatch('campaigns.create', { template: 'conferences', name: '会评基准', year: 2026 }, ctx);
  if (!r.ok) throw new Error(r.error.message);
  const id = (r.value as { id: string }).id;
  const set = await app.dispatch('campaigns.set', { id, assignments: [{ key: 'quota.total', value: 100 }] }, ctx);
  if (!set.ok) throw new Error(set.error.message);
  const at = '2026-03-01T00:00:00.000Z';
  const PART = 2000;
  for (let from = 0; from < items; from += PART) {
    const noms: Nomination[] = [];
    for (let k = from; k < Math.min(items, from + PART); k++) {
      const fields = { name: `第${k + 1}届学术会议`, organiser: `学会${k % 300}`, discipline: `学科${k % 20}`, nominator: `推荐单位${k % 50}`, dates: '2026年6月8日' };
      noms.push({ id: `n${k}`, key: `n${k}`, edits: {}, override: null, distinctFrom: [], createdAt: at, updatedAt: at, sources: [{ importId: `i${from}`, file: 'bench.xlsx', sha256: '', sheet: 'S', row: k + 2, nominator: fields.nominator, fields, extra: [], at }] });
    }
    await app.store.commit(id, { type: 'nominations.imported', import: { id: `i${from}`, file: 'bench.xlsx', sha256: '', size: 1, sheet: 'S', nominator: '', mapping: {}, at, actor: 'bench', imported: noms.length, updated: 0, unchanged: 0, rejected: 0 }, upserts: noms, memory: null }, 'bench');
  }
  for (let e = 0; e < EXPERTS; e++) {
    const expert: Expert = { id: `e${e}`, name: `专家${e}`, institution: `大学${e}`, department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null };
    await app.store.commit(id, { type: 'expert.added', expert }, 'bench');
  }
  const rnd = prng(2026);
  const byExpert = new Map<string, Answer[]>();
  for (let k = 0; k < items; k++) {
    const quality = 12 + rnd() * 12;
    for (let j = 0; j < PER_ITEM; j++) {
      const expertId = `e${(k * PER_ITEM + j * 7) % EXPERTS}`;
      const v = () => Math.max(0, Math.min(25, Math.round(quality + (rnd() - 0.5) * 6)));
      const a: Answer = { expertId, itemId: `n${k}`, scores: { 'academic-value': v(), 'social-influence': v(), attention: v(), service: v() }, comment: '', recused: false, source: { kind: 'paper', by: 'bench', doubleEntry: false }, at };
      const l = byExpert.get(expertId);
      if (l) l.push(a);
      else byExpert.set(expertId, [a]);
    }
  }
  for (const [expertId, answers] of byExpert) await app.store.commit(id, { type: 'score.entered', expertId, answers }, 'bench');
  return id;
}

export async function benchMeeting(opts: { check?: boolean; items?: number } = {}): Promise<{ lines: string[]; ok: boolean }> {
  const items = opts.items ?? 20_000;
  const data = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'paneldesk-bench-meeting-'));
  const app = await openApp({ dataDir: data, identityName: 'bench' });
  const lines: string[] = [];
  let ok = true;
  try {
    const call = async <N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> => {
      const r = await app.dispatch(name, args, ctx);
      if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
      return r.value as CallResult<N>;
    };
    const t0 = performance.now();
    const campaignId = await seedBigMeeting(app, items);
    lines.push(`meeting: seeded ${items.toLocaleString('en')} nominations, ${(items * PER_ITEM).toLocaleString('en')} scores in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const measure = async (what: string, fn: () => Promise<string>) => {
      let note = '';
      const r = await probe(async () => {
        note = await fn();
      });
      if (r.gap > AIM_STALL_MS) ok = false;
      lines.push(`meeting: ${what}: wall ${r.wall.toFixed(0)} ms, longest stall ${r.gap.toFixed(0)} ms (5 ms ticks), loop delay max ${r.histMax.toFixed(0)} ms${note ? `, ${note}` : ''}`);
    };
    await measure('overview (cold)', async () => `${(await call('meeting.overview', { campaignId })).groups[0]?.candidates.length ?? 0} candidates`);
    await measure('charts', async () => `${(await call('meeting.charts', { campaignId })).ranked.length} points`);
    await measure('overview (warm)', async () => `${(await call('meeting.overview', { campaignId })).groups.length} group(s)`);
    await measure('result sheet', async () => {
      const out = await call('meeting.exportResultSheet', { campaignId });
      return `${(out.bytes.length / 1024 / 1024).toFixed(1)} MB`;
    });
    await measure('public list', async () => `${((await call('meeting.exportPublicList', { campaignId })).bytes.length / 1024).toFixed(0)} KB`);
  } finally {
    await app.close();
    fs.rmSync(data, { recursive: true, force: true });
  }
  return { lines, ok };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchMeeting({ items: Number(process.argv[2] ?? 20_000) });
  for (const l of r.lines) console.log(l);
  console.log(`meeting: ${r.ok ? 'aims met' : 'AIM MISSED'}`);
}
