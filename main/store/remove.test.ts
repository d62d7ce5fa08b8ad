import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { openStore } from './store.ts';
import { campaign, clock, created, renamed, tempDir } from './test-helpers.ts';
import type { Store } from './types.ts';

const open: Store[] = [];
async function openTracked(dataDir: string, extra: { foldEntries?: number } = {}): Promise<Store> {
  const s = await openStore({ dataDir, now: clock(), ...extra });
  open.push(s);
  return s;
}
afterEach(async () => {
  for (const s of open.splice(0)) await s.close().catch(() => undefined);
});

async function seed(s: Store, id: string, n: number): Promise<void> {
  await s.commit(id, created(id, 'n-0'), 'tester');
  for (let i = 1; i <= n; i++) await s.commit(id, renamed(s.get(id)?.campaign ?? campaign(id), `n-${i}`), 'tester');
}
const campaignsOf = (data: string) => fs.readdirSync(path.join(data, 'campaigns')).sort();
const codeOf = async (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof AppError ? e.code : String(e)));

describe('store.remove', () => {
  it('deletes the snapshot, its backup and the journal, forgets the campaign, and leaves the others alone', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    await seed(s, 'gone', 3);
    await s.fold();
    await seed(s, 'kept', 2);
    await s.commit('gone', renamed(s.get('gone')!.campaign, 'n-4'), 'tester');
    await s.fold();
    await s.commit('gone', renamed(s.get('gone')!.campaign, 'n-5'), 'tester');
    const dir = path.join(data, 'campaigns', 'gone');
    expect(fs.readdirSync(dir)).toEqual(expect.arrayContaining(['snapshot.json', 'snapshot.json.bak']));
    expect(fs.readdirSync(dir).some((n) => n.startsWith('journal-'))).toBe(true);

    await s.remove('gone');
    expect(s.get('gone')).toBeUndefined();
    expect(s.list().map((d) => d.campaign.id)).toEqual(['kept']);
    expect(campaignsOf(data)).toEqual(['kept']);
    expect(await codeOf(s.commit('gone', renamed(campaign('gone'), 'x'), 'tester'))).toBe('NOT_FOUND');
    expect(await codeOf(s.remove('gone'))).toBe('NOT_FOUND');
    await s.commit('kept', renamed(s.get('kept')!.campaign, 'after'), 'tester');

    await s.close();
    const again = await openTracked(data);
    expect(again.get('gone')).toBeUndefined();
    expect(again.get('kept')?.campaign.name).toBe('after');
    expect(again.recoveries()).toEqual([]);
  });

  it('a crash after the rename: the next open deletes what is left, and nothing is read from it', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    await seed(s, 'c1', 2);
    await seed(s, 'c2', 1);
    await s.close();
    // What remove leaves when killed between the rename and the delete.
    fs.renameSync(path.join(data, 'campaigns', 'c1'), path.join(data, 'campaigns', '.removing-c1'));
    const again = await openTracked(data);
    expect(again.get('c1')).toBeUndefined();
    expect(again.list().map((d) => d.campaign.id)).toEqual(['c2']);
    expect(campaignsOf(data)).toEqual(['c2']);
    expect(again.recoveries()).toEqual([]);
  });

  it('waits for a fold in progress, and no later fold writes the campaign back', async () => {
    const data = tempDir();
    const s = await openTracked(data, { foldEntries: 2 });
    await seed(s, 'c1', 6);
    // Folds are scheduled by these commits; the removal is queued after them.
    await s.remove('c1');
    await new Promise((r) => setTimeout(r, 50));
    expect(campaignsOf(data)).toEqual([]);
    // The same id can be made again (an expert opens the campaign's sheet anew).
    await seed(s, 'c1', 1);
    expect(s.get('c1')?.campaign.name).toBe('n-1');
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')?.seq).toBe(2);
  });

  it('a failed rename leaves the campaign whole on disk and refuses further writes until the next open', async () => {
    const data = tempDir();
    const s = await openTracked(data);
    await seed(s, 'c1', 1);
    // The rename refused (a permission problem, a file held open on Windows).
    const realRename = fs.renameSync;
    fs.renameSync = () => { throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }); };
    try {
      expect(await codeOf(s.remove('c1'))).not.toBeNull();
    } finally {
      fs.renameSync = realRename;
    }
    expect(await codeOf(s.commit('c1', renamed(s.get('c1')!.campaign, 'x'), 'tester'))).toBe('STORE_UNWRITABLE');
    await s.close();
    const again = await openTracked(data);
    expect(again.get('c1')?.campaign.name).toBe('n-1');
  });
});
