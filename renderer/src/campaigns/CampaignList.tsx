import { useTranslation } from 'react-i18next';
import { useCall } from '../lib/queries.ts';
import { href } from '../lib/route.ts';
import { KEYS } from '../lib/shortcuts.ts';
import { describeError } from '../i18n/errors.ts';
import { formatDateTime } from '../i18n/format.ts';
import { withKeys } from '../frame/Header.tsx';

export function CampaignList() {
  const { t, i18n } = useTranslation();
  const { data, error, reload } = useCall('campaigns.list', {});
  return (
    <div className="page home-page">
      <header className="page-head">
        <div>
          <h1>{t('home.title')}</h1>
          <p className="page-sub">{t('home.intro')}</p>
        </div>
        <a className="btn primary" href="#/new" title={withKeys(t, t('home.new'), KEYS.newCampaign)} data-testid="new-campaign">+ {t('home.new')}</a>
      </header>
      {error ? (
        <p className="field-error" role="alert">{describeError(error, t)} <button type="button" className="link-button" onClick={() => void reload()}>{t('common.retry')}</button></p>
      ) : !data ? <p className="muted">{t('app.loading')}</p> : data.campaigns.length === 0 ? (
        <div className="empty-state">
          <p>{t('home.empty')}</p>
          <a className="btn primary" href="#/new">+ {t('home.new')}</a>
        </div>
      ) : (
        <div className="panel flush">
          <table className="list-table" data-testid="campaign-table">
            <caption className="visually-hidden">{t('home.count', { count: data.campaigns.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('home.columns.name')}</th>
                <th scope="col">{t('home.columns.kind')}</th>
                <th scope="col" className="col-num">{t('home.columns.year')}</th>
                <th scope="col">{t('home.columns.status')}</th>
                <th scope="col">{t('home.columns.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {data.campaigns.map((c) => (
                <tr key={c.id}>
                  <th scope="row"><a href={href({ page: 'step', campaignId: c.id, step: 'setup' })}>{c.name}</a></th>
                  <td>{t(`kind.${c.kind}`)}</td>
                  <td className="col-num">{c.year}</td>
                  <td><span className={`status status-${c.status}`}>{t(`status.${c.status}`)}</span></td>
                  <td className="nowrap">{formatDateTime(c.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="table-count muted">{t('home.count', { count: data.campaigns.length })}</p>
        </div>
      )}
    </div>
  );
}
