import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CampaignView } from '../../../shared/contract/index.ts';
import { call } from '../api.ts';
import { isStaleEdit } from '../i18n/errors.ts';
import { invalidate, setCallData } from '../lib/queries.ts';

export interface Assignment {
  readonly key: string;
  readonly value: unknown;
}

export type Patch = {
  name?: string;
  year?: number;
  disciplines?: readonly string[];
  criteria?: CampaignView['criteria'];
  groups?: CampaignView['groups'];
  settings?: CampaignView['settings'];
};

export interface SaveState {
  readonly pending: number;
  readonly lastSavedAt: string | null;
  /** Fields whose last save failed: the user's input is kept there, with words saying why. */
  readonly failed: number;
}

export interface Editor {
  readonly campaign: CampaignView;
  /**
   * One field (or a few) by key, as `campaign set` takes them: applied to main's current campaign, validated whole.
   * A value computed from the campaign (a whole list) is passed as a function of the latest campaign, so a save
   * still in flight is never undone by one computed from an older copy.
   */
  set(assignments: readonly Assignment[] | ((latest: CampaignView) => readonly Assignment[])): Promise<CampaignView>;
  /** Replace whole parts (add, remove, reorder criteria or groups), computed from the latest campaign. */
  update(patch: Patch | ((latest: CampaignView) => Patch)): Promise<CampaignView>;
  readonly state: SaveState;
  /** A field reports whether its last save failed, so the page can say "not saved". */
  reportFailure(fieldId: string, failed: boolean): void;
}

const EditorContext = createContext<Editor | null>(null);

export function useEditor(): Editor {
  const e = useContext(EditorContext);
  if (!e) throw new Error('useEditor outside <EditorProvider>');
  return e;
}

/**
 * Saves go one at a time, in order, each against main's current campaign; each answer is put in the cache at once, so
 * every section shows what main holds.
 */
export function EditorProvider({ campaign, children }: { campaign: CampaignView; children: ReactNode }) {
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [pending, setPending] = useState(0);
  const [lastSavedAt, setLastSavedAt] = useState<string | null>(null);
  const [failedFields, setFailedFields] = useState<ReadonlySet<string>>(new Set());
  const id = campaign.id;
  // The newest campaign main has answered with: what queued edits are computed from.
  const latest = useRef(campaign);
  useEffect(() => {
    if (campaign.updatedAt >= latest.current.updatedAt) latest.current = campaign;
  }, [campaign]);

  const run = useCallback(<T extends CampaignView>(op: () => Promise<T>): Promise<T> => {
    setPending((n) => n + 1);
    const next = queue.current.catch(() => undefined).then(op).then((view) => {
      latest.current = view;
      setCallData('campaigns.get', { id }, view);
      setLastSavedAt(new Date().toISOString());
      invalidate('campaigns.list', 'campaigns.history');
      return view;
    }).finally(() => setPending((n) => n - 1));
    queue.current = next;
    return next;
  }, [id]);

  const set = useCallback((a: readonly Assignment[] | ((c: CampaignView) => readonly Assignment[])) =>
    run(() => call('campaigns.set', { id, assignments: [...(typeof a === 'function' ? a(latest.current) : a)] })), [id, run]);
  // Whole lists are sent with the version they were computed from: if another window changed the campaign since,
  // main refuses rather than overwrite it, and the campaign is loaded again.
  const update = useCallback((p: Patch | ((c: CampaignView) => Patch)) =>
    run(async () => {
      const base = latest.current;
      try {
        return await call('campaigns.update', { id, baseUpdatedAt: base.updatedAt, patch: typeof p === 'function' ? p(base) : p });
      } catch (e) {
        if (isStaleEdit(e)) invalidate('campaigns.get', 'campaigns.history');
        throw e;
      }
    }), [id, run]);
  const reportFailure = useCallback((fieldId: string, failed: boolean) => {
    setFailedFields((prev) => {
      if (prev.has(fieldId) === failed) return prev;
      const next = new Set(prev);
      if (failed) next.add(fieldId);
      else next.delete(fieldId);
      return next;
    });
  }, []);

  const value = useMemo<Editor>(() => ({
    campaign, set, update, reportFailure,
    state: { pending, lastSavedAt, failed: failedFields.size },
  }), [campaign, set, update, reportFailure, pending, lastSavedAt, failedFields]);
  return <EditorContext.Provider value={value}>{children}</EditorContext.Provider>;
}
