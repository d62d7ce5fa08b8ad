// Reading a campaign's snapshot (or its backup): migrated, checked whole, and judged ok, missing or damaged.
import path from 'node:path';
import { AppError } from '../../shared/contract/errors.ts';
import { SCHEMA_VERSION, type CampaignDoc } from '../../shared/store/doc.ts';
import { checkCampaignDoc } from '../../shared/store/doc-schema.ts';
import { migrate } from '../../shared/store/migrations.ts';
import { DurableJsonFile, SnapshotNotJsonError } from './adapter.ts';
import { errCode } from './fsx.ts';

const SNAPSHOT = 'snapshot.json';

/** The snapshot was written by a newer PanelDesk. */
class TooNewError extends Error {
  constructor(readonly version: number) {
    super(`schema version ${version}`);
  }
}

/** The snapshot is JSON but not a campaign doc (of this folder). */
class NotADocError extends Error {}

export function decodeFor(id: string): (raw: unknown) => CampaignDoc | null {
  return (raw) => {
    const m = migrate(raw);
    if (!m.ok) {
      if (m.reason === 'too-new') throw new TooNewError(m.version ?? 0);
      throw new NotADocError('not a campaign doc');
    }
    // The whole doc, not its outline: a doc missing fields would be folded into, and cut the journal it cannot replay.
    const checked = checkCampaignDoc(m.doc);
    if (!checked.ok) throw new NotADocError(`not a whole campaign doc: ${checked.reason}`);
    if (checked.doc.campaign.id !== id) throw new NotADocError(`holds campaign "${checked.doc.campaign.id}", not "${id}"`);
    return checked.doc;
  };
}

/** Docs are immutable (applyEntry returns new objects), so snapshots are serialised in slices. */
export function snapshotAdapter(dir: string, id: string): DurableJsonFile<CampaignDoc | null> {
  return new DurableJsonFile<CampaignDoc | null>(path.join(dir, SNAPSHOT), decodeFor(id), { immutable: true });
}

export type FileRead = { readonly state: 'ok'; readonly doc: CampaignDoc } | { readonly state: 'missing' } | { readonly state: 'damaged'; readonly reason: string };

function tooNew(id: string, file: string, version: number): AppError {
  return new AppError('STORE_SCHEMA_TOO_NEW', `campaign ${id} was saved by a newer PanelDesk (schema version ${version}; this one reads up to ${SCHEMA_VERSION}): ${file}. Nothing was changed; use the newer version.`, {
    values: { campaignId: id, version, supported: SCHEMA_VERSION, path: file },
  });
}

export async function readDoc(id: string, adapter: DurableJsonFile<CampaignDoc | null>): Promise<FileRead> {
  try {
    const doc = await adapter.read();
    return doc ? { state: 'ok', doc } : { state: 'missing' };
  } catch (e) {
    if (e instanceof TooNewError) throw tooNew(id, adapter.file, e.version);
    if (e instanceof SnapshotNotJsonError || e instanceof NotADocError) return { state: 'damaged', reason: e.message };
    if (errCode(e) === 'EISDIR') return { state: 'damaged', reason: 'is a folder' };
    throw new AppError('STORE_CORRUPT', `cannot read ${adapter.file}: ${(e as Error).message}`, { values: { campaignId: id, path: adapter.file } });
  }
}
