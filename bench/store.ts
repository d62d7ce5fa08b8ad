// The store's costs on a campaign the size design.md plans for (100,000 criterion scores and as many history
// entries, a 30+ MB snapshot):
// (a) the floor: append one journal-sized line to a file and fdatasync it;
// (b) a change made durable through store.commit, against that floor (aim: p99 ≤ 4× the floor's p99);
// (c) opening the campaign, against a bare JSON.parse(readFileSync()) of its snapshot.
// Floor and commit samples alternate, so both see the same disk and the same load.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { newCampaign, type Campaign } from '../shared/campaign/campaign.ts';
import { encodeLine } from '../main/store/journal.ts';
import { openStore } from '../main/store/store.ts';
import { historyFrom, type HistoryEntry } from '../shared/campaign/history.ts';
import { applyEntry, historyOf, type Change } from '../shared/store/doc.ts';

const N = 500;
const WARMUP = 20;
const OPENS = 5;
const AIM_P99_RATIO = 4;
const HISTORY_ENTRIES = 100_000;

function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
}
/** A full collection before each timed open, so neither the open nor the bare parse pays for the other's garbage. */
function collector(): () => void {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as unknown;
  return typeof gc === 'function' ? (gc as () => void) : () => undefined;
}

const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** 2,500 nominations × 8 experts × 5 criteria = 100,000 scores. */
function scores(): object[] {
  const criteria = ['innovation', 'rigour', 'impact', 'clarity', 'relevance'];
  const out: object[] = [];
  for (let item = 0; item < 2500; item++) {
    for (let k = 0; k < 8; k++) {
      const expertId = `e-${String((item * 7 + k * 13) % 200).padStart(4, '0')}`;
      for (const criterionId of criteria) {
        out.push({ itemId: `n-${String(item).padStart(5, '0')}`, expertId, criterionId, value: ((item + k) % 20) / 2, at: '2026-04-01T09:30:00.000Z', by: expertId });
      }
    }
  }
  return out;
}

/** What scoring will leave: one history entry per score entered (the first is the campaign's creation). */
function history(first: HistoryEntry, n: number): HistoryEntry[] {
  const out: HistoryEntry[] = [first];
  for (let seq = 2; seq <= n; seq++) {
    const item = `n-${String(seq % 2500).padStart(5, '0')}`;
    const expert = `e-${String(seq % 200).padStart(4, '0')}`;
    out.push({ seq, at: '2026-04-01T09:30:00.000Z', actor: expert, type: 'scores.entered', changes: [{ key: `scores.${item}.${expert}.innovation`, before: null, after: (seq % 20) / 2 }] });
  }
  return out;
}

function rename(c: Campaign, name: string): Change {
  return { type: 'campaign.replaced', campaign: { ...c, name }, changes: [{ key: 'name', before: c.name, after: name }] };
}

export async function benchStore(_opts: { check: boolean }): Promise<{ lines: string[]; ok: boolean }> {
  const root = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'paneldesk-bench-'));
  const lines: string[] = [];
  try {
    const dataDir = path.join(root, 'data');
    const id = 'bench';
    const dir = path.join(dataDir, 'campaigns', id);
    fs.mkdirSync(dir, { recursive: true });
    const campaign = newCampaign({ template: 'papers', name: 'bench-0', year: 2026 }, id, '2026-01-01T00:00:00.000Z');
    // The doc as the store makes it, with 100,000 history entries and a scores collection (no scoring slice yet: the
    // reducers pass it through), as a campaign is once scoring is done.
    const created = applyEntry(null, { seq: 1, at: campaign.createdAt, actor: 'bench', change: { type: 'campaign.created', campaign } });
    const seeded = history(historyOf(created)[0]!, HISTORY_ENTRIES);
    const doc = { ...created, seq: HISTORY_ENTRIES, history: historyFrom(seeded), scores: scores() };
    const snapshotFile = path.join(dir, 'snapshot.json');
    fs.writeFileSync(snapshotFile, JSON.stringify(doc));
    const snapshotBytes = fs.statSync(snapshotFile).size;
    lines.push(`store: campaign snapshot ${mb(snapshotBytes)} with ${doc.scores.length.toLocaleString('en')} scores and ${seeded.length.toLocaleString('en')} history entries`);

    const store = await openStore({ dataDir });
    const sampleLine = encodeLine({ seq: HISTORY_ENTRIES + 1, at: new Date().toISOString(), actor: 'bench', change: rename(campaign, 'bench-00000') });
    const floorFile = path.join(dir, 'floor.ndjson');
    const fd = fs.openSync(floorFile, 'a');
    const floorBuf = Buffer.from(sampleLine);
    const floor: number[] = [];
    const commit: number[] = [];
    let current = campaign;
    for (let i = 0; i < WARMUP + N; i++) {
      let t = performance.now();
      fs.writeSync(fd, floorBuf);
      fs.fdatasyncSync(fd);
      const f = performance.now() - t;
      const change = rename(current, `bench-${String(i).padStart(5, '0')}`);
      t = performance.now();
      await store.commit(id, change, 'bench');
      const c = performance.now() - t;
      current = (change as Extract<Change, { type: 'campaign.replaced' }>).campaign;
      if (i >= WARMUP) {
        floor.push(f);
        commit.push(c);
      }
    }
    fs.closeSync(fd);
    fs.rmSync(floorFile);
    const fp50 = quantile(floor, 0.5);
    const fp99 = quantile(floor, 0.99);
    const cp50 = quantile(commit, 0.5);
    const cp99 = quantile(commit, 0.99);
    const ratio = cp99 / fp99;
    const ok = ratio <= AIM_P99_RATIO;
    lines.push(`store: floor, append ${floorBuf.length} B + fdatasync (N=${N}): p50 ${ms(fp50)}, p99 ${ms(fp99)}`);
    lines.push(`store: change → durable save, store.commit (N=${N}): p50 ${ms(cp50)}, p99 ${ms(cp99)}, max ${ms(Math.max(...commit))}; p99 ratio to floor ${ratio.toFixed(2)}× (aim ≤ ${AIM_P99_RATIO}×) ${ok ? 'ok' : 'MISSED'}`);

    // The fold of one change into this doc, alone: the chunked history against copying the whole history per change.
    const live = store.get(id)!;
    const reduce: number[] = [];
    const flatCopy: number[] = [];
    for (let i = 0; i < N; i++) {
      const entry = { seq: live.seq + 1, at: campaign.createdAt, actor: 'bench', change: rename(current, `fold-${i}`) };
      let t2 = performance.now();
      applyEntry(live, entry);
      reduce.push(performance.now() - t2);
      const all = historyOf(live);
      t2 = performance.now();
      const copied = [...all, all[0]!];
      flatCopy.push(performance.now() - t2);
      if (copied.length !== all.length + 1) throw new Error('bench: copy');
    }
    lines.push(`store: one change folded in (applyEntry, ${historyOf(live).length.toLocaleString('en')} history entries, N=${N}): p50 ${ms(quantile(reduce, 0.5))}, p99 ${ms(quantile(reduce, 0.99))}; copying the history whole, as before schema 4: p50 ${ms(quantile(flatCopy, 0.5))}, p99 ${ms(quantile(flatCopy, 0.99))}`);

    // A fold, with changes going on: the snapshot is serialised in slices and written while commits append to the
    // new journal segment. Measured: the longest the event loop was blocked, and the slowest commit meanwhile.
    let t = performance.now();
    let longestBlock = 0;
    let lastTick = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longestBlock = Math.max(longestBlock, now - lastTick);
      lastTick = now;
    }, 1);
    let folded = false;
    const folding = store.fold().then(() => (folded = true));
    const during: number[] = [];
    while (!folded) {
      const t2 = performance.now();
      await store.commit(id, rename(current, `during-fold-${during.length}`), 'bench');
      during.push(performance.now() - t2);
      await new Promise((r) => setTimeout(r, 2));
    }
    await folding;
    clearInterval(ticker);
    const foldTotal = performance.now() - t;
    lines.push(`store: fold of the ${mb(fs.statSync(snapshotFile).size)} snapshot: ${ms(foldTotal)}; event loop blocked at most ${ms(longestBlock)}; ${during.length} changes committed meanwhile, slowest ${ms(Math.max(...during))}`);
    const committed = HISTORY_ENTRIES + N + WARMUP + during.length;
    await store.close();

    const opens: number[] = [];
    const parses: number[] = [];
    const gc = collector();
    for (let i = 0; i < OPENS; i++) {
      gc();
      t = performance.now();
      JSON.parse(fs.readFileSync(snapshotFile, 'utf8'));
      parses.push(performance.now() - t);
      gc();
      t = performance.now();
      const s = await openStore({ dataDir });
      opens.push(performance.now() - t);
      const back = s.get(id);
      if (back?.seq !== committed || historyOf(back).length !== committed) throw new Error('bench: the reopened campaign lacks changes');
      await s.close();
    }
    const open = quantile(opens, 0.5);
    const parse = quantile(parses, 0.5);
    lines.push(`store: open the campaign (median of ${OPENS}): ${ms(open)}; bare JSON.parse(readFileSync) ${ms(parse)}; ratio ${(open / parse).toFixed(2)}×`);
    return { lines, ok };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
