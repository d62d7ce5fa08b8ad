// A snapshot is trusted only once the whole doc checks out: one with the right outline but missing fields is set
// aside and the campaign rebuilt from the backup and the journal, which is never cut for it.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listSegments } from './journal.ts';
import { openStore } from './store.ts';
import { campaign, clock, created, renamed, tempDir } from './test-helpers.ts';
import type { Store } from './types.ts';
import { historyOf } from '../../shared/store/doc.ts';

const open: Store[] = [];
async function openTracked(dataDir: string): Promise<Store> {
  const s = await openStore({ dataDir, now: clock() });
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => undefined);
});

/** Entries 1–11 of campaign c1; the files end as: backup at 6, snapshot at 11, journal-7 holding 7–11. */
async function eleven(data: string): Promise<{ dir: string; segment: string; segmentBytes: Buffer }> {
  const s = await openStore({ dataDir: data, now: clock() });
  await s.commit('c1', created('c1', 'n-1'), 't');
  for (let i = 2; i <= 11; i++) {
    await s.commit('c1', renamed(s.get('c1')?.campaign ?? campaign('c1'), `n-${i}`), 't');
    if (i === 3 || i === 6) await s.fold();
  }
  await s.close();
  const dir = path.join(data, 'campaigns', 'c1');
  const segment = listSegments(dir).find((x) => x.firstSeq === 7)?.file ?? '';
  return { dir, segment, segmentBytes: fs.readFileSync(segment) };
}

describe('snapshot check', () => {
  it('a snapshot with the right outline but missing fields is set aside; backup + journal rebuild every acknowledged change', async () => {
    const data = tempDir();
    const { dir, segment, segmentBytes } = await eleven(data);
    const bad = '{"schemaVersion":3,"campaign":{"id":"c1"},"seq":6}';
    fs.writeFileSync(path.join(dir, 'snapshot.json'), bad);

    const s = await openTracked(data);
    const doc = s.get('c1');
    expect(doc?.seq).toBe(11);
    expect(doc?.campaign.name).toBe('n-11');
    expect((doc ? historyOf(doc) : []).map((h) => h.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const [r] = s.recoveries();
    expect(r).toMatchObject({ campaignId: 'c1', kind: 'snapshot-corrupt', backupAvailable: true, entriesReplayed: 5 });
    expect(r?.action).toMatch(/not a whole campaign doc/);
    expect(s.recoveries()).toHaveLength(1);
    // The journal is whole, and the bad snapshot is kept aside.
    expect(fs.readFileSync(segment)).toEqual(segmentBytes);
    expect(fs.readFileSync(path.join(data, r?.preserved[0] ?? ''), 'utf8')).toBe(bad);

    await s.commit('c1', renamed(doc?.campaign ?? campaign('c1'), 'n-12'), 't');
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')).toMatchObject({ seq: 12, campaign: { name: 'n-12' } });
    expect(again.recoveries()).toEqual([]);
  });

  it('wrong types deep inside (a nomination, a history line, a setting) make the snapshot damaged too', async () => {
    const data = tempDir();
    const { dir } = await eleven(data);
    const good = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')) as Record<string, unknown>;
    const breakages: ((d: Record<string, unknown>) => Record<string, unknown>)[] = [
      (d) => ({ ...d, nominations: [{ id: 'n1' }] }),
      (d) => ({ ...d, history: [{ seq: 1, at: 'x', actor: 't', type: 'campaign.created' }] }),
      (d) => ({ ...d, campaign: { ...(d.campaign as object), settings: { assignment: { perItem: 'five' } } } }),
      (d) => ({ ...d, imports: 'none' }),
    ];
    for (const [i, brk] of breakages.entries()) {
      fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(brk(good)));
      const s = await openTracked(data);
      expect(s.recoveries()[0], `breakage ${i}`).toMatchObject({ kind: 'snapshot-corrupt' });
      expect(s.get('c1')?.seq, `breakage ${i}`).toBe(11);
      await s.close();
    }
  });

  it('a snapshot that checks out but does not match the journal: backup + journal rebuild, and the journal is not cut', async () => {
    const data = tempDir();
    const { dir, segment, segmentBytes } = await eleven(data);
    const bak = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json.bak'), 'utf8')) as { seq: number };
    expect(bak.seq).toBe(6);
    // A whole doc, but at entry 3: journal-7 cannot follow on from it.
    fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify({ ...bak, seq: 3 }));
    const s = await openTracked(data);
    expect(s.get('c1')).toMatchObject({ seq: 11, campaign: { name: 'n-11' } });
    expect(s.recoveries()).toHaveLength(1);
    expect(s.recoveries()[0]).toMatchObject({ kind: 'snapshot-corrupt', entriesReplayed: 5 });
    expect(s.recoveries()[0]?.action).toMatch(/does not match the journal: entry 7 does not follow entry 3/);
    expect(fs.readFileSync(segment)).toEqual(segmentBytes);
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')?.seq).toBe(11);
    expect(again.recoveries()).toEqual([]);
    // The set-aside snapshot never became the backup.
    expect((JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json.bak'), 'utf8')) as { seq: number }).seq).not.toBe(3);
  });

  it('a bad snapshot and no backup: the journal alone rebuilds, and is not cut', async () => {
    const data = tempDir();
    const s0 = await openStore({ dataDir: data, now: clock() });
    await s0.commit('c1', created('c1', 'n-1'), 't');
    await s0.commit('c1', renamed(s0.get('c1')?.campaign ?? campaign('c1'), 'n-2'), 't');
    await s0.close(); // snapshot at 2, no backup, journal-1 holds 1–2
    const dir = path.join(data, 'campaigns', 'c1');
    const journal = fs.readFileSync(path.join(dir, 'journal-1.ndjson'));
    fs.writeFileSync(path.join(dir, 'snapshot.json'), '{"schemaVersion":3,"campaign":{"id":"c1"},"seq":2,"history":[],"nominations":[],"imports":[],"mappings":{}}');
    const s = await openTracked(data);
    expect(s.get('c1')).toMatchObject({ seq: 2, campaign: { name: 'n-2', kind: 'papers' } });
    expect(s.recoveries()[0]).toMatchObject({ kind: 'snapshot-corrupt', backupAvailable: false, entriesReplayed: 2 });
    expect(fs.readFileSync(path.join(dir, 'journal-1.ndjson'))).toEqual(journal);
  });
});
