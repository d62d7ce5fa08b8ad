import { historyFrom, type HistoryEntry } from '../campaign/history.ts';
import { SCHEMA_VERSION, sliceMigrations, type CampaignDoc } from './doc.ts';

type Step = (doc: Record<string, unknown>) => Record<string, unknown>;

/** The store's own migrations (the doc's core: its history), by the version they migrate from. */
const core: Readonly<Record<number, Step>> = {
  // 0 → 1: docs written before versioning had no history.
  0: (doc) => ({ ...doc, history: Array.isArray(doc.history) ? doc.history : [] }),
  // 3 → 4: the history, a flat list copied whole on every change, is kept in chunks (see campaign/history.ts).
  3: (doc) => ({ ...doc, history: historyFrom(Array.isArray(doc.history) ? (doc.history as HistoryEntry[]) : []) }),
};

/**
 * Pure migrations: migrations[n] turns a doc of schema version n into version n + 1: the store's own step for n,
 * then each slice's (shared/<step>/slice.ts) in the steps' order. Add one for every change to CampaignDoc's shape,
 * with a test beside it: a step's in its slice, the core's here.
 */
export const migrations: Readonly<Record<number, Step>> = Object.fromEntries(
  Array.from({ length: SCHEMA_VERSION }, (_, v) => [v, (doc: Record<string, unknown>) => {
    let out = core[v] ? core[v](doc) : doc;
    for (const step of sliceMigrations(v)) out = step(out);
    return { ...out, schemaVersion: v + 1 };
  }]),
);

export type MigrationOutcome =
  | { readonly ok: true; readonly doc: CampaignDoc; readonly from: number }
  | { readonly ok: false; readonly reason: 'too-new' | 'not-a-doc'; readonly version?: number };

export function migrate(raw: unknown): MigrationOutcome {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'not-a-doc' };
  let doc = raw as Record<string, unknown>;
  const from = typeof doc.schemaVersion === 'number' ? doc.schemaVersion : 0;
  if (!Number.isInteger(from) || from < 0) return { ok: false, reason: 'not-a-doc' };
  if (from > SCHEMA_VERSION) return { ok: false, reason: 'too-new', version: from };
  for (let v = from; v < SCHEMA_VERSION; v++) {
    const step = migrations[v];
    if (!step) return { ok: false, reason: 'not-a-doc', version: v };
    doc = step(doc);
  }
  if (typeof doc.campaign !== 'object' || doc.campaign === null || typeof doc.seq !== 'number') return { ok: false, reason: 'not-a-doc' };
  return { ok: true, doc: doc as unknown as CampaignDoc, from };
}
