// The crash test's victim: opens the store on DATADIR, creates campaign "crash" if it is not there, then renames it
// n-1, n-2, … as fast as it can, printing `ack <seq> <name>` after each commit resolves. It never stops by itself:
// the parent kills it with SIGKILL.
import fs from 'node:fs';
import { newCampaign, type Campaign } from '../../shared/campaign/campaign.ts';
import { openStore } from '../../main/store/store.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  fs.writeSync(2, 'usage: writer.ts DATADIR\n');
  process.exit(2);
}
const id = 'crash';
// fs.writeSync: the line is in the pipe before the next commit starts, even if the process dies right after.
const say = (line: string) => fs.writeSync(1, `${line}\n`);

// A journal line reaches the file in three writes with a pause between them, as a slow or busy disk may take it, so
// that kills land mid-line and the torn-line path of recovery is exercised (one write() of a few KB never tears).
const realWriteSync = fs.writeSync.bind(fs) as (fd: number, buf: Uint8Array, off?: number, len?: number) => number;
const pause = new Int32Array(new SharedArrayBuffer(4));
(fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]): number => {
  if (fd <= 2 || !(data instanceof Uint8Array)) return (realWriteSync as (...a: unknown[]) => number)(fd, data, ...rest);
  const off = typeof rest[0] === 'number' ? rest[0] : 0;
  const len = typeof rest[1] === 'number' ? rest[1] : data.length - off;
  const piece = Math.max(1, Math.ceil(len / 3));
  let done = 0;
  while (done < len) {
    if (done > 0) Atomics.wait(pause, 0, 0, 4);
    done += realWriteSync(fd, data, off + done, Math.min(piece, len - done));
  }
  return done;
};

// Small thresholds, so that kills land during folds too.
const store = await openStore({ dataDir, foldEntries: 10, foldBytes: 256 * 1024 });
let c: Campaign | undefined = store.get(id)?.campaign;
if (!c) {
  // A whole campaign: the store checks each snapshot against the doc's schema before it trusts it.
  c = newCampaign({ template: 'papers', name: 'n-0', year: 2026 }, id, new Date().toISOString());
  const e = await store.commit(id, { type: 'campaign.created', campaign: c }, 'writer');
  say(`ack ${e.seq} ${c.name}`);
}
let i = Number(c.name.slice(2));
say(`ready ${i}`);
for (;;) {
  i++;
  const next: Campaign = { ...c, name: `n-${i}` };
  const e = await store.commit(id, { type: 'campaign.replaced', campaign: next, changes: [{ key: 'name', before: c.name, after: next.name }] }, 'writer');
  say(`ack ${e.seq} ${next.name}`);
  c = next;
  // Let scheduled folds run between commits, as they do between calls in the app.
  await new Promise((r) => setImmediate(r));
}
