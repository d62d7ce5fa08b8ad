import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { num, sentence, type Lang } from '../../../shared/results/words.ts';
import { useCall } from '../lib/queries.ts';
import { describeError } from '../i18n/errors.ts';
import { Dialog } from './Dialog.tsx';

/** The "to discuss" list: every expert's score and comment under 专家A …; the secretary may show the names. */
export function Discussion({ campaignId, onClose }: { campaignId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang: Lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [showNames, setShowNames] = useState(false);
  const { data, error } = useCall('results.discussion', { campaignId, showNames });
  return (
    <Dialog title={t('results.discuss.title')} onClose={onClose} closeLabel={t('results.discuss.close')} testId="discussion">
      <label className="check">
        <input type="checkbox" checked={showNames} onChange={(e) => setShowNames(e.target.checked)} /> {t('results.discuss.showNames')}
      </label>
      {error ? <p className="field-error" role="alert">{describeError(error, t)}</p> : null}
      {data && data.items.length === 0 ? <p className="muted">{t('results.discuss.none')}</p> : null}
      {data?.items.map((item) => (
        <section key={item.id} className="rs-discuss-item">
          <h3>{item.label}{item.discipline ? <span className="muted">（{item.discipline}）</span> : null}</h3>
          <ul className="rs-reasons">{item.reasons.map((r, k) => <li key={k}>{sentence(r, lang)}</li>)}</ul>
          <table className="rs-table">
            <thead><tr><th>{t('results.columns.label')}</th><th>{t('results.discuss.total')}</th><th>{t('results.discuss.comment')}</th></tr></thead>
            <tbody>
              {item.scores.map((s) => (
                <tr key={s.code}>
                  <td>{t('results.discuss.expert', { code: s.code })}{s.name ? ` · ${s.name}` : ''}</td>
                  <td className="num">{num(s.total)}</td>
                  <td>{s.comment || <span className="muted">{t('results.discuss.noComment')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </Dialog>
  );
}
