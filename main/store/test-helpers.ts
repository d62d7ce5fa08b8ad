import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { newCampaign, type Campaign } from '../../shared/campaign/campaign.ts';
import type { Change } from '../../shared/store/doc.ts';

/** Helpers for the store's tests (real folders under the system temp folder). */
export function tempDir(prefix = 'paneldesk-store-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function campaign(id: string, name = 'Campaign'): Campaign {
  return newCampaign({ template: 'papers', name, year: 2026 }, id, '2026-01-01T00:00:00.000Z');
}

export function created(id: string, name = 'Campaign'): Change {
  return { type: 'campaign.created', campaign: campaign(id, name) };
}

export function renamed(c: Campaign, name: string): Change {
  return { type: 'campaign.replaced', campaign: { ...c, name }, changes: [{ key: 'name', before: c.name, after: name }] };
}

/** A fixed clock that moves one second per call. */
export function clock(start = Date.parse('2026-03-01T08:00:00.000Z')): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

/** Every file under a folder with its bytes, to prove nothing was touched. */
export function treeBytes(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const ent of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, ent.name);
      if (ent.isDirectory()) walk(p);
      else out[path.relative(root, p)] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(root);
  return out;
}
