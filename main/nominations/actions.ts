import { AppError } from '../../shared/contract/index.ts';
import type { NominationRow, StoredImportReport, UndoImportResult } from '../../shared/contract/nominations.ts';
import { handNomination, planUndo } from '../../shared/nominations/actions.ts';
import { fieldDef } from '../../shared/nominations/fields.ts';
import { keyHolder } from '../../shared/nominations/identity.ts';
import type { ImportIssue } from '../../shared/nominations/map-rows.ts';
import { labelOf } from '../../shared/nominations/merge.ts';
import { distinctChanges, type NearPair } from '../../shared/nominations/near.ts';
import { acceptedProblems, openProblems } from '../../shared/nominations/problems.ts';
import type { Nomination, Withdrawal } from '../../shared/nominations/record.ts';
import { issueMessage } from '../../shared/nominations/words.ts';
import { findNomination, type CampaignDoc } from '../../shared/store/doc.ts';
import type { ServiceDeps } from '../deps.ts';
import type { Handlers } from '../dispatcher.ts';
import type { View } from './views.ts';

type ActionHandlers = Pick<
  Handlers,
  'nominations.imports' | 'nominations.importReport' | 'nominations.acceptProblem' | 'nominations.reopenProblem' | 'nominations.add' | 'nominations.withdraw' | 'nominations.delete' | 'nominations.undoImport' | 'nominations.clearNear'
>;

/** What the step's main handlers share with these: the doc, its rows (views.ts) and one row. */
export interface ActionHelpers {
  readonly load: (campaignId: string) => CampaignDoc;
  readonly view: (doc: CampaignDoc) => View;
  readonly rowFor: (campaignId: string, id: string) => NominationRow;
}

function must(doc: CampaignDoc, id: string): Nomination {
  const n = findNomination(doc, id);
  if (!n) throw new AppError('NOT_FOUND', `no nomination with id "${id}"`, { values: { id } });
  return n;
}

/** The secretary's actions beyond an edit: problems accepted, add by hand, withdraw, delete, undo an import, clear near pairs. */
export function nominationActionHandlers({ store, now, newId }: ServiceDeps, { load, view, rowFor }: ActionHelpers): ActionHandlers {
  return {
    'nominations.imports': ({ campaignId }) => ({
      imports: load(campaignId).imports.map(({ report: _r, ...r }) => r).reverse(),
    }),

    'nominations.importReport': ({ campaignId, importId }) => {
      const doc = load(campaignId);
      const record = doc.imports.find((r) => r.id === importId);
      if (!record) throw new AppError('NOT_FOUND', `no import with id "${importId}"`, { values: { id: importId } });
      const kind = doc.campaign.kind;
      const issues: ImportIssue[] = (record.report?.issues ?? []).map((i) => ({ ...i, sheet: record.sheet, message: issueMessage(i, kind) }));
      return { record, issues, issueCount: record.report?.issueCount ?? 0, duplicates: record.report?.duplicates ?? 0, countsOnly: record.report === undefined } satisfies StoredImportReport;
    },

    'nominations.acceptProblem': async ({ campaignId, id, key }, ctx) => {
      const doc = load(campaignId);
      const n = must(doc, id);
      const p = openProblems(n).find((x) => x.key === key);
      // Already accepted or fixed since: nothing to do.
      if (!p) return rowFor(campaignId, id);
      const at = now().toISOString();
      await store.commit(campaignId, { type: 'nomination.problemAccepted', id, accepted: { key, at, actor: ctx.actor }, field: p.field, cell: p.cell, value: p.value }, ctx.actor);
      return rowFor(campaignId, id);
    },

    'nominations.reopenProblem': async ({ campaignId, id, key }, ctx) => {
      const doc = load(campaignId);
      const p = acceptedProblems(must(doc, id)).find((x) => x.key === key);
      // Not accepted (any more): nothing to do.
      if (!p) return rowFor(campaignId, id);
      await store.commit(campaignId, { type: 'nomination.problemReopened', id, key, at: now().toISOString(), field: p.field, cell: p.cell, value: p.value }, ctx.actor);
      return rowFor(campaignId, id);
    },

    'nominations.add': async ({ campaignId, values }, ctx) => {
      const doc = load(campaignId);
      const kind = doc.campaign.kind;
      for (const field of Object.keys(values)) {
        if (!fieldDef(kind, field)) throw new AppError('BAD_ARGUMENTS', `"${field}" is not a field of ${kind} nominations`, { details: [{ path: `values.${field}`, message: 'not a field' }] });
      }
      const added = handNomination(kind, values, { id: newId('n'), at: now().toISOString(), actor: ctx.actor });
      if (!added.ok) {
        const first = added.problems[0]!;
        throw new AppError('FIELD_INVALID', `the form has values that cannot be taken: ${added.problems.map((p) => `${p.field} (${p.code})`).join(', ')}`, {
          values: { field: first.field, code: first.code },
          details: added.problems.map((p) => ({ path: p.field, message: p.code })),
        });
      }
      const other = keyHolder(doc.nominations, added.nomination.key, added.nomination.id);
      if (other) {
        const otherLabel = labelOf(kind, other);
        throw new AppError('NOMINATION_KEY_TAKEN', `this is the same nomination as "${otherLabel}" (${other.id}); nothing was saved`, { values: { field: 'title', key: added.nomination.key, otherId: other.id, otherLabel } });
      }
      await store.commit(campaignId, { type: 'nomination.added', nomination: added.nomination }, ctx.actor);
      return rowFor(campaignId, added.nomination.id);
    },

    'nominations.withdraw': async ({ campaignId, id, withdrawn, note }, ctx) => {
      const doc = load(campaignId);
      const n = must(doc, id);
      const at = now().toISOString();
      const next: Withdrawal | null = withdrawn ? { note, at, actor: ctx.actor } : null;
      if (next === null ? !n.withdrawn : n.withdrawn?.note === note) return rowFor(campaignId, id);
      await store.commit(campaignId, { type: 'nomination.withdrawn', id, withdrawn: next, at }, ctx.actor);
      return rowFor(campaignId, id);
    },

    'nominations.delete': async ({ campaignId, id }, ctx) => {
      must(load(campaignId), id);
      await store.commit(campaignId, { type: 'nomination.deleted', id, at: now().toISOString() }, ctx.actor);
      return { deleted: id };
    },

    'nominations.undoImport': async ({ campaignId, importId, keep }, ctx) => {
      const doc = load(campaignId);
      const record = doc.imports.find((r) => r.id === importId);
      if (!record) throw new AppError('NOT_FOUND', `no import with id "${importId}"`, { values: { id: importId } });
      if (record.undone) throw new AppError('BAD_ARGUMENTS', `the import of ${record.file} was undone already`, { values: { id: importId } });
      const at = now().toISOString();
      const plan = planUndo(doc.campaign.kind, doc.nominations, importId, keep ?? false, at);
      const result: UndoImportResult = { done: true, removed: plan.removed.length, updated: plan.upserts.length, kept: plan.kept.length, edited: plan.edited };
      // Nominations edited by hand since: the secretary chooses before anything changes.
      if (keep === undefined && plan.edited.length > 0) return { ...result, done: false, removed: 0, updated: 0, kept: 0 };
      await store.commit(campaignId, { type: 'nominations.importUndone', importId, removed: plan.removed, upserts: plan.upserts, kept: plan.kept, at }, ctx.actor);
      return result;
    },

    'nominations.clearNear': async ({ campaignId, ids }, ctx) => {
      const doc = load(campaignId);
      const v = view(doc);
      const pairs: NearPair[] = [];
      for (const [id, list] of v.near) for (const m of list) if (id < m.id) pairs.push({ id, otherId: m.id });
      const plan = distinctChanges(pairs, ids ? { ids } : { pairs }, doc.nominations, now().toISOString());
      if (plan.changes.length > 0) {
        await store.commit(campaignId, { type: 'nominations.distinctMany', pairs: plan.changes.map((c) => ({ id: c.id, otherId: c.otherId })), at: plan.changes[0]!.at }, ctx.actor);
      }
      return { cleared: plan.changes.length, already: plan.already, stale: plan.stale };
    },
  };
}
