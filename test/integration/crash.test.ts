// Kill -9 a process that commits as fast as it can, at random moments, again and again; after each kill the store
// must open and hold every change the writer saw acknowledged.
//
// SIGKILL ends the process but not the kernel: what reached the page cache still reaches the disk. So this test
// proves the ordering (append before acknowledging, atomic snapshot replacement, journal kept until the backup covers
// it, recovery on open), not survival of power loss; that rests on the fsync discipline (fdatasync of each journal
// line before the commit resolves, fsync of snapshot files and of their folder after each rename).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../main/store/store.ts';
import { tempDir } from '../../main/store/test-helpers.ts';
import { historyOf } from '../../shared/store/doc.ts';

const KILLS = Number(process.env.CRASH_KILLS ?? 30);
const WRITER = path.resolve('test/crash/writer.ts');

interface Run {
  readonly acks: readonly { seq: number; name: string }[];
  readonly stderr: string;
  readonly killed: boolean;
}

/** Start the writer, wait until it is committing, let it run 20–300 ms, kill it with SIGKILL. */
function runAndKill(dataDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let armed = false;
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (!armed && /^ready /m.test(out)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), 20 + Math.random() * 280);
      }
    });
    child.stderr.on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      const acks = [...out.matchAll(/^ack (\d+) (n-\d+)$/gm)].map((m) => ({ seq: Number(m[1]), name: m[2] as string }));
      resolve({ acks, stderr, killed: signal === 'SIGKILL' });
    });
  });
}

const index = (name: string) => Number(name.slice(2));

describe('crash safety', () => {
  it(`keeps every acknowledged change across ${KILLS} kill -9s`, { timeout: 60_000 + KILLS * 5_000 }, async () => {
    const data = tempDir('paneldesk-crash-');
    const acked = new Map<number, string>();
    let last: { seq: number; name: string } | undefined;
    const stats = { midFold: 0, torn: 0 };
    const started = Date.now();
    for (let k = 0; k < KILLS; k++) {
      const run = await runAndKill(data);
      expect(run.killed, `writer ended by itself: ${run.stderr}`).toBe(true);
      for (const a of run.acks) {
        acked.set(a.seq, a.name);
        last = a;
      }
      // A snapshot temp file left behind means the kill landed while a fold was writing.
      if (fs.readdirSync(path.join(data, 'campaigns', 'crash')).some((n) => n.includes('.tmp-'))) stats.midFold++;
      const store = await openStore({ dataDir: data });
      if (store.recoveries().some((r) => r.kind === 'journal-torn')) stats.torn++;
      try {
        const doc = store.get('crash');
        expect(doc, `kill ${k}: campaign missing`).toBeDefined();
        if (!doc || !last) continue;
        expect(doc.seq).toBeGreaterThanOrEqual(last.seq);
        expect(index(doc.campaign.name)).toBeGreaterThanOrEqual(index(last.name));
        // Every acknowledged change is in the history, with the value acknowledged.
        const after = new Map(historyOf(doc).map((h) => [h.seq, h.type === 'campaign.created' ? 'n-0' : String(h.changes[0]?.after)]));
        for (const [seq, name] of acked) expect(after.get(seq), `kill ${k}: entry ${seq}`).toBe(name);
        // kill -9 may tear a line at worst; it never damages a snapshot or the middle of a journal.
        expect(store.recoveries().filter((r) => r.kind !== 'journal-torn')).toEqual([]);
      } finally {
        await store.close();
      }
    }
    expect(acked.size).toBeGreaterThan(KILLS);
    // The writer puts each journal line down in pieces, so some kills must have torn one: that path was exercised.
    expect(stats.torn, 'no kill landed mid-line').toBeGreaterThan(0);
    console.log(`crash test: ${KILLS} kills in ${((Date.now() - started) / 1000).toFixed(1)} s, ${acked.size} acknowledged changes checked, ${stats.midFold} kills during a snapshot write, ${stats.torn} torn journal lines`);
  });
});
