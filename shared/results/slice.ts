import type { HistoryEntry } from '../campaign/history.ts';
import { ReplayError, type Slice } from '../campaign/slice.ts';
import { findNomination, type NominationsPart } from '../nominations/slice.ts';
import { labelOf } from '../nominations/merge.ts';
import type { SetupPart } from '../setup/slice.ts';
import type { Adjustment } from './rank.ts';

/**
 * The results step's part of the doc (since schema 7): the secretary's manual adjustments of the ranking, each with
 * its recorded reason. The method that ranks is a setting (settings.aggregation.method), changed as settings are.
 */
export interface AdjustmentRecord extends Adjustment {
  readonly id: string;
}

export interface ResultsPart {
  readonly results: {
    /** In the order made: a later one of the same item wins (rank.ts). */
    readonly adjustments: readonly AdjustmentRecord[];
  };
}

/** What the secretary decides; who and when come from the journal entry. */
export interface AdjustmentDraft {
  readonly id: string;
  readonly itemId: string;
  readonly kind: Adjustment['kind'];
  readonly toRank?: number;
  readonly reason: string;
}

export type ResultsChange =
  | { readonly type: 'results.adjusted'; readonly adjustment: AdjustmentDraft }
  /** An adjustment withdrawn; `reason` may say why ('' for none). */
  | { readonly type: 'results.unadjusted'; readonly id: string; readonly reason: string };

type Doc = SetupPart & NominationsPart & ResultsPart;

export const adjustmentsOf = (doc: Pick<ResultsPart, 'results'>): readonly AdjustmentRecord[] => doc.results?.adjustments ?? [];

const summary = (a: AdjustmentRecord | AdjustmentDraft) => ({ kind: a.kind, ...(a.toRank !== undefined ? { toRank: a.toRank } : {}), reason: a.reason });

function subject(doc: Doc, itemId: string, seq: number): HistoryEntry['subject'] {
  const n = findNomination(doc, itemId);
  if (!n) throw new ReplayError(`entry ${seq}: no nomination ${itemId}`);
  return { id: n.id, label: labelOf(doc.campaign.kind, n) };
}

export const resultsSlice: Slice<ResultsPart, ResultsChange, SetupPart & NominationsPart> = {
  step: 'results',
  changeTypes: ['results.adjusted', 'results.unadjusted'],
  initial: () => ({ results: { adjustments: [] } }),
  reduce(doc, change, { seq, at, actor }) {
    if (!doc) throw new ReplayError(`entry ${seq}: no campaign to change`);
    const list = adjustmentsOf(doc);
    switch (change.type) {
      case 'results.adjusted': {
        const a = change.adjustment;
        if (a.reason.trim() === '') throw new ReplayError(`entry ${seq}: an adjustment needs a reason`);
        if (list.some((x) => x.id === a.id)) throw new ReplayError(`entry ${seq}: adjustment ${a.id} exists`);
        const record: AdjustmentRecord = { id: a.id, itemId: a.itemId, kind: a.kind, ...(a.toRank !== undefined ? { toRank: a.toRank } : {}), reason: a.reason, by: actor, at };
        return {
          state: { results: { ...doc.results, adjustments: [...list, record] } },
          line: { changes: [{ key: `results.adjustments.${a.id}`, before: null, after: summary(a) }], subject: subject(doc, a.itemId, seq) },
        };
      }
      case 'results.unadjusted': {
        const had = list.find((x) => x.id === change.id);
        if (!had) throw new ReplayError(`entry ${seq}: no adjustment ${change.id}`);
        return {
          state: { results: { ...doc.results, adjustments: list.filter((x) => x.id !== change.id) } },
          line: { changes: [{ key: `results.adjustments.${had.id}`, before: summary(had), after: change.reason ? { withdrawn: change.reason } : null }], subject: subject(doc, had.itemId, seq) },
        };
      }
    }
  },
  migrations: {
    // 6 → 7: results arrive: no adjustment yet. A partly written part is kept when it is a list.
    6: (doc) => {
      const r = doc.results as { adjustments?: unknown } | undefined;
      return { ...doc, results: { adjustments: r && Array.isArray(r.adjustments) ? r.adjustments : [] } };
    },
  },
  words: {
    'zh-CN': { 'results.adjusted': '手工调整排名', 'results.unadjusted': '撤销排名调整' },
    en: { 'results.adjusted': 'Ranking adjusted by hand', 'results.unadjusted': 'Ranking adjustment withdrawn' },
  },
};
