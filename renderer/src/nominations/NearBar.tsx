// Above the list when near pairs wait: how many, and "confirm all as different" (one history entry for them all).
import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api.ts';
import { formatCount } from './format.ts';
import { refreshAfterChange } from './DetailActions.tsx';

export function NearBar({ campaignId, count, onDone, onError }: { campaignId: string; count: number; onDone: (m: string) => void; onError: (e: unknown) => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const clear = async () => {
    if (!window.confirm(t('nominations.actions.clearNearConfirm', { count }))) return;
    setBusy(true);
    try {
      const out = await call('nominations.clearNear', { campaignId });
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
      <button type="button" className="btn small" disabled={busy} onClick={() => void clear()} data-testid="clear-near">{t('nominations.actions.clearNear')}</button>
    </p>
  );
}
