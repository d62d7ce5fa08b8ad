// Score sheets out for a big panel: how long `scoring.exportSheets` takes (the worker pool writes the .xlsx files)
// and how long main's event loop is held meanwhile, against writing the same sheets one after another on main (the
// way it was), and what zipping them all takes (fflate, stored vs deflated).
// node --import tsx bench/sheets-out.ts [experts=200] [perExpert=50]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { zipSync, strToU8 } from 'fflate';
import { openApp } from '../main/app.ts';
import { openIdentity } from '../main/identity/identity.ts';
import { writeScoreSheet } from '../main/scoring/sheet-file.ts';
import { sheetBook, xlsxBytes } from '../main/xlsx/test-zip.ts';
import type { CallArgs, CallName, CallResult } from '../shared/contract/index.ts';
import { packetItem } from '../shared/scoring/packet.ts';
import { probe } from './stall.ts';

const EXPERTS = Number(process.argv[2] ?? 200);
const PER = Number(process.argv[3] ?? 50);
const K = 5;
const ITEMS = Math.ceil((EXPERTS * PER) / K);
const ctx = { door: 'test' as const, actor: 'bench' };
const data = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'paneldesk-bench-sheets-'));
const app = await openApp({ dataDir: data, identityName: 'bench' });

async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const r = await app.dispatch(name, args, ctx);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value as CallResult<N>;
}

const id = (await call('campaigns.create', { template: 'topics', name: 'bench', year: 2026 })).id;
const rows = [['议题名称', '提出人', '单位', '推荐单位'], ...Array.from({ length: ITEMS }, (_, i) => [`议题 ${i + 1} 关于城市与科学的交叉研究`, `提出人${i}`, '北京大学', '中国物理学会'])];
const preview = await call('nominations.preview', { campaignId: id, file: { name: 'n.xlsx', bytes: xlsxBytes(sheetBook({ Sheet1: rows })) as Uint8Array<ArrayBuffer> } });
await call('nominations.import', { campaignId: id, uploadId: preview.uploadId });
const itemIds = app.store.get(id)!.nominations.map((n) => n.id);
const experts = Array.from({ length: EXPERTS }, (_, i) => ({ id: `e${i}`, name: `专家${i}`, institution: '复旦大学', department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null }));
await app.store.commit(id, { type: 'panel.rosterImported', import: { file: 'bench', imported: EXPERTS, updated: 0, unchanged: 0, rejected: 0 } as never, upserts: experts }, 'bench');
const assignments = itemIds.flatMap((itemId, i) => Array.from({ length: K }, (_, k) => ({ itemId, expertId: `e${(i * K + k) % EXPERTS}` })));
await app.store.commit(id, { type: 'panel.assigned', assignments, summary: { perItem: K, assigned: assignments.length, unassigned: 0, cost: 0, droppedManual: 0 } }, 'bench');
console.log(`${EXPERTS} experts × ${PER} nominations each (${ITEMS} nominations, K = ${K})`);

// The way it was: every sheet written on main, one after another.
const doc = app.store.get(id)!;
const c = doc.campaign;
const identity = openIdentity(data, { now: () => new Date() });
const me = identity.view();
const byExpert = new Map<string, string[]>();
for (const a of assignments) byExpert.set(a.expertId, [...(byExpert.get(a.expertId) ?? []), a.itemId]);
const onMain = await probe(async () => {
  for (const [eid, ids] of byExpert) {
    await writeScoreSheet({
      campaign: c, expert: { name: eid, code: eid }, items: ids.map((x) => packetItem(c, doc.nominations.find((n) => n.id === x)!)),
      pkg: '{}', packageSignature: identity.sign('{}'), secretary: { name: me.name, publicKey: me.publicKey }, seq: 0,
    });
  }
});
console.log(`on main, one by one:   ${(onMain.wall / 1000).toFixed(1)} s, main's loop held up to ${onMain.gap.toFixed(0)} ms`);

for (const run of [1, 2]) {
  const pool = await probe(() => call('scoring.exportSheets', { campaignId: id, jobId: `bench-${run}` }));
  console.log(`worker pool (run ${run}):  ${(pool.wall / 1000).toFixed(1)} s, main's loop held up to ${pool.gap.toFixed(0)} ms, ${pool.value.files.length} files`);
  if (run === 2) {
    const files = pool.value.files;
    const total = files.reduce((n, f) => n + f.bytes.length, 0);
    for (const level of [0, 6] as const) {
      const t0 = performance.now();
      const zip = zipSync({ ...Object.fromEntries(files.map((f) => [f.name, f.bytes])), 'README.txt': strToU8('x') }, { level });
      console.log(`zip, level ${level}: ${(performance.now() - t0).toFixed(0)} ms, ${(total / 1e6).toFixed(1)} MB → ${(zip.length / 1e6).toFixed(1)} MB`);
    }
  }
}
await app.close();
fs.rmSync(data, { recursive: true, force: true });
