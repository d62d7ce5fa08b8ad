import { SCHEMA_VERSION, type CampaignDoc } from './doc.ts';

/**
 * Pure migrations: migrations[n] turns a doc of schema version n into version n + 1.
 * Add one for every change to CampaignDoc's shape, with a test beside it.
 */
export const migrations: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = {
  // 0 → 1: docs written before versioning had no history.
  0: (doc) => ({ ...doc, history: Array.isArray(doc.history) ? doc.history : [], schemaVersion: 1 }),
  // 1 → 2: nominations arrive: the nominations, the imports, and the column mapping remembered per nominator.
  1: (doc) => ({
    ...doc,
    nominations: Array.isArray(doc.nominations) ? doc.nominations : [],
    imports: Array.isArray(doc.imports) ? doc.imports : [],
    mappings: doc.mappings !== null && typeof doc.mappings === 'object' && !Array.isArray(doc.mappings) ? doc.mappings : {},
    schemaVersion: 2,
  }),
};

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
