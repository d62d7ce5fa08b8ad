import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { applyEntry, historyOf, SCHEMA_VERSION, type CampaignDoc } from '../../shared/store/doc.ts';
import { encodeLine, listSegments } from './journal.ts';
import { openStore } from './store.ts';
import { campaign, clock, created, renamed, tempDir, treeBytes } from './test-helpers.ts';
import type { Store } from './types.ts';

const open: Store[] = [];
async function openTracked(dataDir: string, extra: { foldEntries?: number; foldBytes?: number } = {}): Promise<Store> {
  const s = await openStore({ dataDir, now: clock(), ...extra });
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => undefined);
});

async function expectCode(p: Promise<unknown>, code: string): Promise<AppError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  expect((e as AppError).code).toBe(code);
  return e as AppError;
}

/** Create campaign `id` and rename it n times: n-1 … n-n. */
async function seed(s: Store, id: string, n: number): Promise<void> {
  await s.commit(id, created(id, 'n-0'), 'tester');
  for (let i = 1; i <= n; i++) await s.commit(id, renamed(s.get(id)?.campaign ?? campaign(id), `n-${i}`), 'tester');
}

function campaignDir(data: string, id: string): string {
  return path.join(data, 'campaigns', id);
}

function names(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('openStore: the common path', () => {
  it('creates the data folder, journals each commit with fsync, and reopens to the same state', async () => {
    const data = path.join(tempDir(), 'nested', 'data');
    const s = await openTracked(data);
    expect(fs.existsSync(path.join(data, 'paneldesk.lock'))).toBe(true);
    const e = await s.commit('c1', created('c1', 'First'), 'alice');
    expect(e.seq).toBe(1);
    expect(e.at).toMatch(/^2026-03-01T08:00:0\d\.000Z$/);
    await s.commit('c1', renamed(campaign('c1', 'First'), 'Second'), 'alice');
    expect(s.get('c1')?.campaign.name).toBe('Second');
    expect(s.get('c1')?.seq).toBe(2);
    // One line per change, the campaign folder holds journal-1 only (nothing folded yet).
    const journal = fs.readFileSync(path.join(campaignDir(data, 'c1'), 'journal-1.ndjson'), 'utf8');
    expect(journal.split('\n')).toHaveLength(3);
    expect(journal.split('\n')[0]).toMatch(/^\{.*\}\t[0-9a-f]{64}$/);

    // A second process view (no close, as after kill -9): drop our lock by closing, then reopen.
    await s.close();
    expect(fs.existsSync(path.join(data, 'paneldesk.lock'))).toBe(false);
    const again = await openTracked(data);
    expect(again.get('c1')?.campaign.name).toBe('Second');
    expect(historyOf(again.get('c1')!).map((h) => h.seq)).toEqual([1, 2]);
    expect(again.recoveries()).toEqual([]);
  });

  it('lists campaigns in creation order', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    for (const id of ['zz', 'aa', 'mm']) {
      const c = { ...campaign(id), createdAt: `2026-01-0${['zz', 'aa', 'mm'].indexOf(id) + 1}T00:00:00.000Z` };
      await s.commit(id, { type: 'campaign.created', campaign: c }, 't');
    }
    expect(s.list().map((d) => d.campaign.id)).toEqual(['zz', 'aa', 'mm']);
    await s.close();
    const again = await openTracked(data);
    expect(again.list().map((d) => d.campaign.id)).toEqual(['zz', 'aa', 'mm']);
  });

  it('applies commits one at a time in call order', async () => {
    const s = await openTracked(tempDir());
    await s.commit('c1', created('c1', 'n-0'), 't');
    const c = campaign('c1', 'n-0');
    const all = await Promise.all(Array.from({ length: 50 }, (_, i) => s.commit('c1', renamed(c, `n-${i + 1}`), 't')));
    expect(all.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    expect(s.get('c1')?.campaign.name).toBe('n-50');
  });

  it('rejects bad ids, unknown campaigns and changes that do not apply, journaling nothing', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    await expectCode(s.commit('../evil', created('../evil'), 't'), 'BAD_ARGUMENTS');
    await expectCode(s.commit('CON', created('CON'), 't'), 'BAD_ARGUMENTS');
    await expectCode(s.commit('nope', renamed(campaign('nope'), 'x'), 't'), 'NOT_FOUND');
    await expectCode(s.commit('c1', created('c2'), 't'), 'BAD_ARGUMENTS');
    expect(names(path.join(data, 'campaigns'))).toEqual([]);
    await s.commit('c1', created('c1'), 't');
    const before = fs.readFileSync(path.join(campaignDir(data, 'c1'), 'journal-1.ndjson'), 'utf8');
    // applyEntry throws (already exists): the change is not journaled and the store goes on.
    await expectCode(s.commit('c1', created('c1'), 't'), 'BAD_ARGUMENTS');
    await expectCode(s.commit('C1', created('C1'), 't'), 'BAD_ARGUMENTS');
    expect(fs.readFileSync(path.join(campaignDir(data, 'c1'), 'journal-1.ndjson'), 'utf8')).toBe(before);
    const e = await s.commit('c1', renamed(campaign('c1'), 'ok'), 't');
    expect(e.seq).toBe(2);
  });

  it('a failed fsync rejects the commit, cuts the partial line off, and leaves memory as it was', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    await s.commit('c1', created('c1', 'A'), 't');
    const seg = path.join(campaignDir(data, 'c1'), 'journal-1.ndjson');
    const before = fs.readFileSync(seg);
    const spy = vi.spyOn(fs, 'fdatasyncSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' });
    });
    try {
      const e = await expectCode(s.commit('c1', renamed(campaign('c1'), 'B'), 't'), 'STORE_UNWRITABLE');
      expect(e.message).toContain('EIO');
    } finally {
      spy.mockRestore();
    }
    expect(fs.readFileSync(seg)).toEqual(before);
    expect(s.get('c1')?.seq).toBe(1);
    expect((await s.commit('c1', renamed(campaign('c1'), 'C'), 't')).seq).toBe(2);
    await s.close();
    expect((await openTracked(data)).get('c1')?.campaign.name).toBe('C');
  });

  it('a campaign whose creation failed to save can be created again', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    const spy = vi.spyOn(fs, 'fdatasyncSync').mockImplementationOnce(() => {
      throw Object.assign(new Error('ENOSPC: no space left on device, fdatasync'), { code: 'ENOSPC' });
    });
    try {
      await expectCode(s.commit('c1', created('c1', 'A'), 't'), 'DISK_FULL');
    } finally {
      spy.mockRestore();
    }
    expect(s.get('c1')).toBeUndefined();
    expect((await s.commit('c1', created('c1', 'A'), 't')).seq).toBe(1);
    await s.close();
    expect((await openTracked(data)).list().map((d) => d.campaign.name)).toEqual(['A']);
  });

  it('when a failed line cannot be cut off, the campaign refuses saves until the next open, which repairs it', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    await s.commit('c1', created('c1', 'A'), 't');
    const fail = (what: string) => () => {
      throw Object.assign(new Error(`EIO: i/o error, ${what}`), { code: 'EIO' });
    };
    const spies = [vi.spyOn(fs, 'fdatasyncSync').mockImplementationOnce(fail('fdatasync')), vi.spyOn(fs, 'ftruncateSync').mockImplementationOnce(fail('ftruncate'))];
    try {
      await expectCode(s.commit('c1', renamed(campaign('c1'), 'B'), 't'), 'STORE_UNWRITABLE');
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const e = await expectCode(s.commit('c1', renamed(campaign('c1'), 'C'), 't'), 'STORE_UNWRITABLE');
    expect(e.message).toContain('restarted');
    await s.close();
    const again = await openTracked(data);
    // The unacknowledged line reached the file whole, so it may count; nothing after it was written.
    expect(['A', 'B']).toContain(again.get('c1')?.campaign.name);
    const seq = again.get('c1')?.seq ?? 0;
    expect((await again.commit('c1', renamed(campaign('c1'), 'D'), 't')).seq).toBe(seq + 1);
  });

  it('refuses commits after close', async () => {
    const s = await openTracked(tempDir());
    await s.close();
    await expectCode(s.commit('c1', created('c1'), 't'), 'INTERNAL');
  });
});

describe('folding', () => {
  it('folds after foldEntries, keeps the previous snapshot as .bak and the segments the backup needs', async () => {
    const data = tempDir();
    const s = await openTracked(data, { foldEntries: 5 });
    const dir = campaignDir(data, 'c1');
    await seed(s, 'c1', 4); // seq 1..5
    await s.fold(); // snapshot at 5, no backup yet
    expect(names(dir)).toEqual(['journal-1.ndjson', 'journal-6.ndjson', 'snapshot.json']);
    for (let i = 5; i <= 9; i++) await s.commit('c1', renamed(campaign('c1'), `n-${i}`), 't');
    await s.fold(); // snapshot at 10, backup at 5: journal-1 (1..5) is all in the backup
    expect(names(dir)).toEqual(['journal-11.ndjson', 'journal-6.ndjson', 'snapshot.json', 'snapshot.json.bak']);
    const snap = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')) as CampaignDoc;
    const bak = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json.bak'), 'utf8')) as CampaignDoc;
    expect([snap.seq, bak.seq]).toEqual([10, 5]);
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')?.seq).toBe(10);
  });

  it('folds off the commit path by itself once the threshold is reached', async () => {
    const data = tempDir();
    const s = await openTracked(data, { foldEntries: 3 });
    await seed(s, 'c1', 3);
    // The fold runs in the background: wait for it rather than for a fixed time (CI machines are slow).
    await vi.waitFor(() => expect(names(campaignDir(data, 'c1'))).toContain('snapshot.json'), { timeout: 10_000, interval: 20 });
  });

  it('folds by bytes too', async () => {
    const data = tempDir();
    const s = await openTracked(data, { foldBytes: 1000 });
    await seed(s, 'c1', 1);
    // The fold runs in the background: wait for it rather than for a fixed time (CI machines are slow).
    await vi.waitFor(() => expect(names(campaignDir(data, 'c1'))).toContain('snapshot.json'), { timeout: 10_000, interval: 20 });
  });

  it('close folds everything; reopening reads the snapshot alone', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    await seed(s, 'c1', 3);
    await s.close();
    const dir = campaignDir(data, 'c1');
    expect(names(dir)).toEqual(['journal-1.ndjson', 'journal-5.ndjson', 'snapshot.json']);
    expect(fs.statSync(path.join(dir, 'journal-5.ndjson')).size).toBe(0);
    const again = await openTracked(data);
    expect(again.get('c1')?.campaign.name).toBe('n-3');
  });

  it('keeps committing while a fold writes the snapshot, losing nothing', async () => {
    const data = tempDir();
    const s = await openTracked(data, { foldEntries: 2 });
    await s.commit('c1', created('c1', 'n-0'), 't');
    for (let i = 1; i <= 60; i++) {
      await s.commit('c1', renamed(campaign('c1'), `n-${i}`), 't');
      if (i % 7 === 0) await new Promise((r) => setImmediate(r));
    }
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')?.seq).toBe(61);
    expect(historyOf(again.get('c1')!)).toHaveLength(61);
  });
});

describe('recovery on open', () => {
  async function folded(data: string, renames = 3): Promise<void> {
    const s = await openStore({ dataDir: data, now: clock() });
    await seed(s, 'c1', renames);
    await s.fold();
    await s.commit('c1', renamed(campaign('c1'), 'after-fold-1'), 't');
    await s.fold(); // snapshot at renames+2, backup at renames+1
    await s.commit('c1', renamed(campaign('c1'), 'after-fold-2'), 't');
    await s.close(); // snapshot at renames+3, backup at renames+2
  }

  it('a snapshot that is not JSON: kept in damaged/, rebuilt from the backup and the journal', async () => {
    const data = tempDir();
    await folded(data);
    const dir = campaignDir(data, 'c1');
    fs.writeFileSync(path.join(dir, 'snapshot.json'), '{"schemaVersion":1,"seq":6,"camp');
    const s = await openTracked(data);
    expect(s.get('c1')?.campaign.name).toBe('after-fold-2');
    expect(s.get('c1')?.seq).toBe(6);
    const [r] = s.recoveries();
    expect(r).toMatchObject({ campaignId: 'c1', kind: 'snapshot-corrupt', backupAvailable: true, entriesReplayed: 1 });
    expect(r?.preserved).toHaveLength(1);
    expect(r?.preserved[0]).toMatch(/^campaigns\/c1\/damaged\/snapshot\.json\.2026-/);
    expect(fs.readFileSync(path.join(data, r?.preserved[0] ?? ''), 'utf8')).toBe('{"schemaVersion":1,"seq":6,"camp');
    // The damaged file is replaced by a good snapshot (off the open path), and never becomes the backup.
    await s.fold();
    await new Promise((r) => setTimeout(r, 20));
    expect((JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')) as CampaignDoc).seq).toBe(6);
    expect((JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json.bak'), 'utf8')) as CampaignDoc).seq).toBe(5);
    s.dismissRecovery('c1');
    expect(s.recoveries()).toEqual([]);
  });

  it('a snapshot that is JSON but not a doc counts as damaged too', async () => {
    const data = tempDir();
    await folded(data);
    fs.writeFileSync(path.join(campaignDir(data, 'c1'), 'snapshot.json'), '[1,2,3]');
    const s = await openTracked(data);
    expect(s.get('c1')?.seq).toBe(6);
    expect(s.recoveries()[0]?.kind).toBe('snapshot-corrupt');
  });

  it('a damaged snapshot without a backup is rebuilt from the journal alone', async () => {
    const data = tempDir();
    const s0 = await openStore({ dataDir: data, now: clock() });
    await seed(s0, 'c1', 2);
    await s0.close(); // first fold: snapshot, no backup, journal-1 kept
    fs.writeFileSync(path.join(campaignDir(data, 'c1'), 'snapshot.json'), 'garbage');
    const s = await openTracked(data);
    expect(s.get('c1')?.campaign.name).toBe('n-2');
    expect(s.recoveries()[0]).toMatchObject({ kind: 'snapshot-corrupt', backupAvailable: false, entriesReplayed: 3 });
  });

  it('a campaign folder with a journal and no snapshot is replayed silently', async () => {
    const data = tempDir();
    const dir = campaignDir(data, 'c1');
    fs.mkdirSync(dir, { recursive: true });
    const c = campaign('c1', 'A');
    fs.writeFileSync(path.join(dir, 'journal-1.ndjson'), [
      encodeLine({ seq: 1, at: 'x', actor: 't', change: { type: 'campaign.created', campaign: c } }),
      encodeLine({ seq: 2, at: 'x', actor: 't', change: renamed(c, 'B') }),
    ].join(''));
    const s = await openTracked(data);
    expect(s.get('c1')?.campaign.name).toBe('B');
    expect(s.recoveries()).toEqual([]);
  });

  it('a torn last line: the segment is kept aside, the tail cut off, and appends continue cleanly', async () => {
    const data = tempDir();
    const s0 = await openStore({ dataDir: data, now: clock() });
    await seed(s0, 'c1', 2);
    await s0.close(); // snapshot at 3, journal-4 empty
    const dir = campaignDir(data, 'c1');
    const seg = path.join(dir, 'journal-4.ndjson');
    const good = encodeLine({ seq: 4, at: 'x', actor: 't', change: renamed(campaign('c1'), 'four') });
    const torn = encodeLine({ seq: 5, at: 'x', actor: 't', change: renamed(campaign('c1'), 'lost') }).slice(0, 40);
    fs.writeFileSync(seg, good + torn);
    const s = await openTracked(data);
    expect(s.get('c1')?.seq).toBe(4);
    const [r] = s.recoveries();
    expect(r).toMatchObject({ kind: 'journal-torn', entriesReplayed: 1 });
    expect(fs.readFileSync(path.join(data, r?.preserved[0] ?? ''), 'utf8')).toBe(good + torn);
    expect(fs.readFileSync(seg, 'utf8')).toBe(good);
    await s.commit('c1', renamed(campaign('c1'), 'next'), 't');
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')?.campaign.name).toBe('next');
    expect(again.get('c1')?.seq).toBe(5);
    expect(again.recoveries()).toEqual([]);
  });

  it('a complete last line with a bad checksum is damage: kept aside and reported as a corrupt line, not dropped as torn', async () => {
    const data = tempDir();
    const dir = campaignDir(data, 'c1');
    fs.mkdirSync(dir, { recursive: true });
    const line1 = encodeLine({ seq: 1, at: 'x', actor: 't', change: created('c1') });
    const line2 = encodeLine({ seq: 2, at: 'x', actor: 't', change: renamed(campaign('c1'), 'B') }).replace('"B"', '"C"');
    fs.writeFileSync(path.join(dir, 'journal-1.ndjson'), line1 + line2);
    const s = await openTracked(data);
    expect(s.get('c1')?.seq).toBe(1);
    const [r] = s.recoveries();
    expect(r).toMatchObject({ campaignId: 'c1', kind: 'journal-corrupt-line' });
    expect(r?.action).toMatch(/damaged \(checksum mismatch/);
    expect(fs.readFileSync(path.join(data, r?.preserved[0] ?? ''), 'utf8')).toBe(line1 + line2);
    expect(fs.readFileSync(path.join(dir, 'journal-1.ndjson'), 'utf8')).toBe(line1);
  });

  it('a bad line in the middle: replay stops there, later lines are kept in the preserved copy and moved aside', async () => {
    const data = tempDir();
    const dir = campaignDir(data, 'c1');
    fs.mkdirSync(dir, { recursive: true });
    const c = campaign('c1', 'A');
    const lines = [
      encodeLine({ seq: 1, at: 'x', actor: 't', change: { type: 'campaign.created', campaign: c } }),
      encodeLine({ seq: 2, at: 'x', actor: 't', change: renamed(c, 'B') }),
      encodeLine({ seq: 3, at: 'x', actor: 't', change: renamed(c, 'C') }).replace('"C"', '"X"'),
      encodeLine({ seq: 4, at: 'x', actor: 't', change: renamed(c, 'D') }),
    ];
    fs.writeFileSync(path.join(dir, 'journal-1.ndjson'), lines.join(''));
    fs.writeFileSync(path.join(dir, 'journal-5.ndjson'), encodeLine({ seq: 5, at: 'x', actor: 't', change: renamed(c, 'E') }));
    const s = await openTracked(data);
    expect(s.get('c1')?.campaign.name).toBe('B');
    const [r] = s.recoveries();
    expect(r).toMatchObject({ kind: 'journal-corrupt-line', entriesReplayed: 2 });
    expect(r?.preserved).toHaveLength(2);
    const kept = r?.preserved.map((p) => fs.readFileSync(path.join(data, p), 'utf8')).join('') ?? '';
    expect(kept).toContain('"D"');
    expect(kept).toContain('"E"');
    expect(names(dir)).toEqual(['damaged', 'journal-1.ndjson']);
    // New entries follow on from B.
    const e = await s.commit('c1', renamed(c, 'F'), 't');
    expect(e.seq).toBe(3);
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')?.campaign.name).toBe('F');
    expect(again.recoveries()).toEqual([]);
  });

  it('a bad line among entries already in the snapshot does not stop anything', async () => {
    const data = tempDir();
    const dir = campaignDir(data, 'c1');
    fs.mkdirSync(dir, { recursive: true });
    const c = campaign('c1', 'A');
    const snapDoc: CampaignDoc = { ...applyEntry(null, { seq: 1, at: 'x', actor: 't', change: { type: 'campaign.created', campaign: c } }), seq: 3, campaign: { ...c, name: 'C' } };
    fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(snapDoc));
    fs.writeFileSync(path.join(dir, 'journal-1.ndjson'), [
      encodeLine({ seq: 1, at: 'x', actor: 't', change: { type: 'campaign.created', campaign: c } }),
      'garbage\n',
      encodeLine({ seq: 3, at: 'x', actor: 't', change: renamed(c, 'C') }),
      encodeLine({ seq: 4, at: 'x', actor: 't', change: renamed(c, 'D') }),
    ].join(''));
    const s = await openTracked(data);
    expect(s.get('c1')?.campaign.name).toBe('D');
    expect(s.recoveries()).toEqual([]);
  });

  it('a snapshot from a newer schema stops the open and touches nothing', async () => {
    const data = tempDir();
    await folded(data);
    const dir = campaignDir(data, 'c1');
    const doc = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify({ ...doc, schemaVersion: SCHEMA_VERSION + 98 }));
    fs.appendFileSync(path.join(listSegments(dir).at(-1)?.file ?? ''), 'torn');
    const before = treeBytes(data);
    const e = await expectCode(openStore({ dataDir: data }), 'STORE_SCHEMA_TOO_NEW');
    expect(e.values).toMatchObject({ campaignId: 'c1', version: SCHEMA_VERSION + 98 });
    expect(treeBytes(data)).toEqual(before);
    // The lock was released: after an upgrade (here: a fixed file), it opens.
    fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify(doc));
    const s = await openTracked(data);
    expect(s.get('c1')?.seq).toBe(6);
  });

  it('a damaged snapshot with a newer backup stops the open too', async () => {
    const data = tempDir();
    await folded(data);
    const dir = campaignDir(data, 'c1');
    const bak = JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json.bak'), 'utf8')) as Record<string, unknown>;
    fs.writeFileSync(path.join(dir, 'snapshot.json.bak'), JSON.stringify({ ...bak, schemaVersion: SCHEMA_VERSION + 1 }));
    fs.writeFileSync(path.join(dir, 'snapshot.json'), 'nope');
    const before = treeBytes(data);
    await expectCode(openStore({ dataDir: data }), 'STORE_SCHEMA_TOO_NEW');
    expect(treeBytes(data)).toEqual(before);
  });

  it('temp files a crash left during a fold are removed', async () => {
    const data = tempDir();
    await folded(data);
    const dir = campaignDir(data, 'c1');
    fs.writeFileSync(path.join(dir, 'snapshot.json.tmp-123-4'), '{"partial');
    fs.writeFileSync(path.join(dir, 'snapshot.json.bak.tmp-123-5'), '{}');
    const s = await openTracked(data);
    expect(s.get('c1')?.seq).toBe(6);
    expect(names(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('an older snapshot is migrated on reading', async () => {
    const data = tempDir();
    const dir = campaignDir(data, 'c1');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'snapshot.json'), JSON.stringify({ seq: 1, campaign: campaign('c1', 'Old') }));
    const s = await openTracked(data);
    expect(s.get('c1')).toMatchObject({ schemaVersion: SCHEMA_VERSION, seq: 1, history: { chunks: [] } });
  });

  it('a campaign whose first line was torn never existed: the folder is cleaned up for its creation', async () => {
    const data = tempDir();
    const dir = campaignDir(data, 'c1');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'journal-1.ndjson'), encodeLine({ seq: 1, at: 'x', actor: 't', change: created('c1') }).slice(0, 30));
    const s = await openTracked(data);
    expect(s.list()).toEqual([]);
    await s.commit('c1', created('c1', 'Again'), 't');
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')?.campaign.name).toBe('Again');
  });

  it('a journal of nothing but damaged lines is reported, not taken for an unfinished creation', async () => {
    const data = tempDir();
    const dir = campaignDir(data, 'c1');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'journal-1.ndjson'), 'bad\nbad\n');
    const s = await openTracked(data);
    expect(s.list()).toEqual([]);
    expect(s.recoveries()[0]).toMatchObject({ campaignId: 'c1', kind: 'snapshot-missing', backupAvailable: false });
    expect(fs.readFileSync(path.join(dir, 'journal-1.ndjson'), 'utf8')).toBe('bad\nbad\n');
  });

  it('a campaign that cannot be rebuilt is reported, not listed, and left as it is', async () => {
    const data = tempDir();
    const dir = campaignDir(data, 'c1');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'snapshot.json'), 'garbage');
    fs.writeFileSync(path.join(dir, 'journal-7.ndjson'), encodeLine({ seq: 7, at: 'x', actor: 't', change: renamed(campaign('c1'), 'B') }));
    const before = fs.readFileSync(path.join(dir, 'journal-7.ndjson'));
    const s = await openTracked(data);
    expect(s.list()).toEqual([]);
    expect(s.recoveries()[0]).toMatchObject({ kind: 'snapshot-corrupt', backupAvailable: false });
    expect(fs.readFileSync(path.join(dir, 'journal-7.ndjson'))).toEqual(before);
    await expectCode(s.commit('c1', renamed(campaign('c1'), 'x'), 't'), 'STORE_CORRUPT');
    await expectCode(s.restoreBackup('c1'), 'NO_BACKUP');
  });
});

describe('random damage', () => {
  /** A small deterministic generator, so a failure can be replayed. */
  function rng(seed: number): () => number {
    let x = seed >>> 0 || 1;
    return () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) / 2 ** 32;
    };
  }

  it('a damaged byte in a journal, or a cut snapshot, never stops the open nor invents data, and is reported', async () => {
    const template = tempDir();
    {
      const s = await openStore({ dataDir: template, now: clock(), foldEntries: 7 });
      await seed(s, 'c1', 29); // seq 1..30, folds along the way
      await s.fold();
      for (let i = 30; i < 40; i++) await s.commit('c1', renamed(campaign('c1'), `n-${i}`), 't'); // 31..40 in the journal only
      (s as Store & { abandon(): void }).abandon(); // as a crash would: no fold
    }
    const truth = (seq: number) => (seq === 1 ? 'n-0' : `n-${seq - 1}`);
    const random = rng(Number(process.env.DAMAGE_SEED ?? 20260301));
    for (let round = 0; round < Number(process.env.DAMAGE_ROUNDS ?? 40); round++) {
      const data = tempDir();
      fs.cpSync(template, data, { recursive: true });
      fs.rmSync(path.join(data, 'paneldesk.lock'), { force: true });
      const dir = campaignDir(data, 'c1');
      const files = names(dir).filter((n) => n.startsWith('journal-') || n.startsWith('snapshot.json'));
      const victim = path.join(dir, files[Math.floor(random() * files.length)] as string);
      const bytes = fs.readFileSync(victim);
      if (bytes.length === 0) continue;
      const at = Math.floor(random() * bytes.length);
      if (victim.includes('snapshot')) fs.writeFileSync(victim, bytes.subarray(0, at));
      else {
        bytes[at] = (bytes[at] as number) ^ (1 << Math.floor(random() * 8));
        fs.writeFileSync(victim, bytes);
      }
      const s = await openStore({ dataDir: data, now: clock() });
      try {
        const doc = s.get('c1');
        expect(doc, `round ${round}: ${path.basename(victim)} at ${at}`).toBeDefined();
        if (!doc) continue;
        expect(doc.seq).toBeLessThanOrEqual(40);
        for (const h of historyOf(doc)) expect(h.type === 'campaign.created' ? 'n-0' : h.changes[0]?.after).toBe(truth(h.seq));
        expect(doc.campaign.name).toBe(truth(doc.seq));
        if (doc.seq < 40) expect(s.recoveries().length, `round ${round}: silent loss`).toBeGreaterThan(0);
      } finally {
        await s.close();
      }
    }
  });
});

describe('restoreBackup', () => {
  it('keeps the current files aside, puts the backup back and replays the journal after it', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    await seed(s, 'c1', 2); // 1..3
    await s.fold(); // snapshot 3
    await s.commit('c1', renamed(campaign('c1'), 'four'), 't');
    await s.fold(); // snapshot 4, bak 3
    await s.commit('c1', renamed(campaign('c1'), 'five'), 't');
    const dir = campaignDir(data, 'c1');
    const r = await s.restoreBackup('c1');
    expect(r).toMatchObject({ restoredSeq: 5, backupSeq: 3, entriesReplayed: 2 });
    expect(r.keptAside.some((p) => p.startsWith('campaigns/c1/replaced/') && p.includes('snapshot.json'))).toBe(true);
    expect((JSON.parse(fs.readFileSync(path.join(dir, 'snapshot.json'), 'utf8')) as CampaignDoc).seq).toBe(3);
    expect(s.get('c1')?.campaign.name).toBe('five');
    await s.commit('c1', renamed(campaign('c1'), 'six'), 't');
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')?.campaign.name).toBe('six');
    expect(again.get('c1')?.seq).toBe(6);
  });

  it('stops at a damaged journal line after the backup, keeping the rest aside, and continues cleanly', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    await seed(s, 'c1', 2); // 1..3
    await s.fold(); // snapshot 3
    await s.commit('c1', renamed(campaign('c1'), 'four'), 't');
    await s.fold(); // snapshot 4, bak 3; journal-4 holds 4 (and is kept: the backup needs it)
    await s.commit('c1', renamed(campaign('c1'), 'five'), 't');
    const seg4 = path.join(campaignDir(data, 'c1'), 'journal-4.ndjson');
    fs.writeFileSync(seg4, fs.readFileSync(seg4, 'utf8').replace('"four"', '"FOUR"'));
    const r = await s.restoreBackup('c1');
    expect(r).toMatchObject({ restoredSeq: 3, backupSeq: 3, entriesReplayed: 0 });
    expect(s.recoveries()[0]).toMatchObject({ kind: 'journal-corrupt-line', campaignId: 'c1' });
    const kept = s.recoveries()[0]?.preserved.map((p) => fs.readFileSync(path.join(data, p), 'utf8')).join('') ?? '';
    expect(kept).toContain('"five"');
    expect((await s.commit('c1', renamed(campaign('c1'), 'four again'), 't')).seq).toBe(4);
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')).toMatchObject({ seq: 4, campaign: { name: 'four again' } });
    expect(again.recoveries()).toEqual([]);
  });

  it('without a backup: NO_BACKUP; an unknown campaign: NOT_FOUND', async () => {
    const s = await openTracked(tempDir());
    await seed(s, 'c1', 1);
    await expectCode(s.restoreBackup('c1'), 'NO_BACKUP');
    await expectCode(s.restoreBackup('zz'), 'NOT_FOUND');
  });
});

describe('the lock', () => {
  it('a second open of the same folder fails, in this process too, and works after close', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    const e = await expectCode(openStore({ dataDir: data }), 'STORE_LOCKED');
    expect(e.values?.pid).toBe(process.pid);
    await s.close();
    await openTracked(data);
  });

  it('a second process is kept out while the first holds the folder', async () => {
    const data = tempDir();
    await openTracked(data);
    const script = `import('${path.resolve('main/store/store.ts').replace(/\\/g, '/')}').then(m => m.openStore({ dataDir: ${JSON.stringify(data)} })).then(() => process.exit(0), e => { console.log(e.code); process.exit(3); })`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(r.stdout.trim()).toBe('STORE_LOCKED');
  });

  it('a stale lock of a dead process is taken over', async () => {
    const data = tempDir();
    const dead = spawnSync(process.execPath, ['-e', '']).pid as number;
    fs.writeFileSync(path.join(data, 'paneldesk.lock'), JSON.stringify({ pid: dead, hostname: os.hostname(), startedAt: '2026-01-01T00:00:00.000Z' }));
    const s = await openTracked(data);
    const lock = JSON.parse(fs.readFileSync(path.join(data, 'paneldesk.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(process.pid);
    await s.close();
  });
});

describe('an unwritable data folder', () => {
  it('throws STORE_UNWRITABLE naming the path', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'file'), 'x');
    const data = path.join(root, 'file', 'data');
    const e = await expectCode(openStore({ dataDir: data }), 'STORE_UNWRITABLE');
    expect(e.message).toContain(data);
  });

  it('a data path that is a file is unwritable too', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'file'), 'x');
    await expectCode(openStore({ dataDir: path.join(root, 'file') }), 'STORE_UNWRITABLE');
  });
});
