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
  // 2 → 3: a nomination may carry aliases (the keys its sources were imported under, once a hand edit of its title,
  // DOI, year… gave it a new key). Older nominations have none, and the property stays absent; the version says
  // that a PanelDesk which would ignore aliases (and import those files again as new nominations) must not open it.
  2: (doc) => ({ ...doc, schemaVersion: 3 }),
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
