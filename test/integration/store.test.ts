// The store behind the services: a campaign made through the dispatcher survives a damaged snapshot, and the
// recovery is reported through store.status until dismissed.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp, type App } from '../../main/app.ts';
import { decodeFromJson } from '../../shared/contract/codec.ts';
import { tempDir } from '../../main/store/test-helpers.ts';
import { historyOf } from '../../shared/store/doc.ts';

const ctx = { door: 'test', actor: 'tester' } as const;
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close().catch(() => undefined);
});
async function open(dataDir: string): Promise<App> {
  const app = await openApp({ dataDir });
  apps.push(app);
  return app;
}

describe('store through the app', () => {
  it('a damaged snapshot is rebuilt, reported, restorable and dismissible', async () => {
    const data = tempDir();
    const app = await open(data);
    const made = await app.dispatch('campaigns.create', { template: 'papers', name: '2026 论文', year: 2026 }, ctx);
    expect(made.ok).toBe(true);
    const id = (made as { value: { id: string } }).value.id;
    await app.store.fold();
    await app.store.commit(id, { type: 'campaign.replaced', campaign: { ...(app.store.get(id)?.campaign ?? ({} as never)), name: 'renamed' }, changes: [{ key: 'name', before: '2026 论文', after: 'renamed' }] }, 'tester');
    await apps.splice(0)[0]?.close(); // snapshot at 2, backup at 1

    fs.writeFileSync(path.join(data, 'campaigns', id, 'snapshot.json'), '\u0000\u0000\u0000');
    const again = await open(data);
    const status = await again.dispatch('store.status', {}, ctx);
    expect(status).toMatchObject({ ok: true, value: { recoveries: [{ campaignId: id, kind: 'snapshot-corrupt', backupAvailable: true, entriesReplayed: 1 }] } });
    expect(again.store.get(id)?.campaign.name).toBe('renamed');

    const restored = await again.dispatch('store.restoreBackup', { campaignId: id }, ctx);
    expect(restored).toMatchObject({ ok: true, value: { campaignId: id, restoredSeq: 2 } });
    const dismissed = await again.dispatch('store.dismissRecovery', { campaignId: id }, ctx);
    expect(dismissed).toMatchObject({ ok: true, value: { recoveries: [] } });
  });

  it('a second app on the same folder gets STORE_LOCKED', async () => {
    const data = tempDir();
    await open(data);
    await expect(openApp({ dataDir: data })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
  });

  it('a "__proto__" in a JSON body does not rename the campaign (campaigns.update as the browser host decodes it)', async () => {
    const app = await open(tempDir());
    const made = await app.dispatch('campaigns.create', { template: 'papers', name: '2026 论文', year: 2026 }, ctx);
    const id = (made as { value: { id: string } }).value.id;
    const body = `{"id":${JSON.stringify(id)},"patch":{"__proto__":{"name":"x","year":2030}}}`;
    const r = await app.dispatch('campaigns.update', decodeFromJson(JSON.parse(body)), ctx);
    expect(r.ok).toBe(true);
    expect(app.store.get(id)?.campaign).toMatchObject({ name: '2026 论文', year: 2026 });
    expect(historyOf(app.store.get(id)!).filter((h) => h.changes.some((c) => c.key === 'name'))).toEqual([]);
  });
});
