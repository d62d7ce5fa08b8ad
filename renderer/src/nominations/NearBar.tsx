// Above the list when near pairs wait: how many, and "confirm all as different" (one history entry for them all), or
// while filtered, only the pairs of the nominations shown.
import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.ts';
import { formatCount } from './format.ts';
import { refreshAfterChange } from './DetailActions.tsx';

/**
 * `shown`: while the list is filtered, the ids of the nominations shown that have look-alikes — then only their pairs
 * are cleared, never pairs the secretary cannot see.
 */
export function NearBar({ campaignId, count, shown, onDone, onError }: {
  campaignId: string; count: number; shown: readonly string[] | null; onDone: (m: string) => void; onError: (e: unknown) => void;
}): ReactElement {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const clear = async () => {
    const question = shown ? t('nominations.actions.clearNearShownConfirm', { count: shown.length }) : t('nominations.actions.clearNearConfirm', { count });
    if (!window.confirm(question)) return;
    setBusy(true);
    try {
      const out = await call('nominations.clearNear', { campaignId, ...(shown ? { ids: [...shown] } : {}) });
      refreshAfterChange();
      onDone(t('nominations.actions.clearedNear', { count: out.cleared }));
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <p className="nm-note-warn nm-near-bar" role="status" data-testid="near-bar">
      <span>{t('nominations.actions.nearBar', { count: formatCount(count, i18n.language) })}</span>
      <button type="button" className="btn small" disabled={busy || shown?.length === 0} onClick={() => void clear()} data-testid="clear-near">
        {t(shown ? 'nominations.actions.clearNearShown' : 'nominations.actions.clearNear')}
      </button>
    </p>
  );
}
