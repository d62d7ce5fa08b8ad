import type { Campaign } from '../campaign/campaign.ts';

/**
 * What one campaign's store holds: the snapshot lowdb keeps, into which journal entries are folded.
 * Later steps (nominations, panel, scores, votes) add their collections through a migration.
 */
export const SCHEMA_VERSION = 1;

export interface HistoryEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly type: Change['type'];
  /** What changed, key by key. */
  readonly changes: readonly { readonly key: string; readonly before: unknown; readonly after: unknown }[];
}

export interface CampaignDoc {
  readonly schemaVersion: number;
  /** The last journal sequence number folded in. */
  readonly seq: number;
  readonly campaign: Campaign;
  readonly history: readonly HistoryEntry[];
}

/** A change, as appended to the journal. Each is applied by one pure reducer. */
export type Change =
  | { readonly type: 'campaign.created'; readonly campaign: Campaign }
  /** The whole campaign after an edit (setup edits are small; the history keeps the key-by-key diff). */
  | { readonly type: 'campaign.replaced'; readonly campaign: Campaign; readonly changes: HistoryEntry['changes'] };

export interface JournalEntry {
  readonly seq: number;
  /** ISO 8601 in UTC, from the clock passed in. */
  readonly at: string;
  readonly actor: string;
  readonly change: Change;
}

export class ReplayError extends Error {}

/** Fold one journal entry into a doc. Pure: returns a new doc, never touches its input. */
export function applyEntry(doc: CampaignDoc | null, entry: JournalEntry): CampaignDoc {
  const { change } = entry;
  switch (change.type) {
    case 'campaign.created': {
      if (doc) throw new ReplayError(`entry ${entry.seq}: campaign ${change.campaign.id} already exists`);
      return {
        schemaVersion: SCHEMA_VERSION,
        seq: entry.seq,
        campaign: change.campaign,
        history: [{ seq: entry.seq, at: entry.at, actor: entry.actor, type: change.type, changes: [] }],
      };
    }
    case 'campaign.replaced': {
      if (!doc) throw new ReplayError(`entry ${entry.seq}: no campaign to change`);
      return {
        ...doc,
        seq: entry.seq,
        campaign: change.campaign,
        history: [...doc.history, { seq: entry.seq, at: entry.at, actor: entry.actor, type: change.type, changes: change.changes }],
      };
    }
    default: {
      const never: never = change;
      throw new ReplayError(`unknown change ${(never as { type: string }).type}`);
    }
  }
}

/** Key-by-key differences between two plain values, as dotted keys. */
export function diff(before: unknown, after: unknown, prefix = ''): { key: string; before: unknown; after: unknown }[] {
  if (Object.is(before, after)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (isObj(before) && isObj(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => diff(before[k], after[k], prefix ? `${prefix}.${k}` : k));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    // Arrays of items with ids (criteria, groups) diff by id; others as a whole.
    const byId = (xs: unknown[]) => xs.every((x) => isObj(x) && typeof x.id === 'string');
    if (byId(before) && byId(after)) {
      const b = new Map(before.map((x) => [(x as { id: string }).id, x]));
      const a = new Map(after.map((x) => [(x as { id: string }).id, x]));
      const ids = new Set([...b.keys(), ...a.keys()]);
      const out = [...ids].flatMap((id) => diff(b.get(id), a.get(id), `${prefix}.${id}`));
      const order = (m: Map<string, unknown>) => [...m.keys()].join('\u0000');
      if (out.length === 0 && order(a) !== order(b)) out.push({ key: `${prefix}.order`, before: [...b.keys()], after: [...a.keys()] });
      return out;
    }
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
  }
  return [{ key: prefix, before, after }];
}
