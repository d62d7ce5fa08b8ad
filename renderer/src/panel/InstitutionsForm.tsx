import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PanelOverview } from '../../../shared/contract/index.ts';

/** Names split as people type lists: new lines, commas, 、 ； ; */
export function splitNames(text: string): string[] {
  return [...new Set(text.split(/[\n,，、;；]+/).map((s) => s.trim()).filter(Boolean))];
}

/**
 * The campaign's own institution names, beside the built-in Beijing table: an institution the table does not know,
 * or another way of writing one, so that the conflict check recognises it. Detection runs again after a change.
 */
export function InstitutionsForm({ additions, onAdd }: { additions: PanelOverview['additions']; onAdd: (entry: { zh: string; en: string; aliases: string[] }) => Promise<void> }) {
  const { t } = useTranslation();
  const [zh, setZh] = useState('');
  const [en, setEn] = useState('');
  const [aliases, setAliases] = useState('');
  return (
    <section className="pn-form" aria-label={t('panelPage.institutions.title')} data-testid="institutions">
      <h2>{t('panelPage.institutions.title')}</h2>
      <p className="muted">{t('panelPage.institutions.what')}</p>
      {additions.length > 0 ? (
        <table className="pn-table" aria-label={t('panelPage.institutions.list')}>
          <thead><tr><th>{t('panelPage.institutions.zh')}</th><th>{t('panelPage.institutions.en')}</th><th>{t('panelPage.institutions.aliases')}</th></tr></thead>
          <tbody>{additions.map((a) => <tr key={a.id}><td>{a.zh}</td><td>{a.en}</td><td>{a.aliases.join('；')}</td></tr>)}</tbody>
        </table>
      ) : null}
      <form onSubmit={(e) => {
        e.preventDefault();
        void onAdd({ zh: zh.trim(), en: en.trim(), aliases: splitNames(aliases) }).then(() => { setZh(''); setEn(''); setAliases(''); });
      }}>
        <label>{t('panelPage.institutions.zh')}<input value={zh} onChange={(e) => setZh(e.target.value)} maxLength={200} /></label>
        <label>{t('panelPage.institutions.en')}<input value={en} onChange={(e) => setEn(e.target.value)} maxLength={200} /></label>
        <label>{t('panelPage.institutions.aliases')}<input value={aliases} onChange={(e) => setAliases(e.target.value)} placeholder={t('panelPage.institutions.aliasesHint')} /></label>
        <button type="submit" className="btn" disabled={!zh.trim() && !en.trim()}>{t('panelPage.institutions.add')}</button>
      </form>
    </section>
  );
}
