// The detail panel of one nomination: every field (with hand edits and disagreeing sources side by side), the
// metrics, the sources, the formal check with its override, near matches to resolve, and the history.
import { useState } from 'react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, NominationDetail } from '../../../shared/contract/index.ts';
import { NOMINATION_STATUSES, type NominationStatus } from '../../../shared/nominations/record.ts';
import { fieldsFor } from '../../../shared/nominations/fields.ts';
import { call } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { formatDateTime } from '../i18n/format.ts';
import { invalidate, useCall } from '../lib/queries.ts';
import { fieldName, formatCount, formatValue, historyValueText, reasonText } from './format.ts';
import { AcceptedProblems, AcceptProblem, WithdrawDelete } from './DetailActions.tsx';
import { historyTypeWord } from '../../../shared/store/doc.ts';

const METRICS = ['citations', 'downloads', 'attention'] as const;

function OverrideForm({ campaignId, detail }: { campaignId: string; detail: NominationDetail }) {
  const { t, i18n } = useTranslation();
  const current = detail.nomination.override;
  const [status, setStatus] = useState<NominationStatus | ''>(current?.status ?? '');
  const [note, setNote] = useState(current?.note ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async (next: NominationStatus | null) => {
    if (next !== null && note.trim() === '') {
      setError(t('nominations.detail.overrideNoteRequired'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await call('nominations.override', { campaignId, id: detail.id, status: next, note: next === null ? '' : note.trim() });
      invalidate('nominations.list', 'nominations.get', 'campaigns.history', 'campaigns.list');
      if (next === null) {
        setStatus('');
        setNote('');
      }
    } catch (err) {
      setError(describeError(err, t, { lang: i18n.language }));
    } finally {
      setSaving(false);
    }
  };
  return (
    <details className="nm-override" open={current !== null || undefined}>
      <summary>{t('nominations.detail.override')}</summary>
    <form onSubmit={(e) => { e.preventDefault(); if (status) void save(status); }} data-testid="override-form">
      {current ? (
        <p className="nm-override-current">
          {t('nominations.detail.overridden', { actor: current.actor, at: formatDateTime(current.at, i18n.language), status: t(`nominations.status.${current.status}`), note: current.note })}
        </p>
      ) : null}
      <label className="nm-inline">
        <span>{t('nominations.detail.overrideStatus')}</span>
        <select value={status} onChange={(e) => setStatus(e.currentTarget.value as NominationStatus | '')}>
          <option value="">—</option>
          {NOMINATION_STATUSES.map((s) => <option key={s} value={s}>{t(`nominations.status.${s}`)}</option>)}
        </select>
      </label>
      <label className="nm-block">
        <span>{t('nominations.detail.overrideNote')}</span>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} aria-invalid={error !== null && note.trim() === '' ? true : undefined} />
      </label>
      {error ? <p className="field-error" role="alert">{error}</p> : null}
      <div className="nm-inline">
        <button type="submit" className="btn small primary" disabled={saving || !status}>{t('nominations.detail.overrideSave')}</button>
        {current ? <button type="button" className="btn small" disabled={saving} onClick={() => void save(null)}>{t('nominations.detail.overrideRemove')}</button> : null}
      </div>
    </form>
    </details>
  );
}

export function Detail({ campaign, id, labelOf, onDeleted }: { campaign: CampaignView; id: string; labelOf: (id: string) => string | undefined; onDeleted?: (label: string) => void }): ReactElement {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const kind = campaign.kind;
  const { data, error } = useCall('nominations.get', { campaignId: campaign.id, id });
  const [problem, setProblem] = useState<string | null>(null);
  if (error && !data) return <div className="nm-detail-body"><p className="field-error" role="alert">{describeError(error, t, { lang })}</p></div>;
  if (!data || data.id !== id) return <div className="nm-detail-body"><p className="muted">{t('nominations.detail.loading')}</p></div>;
  const d = data;
  const n = d.nomination;
  const resolve = async (otherId: string, same: boolean) => {
    setProblem(null);
    try {
      await call('nominations.resolveMatch', { campaignId: campaign.id, id: d.id, otherId, same });
      invalidate('nominations.list', 'nominations.get', 'campaigns.history', 'campaigns.list');
    } catch (err) {
      setProblem(describeError(err, t, { lang }));
    }
  };
  const defs = fieldsFor(kind);
  const empty = t('nominations.detail.empty');
  const prefix = `nominations.${d.id}`;
  const statusWord = (s: string) => t(`nominations.status.${s}`);
  return (
    <div className="nm-detail-body" data-testid="nomination-detail">
      <h3 className="nm-detail-title">{d.label}</h3>
      <p>
        <span className={`nm-badge nm-status--${d.status}`}>{t(`nominations.status.${d.status}`)}</span>{' '}
        <span className="muted small">{t('nominations.detail.nominatorsLabel')}{d.nominators.join(lang === 'en' ? ', ' : '、') || empty}</span>
      </p>
      {problem ? <p className="field-error" role="alert">{problem}</p> : null}

      <section aria-label={t('nominations.detail.check')}>
        <h4>{t('nominations.detail.check')}</h4>
        {d.reasons.length === 0 ? <p className="ok-text">{t('nominations.noReasons')}</p> : (
          <ul className="nm-reasons">
            {d.reasons.map((r, i) => (
              <li key={`${r.code}-${i}`} className={`nm-reason nm-reason--${r.status}`}>
                {reasonText(r, kind, t, lang, labelOf)}
                {r.code === 'IMPORT_PROBLEM' && typeof r.values?.key === 'string'
                  ? <> <AcceptProblem campaignId={campaign.id} id={d.id} problemKey={r.values.key} onError={setProblem} /></> : null}
              </li>
            ))}
          </ul>
        )}
        <AcceptedProblems campaignId={campaign.id} detail={d} zone={campaign.settings.display.timeZone} onError={setProblem}
          describe={(p) => reasonText({ code: 'IMPORT_PROBLEM', status: 'attention', field: p.field, values: { cell: p.cell, issue: p.code, value: p.value === null ? '' : typeof p.value === 'boolean' ? String(p.value) : p.value } }, kind, t, lang)} />
        <OverrideForm key={`${d.id}-${n.override?.at ?? 'none'}`} campaignId={campaign.id} detail={d} />
        <WithdrawDelete key={`w-${d.id}`} campaignId={campaign.id} detail={d} zone={campaign.settings.display.timeZone} onDeleted={(label) => onDeleted?.(label)} />
      </section>

      {d.nearMatches.length > 0 ? (
        <section aria-label={t('nominations.detail.near')} data-testid="detail-near">
          <h4>{t('nominations.detail.near')}</h4>
          <ul className="nm-near">
            {d.nearMatches.map((m) => (
              <li key={m.id}>
                <span>{t('nominations.detail.nearItem', { label: m.label, percent: Math.round(m.similarity * 100) })}</span>
                <span className="nm-inline">
                  <button type="button" className="btn small" onClick={() => void resolve(m.id, true)}>{t('nominations.detail.same')}</button>
                  <button type="button" className="btn small" onClick={() => void resolve(m.id, false)}>{t('nominations.detail.different')}</button>
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-label={t('nominations.detail.fields')}>
        <h4>{t('nominations.detail.fields')}</h4>
        <dl className="nm-fields">
          {defs.map((def) => {
            const value = d.fields[def.id];
            const edited = d.edited.includes(def.id);
            const disagree = d.disagreements.includes(def.id);
            return (
              <div key={def.id} className={`nm-field${edited ? ' edited' : ''}${disagree ? ' disagree' : ''}`} data-field={def.id}>
                <dt>{lang === 'en' ? def.en : def.zh}</dt>
                <dd>
                  <span className="nm-field-value">{formatValue(value) || <span className="muted">{empty}</span>}</span>
                  {edited ? <span className="nm-tag nm-tag--edited">{t('nominations.detail.handEdited')}</span> : null}
                  {disagree ? <span className="nm-tag nm-tag--disagree">{t('nominations.detail.sourcesDisagree')}</span> : null}
                  {disagree ? (
                    <ul className="nm-sources-values" aria-label={t('nominations.detail.sourcesDisagree')}>
                      {n.sources.map((s, i) => (
                        <li key={`${s.importId}-${s.row}-${i}`}>{t('nominations.detail.fromSource', { nominator: s.nominator, value: formatValue(s.fields[def.id]) || empty })}</li>
                      ))}
                    </ul>
                  ) : null}
                </dd>
              </div>
            );
          })}
        </dl>
      </section>

      {kind === 'papers' ? (
        <section aria-label={t('nominations.detail.metrics')}>
          <h4>{t('nominations.detail.metrics')}</h4>
          <dl className="nm-metrics">
            {METRICS.map((m) => (
              <div key={m}>
                <dt>{fieldName(kind, m, lang)}</dt>
                <dd>{typeof d.fields[m] === 'number' ? formatCount(d.fields[m] as number, lang) : <span className="nm-no-metric">{t('nominations.detail.noMetric')}</span>}</dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}

      <section aria-label={t('nominations.detail.sources')}>
        <h4>{t('nominations.detail.sources')}</h4>
        <ul className="nm-sources">
          {n.sources.map((s, i) => (
            <li key={`${s.importId}-${s.row}-${i}`}>
              {s.byHand ? `${t('nominations.actions.byHand', { actor: s.byHand.actor })}${s.nominator ? ` · ${s.nominator}` : ''}` : t('nominations.detail.source', { file: s.file, sheet: s.sheet, row: s.row, nominator: s.nominator })}
              <span className="muted small"> · {t('nominations.detail.sourceAt', { at: formatDateTime(s.at, lang, campaign.settings.display.timeZone) })}</span>
            </li>
          ))}
        </ul>
        <p className="muted small">{t('nominations.detail.key')}<code>{d.key}</code></p>
      </section>

      <section aria-label={t('nominations.detail.history')}>
        <h4>{t('nominations.detail.history')}</h4>
        {d.history.length === 0 ? <p className="muted">{t('nominations.detail.noHistory')}</p> : (
          <ol className="nm-history" data-testid="detail-history">
            {d.history.map((h) => (
              <li key={h.seq}>
                <div className="nm-history-head">
                  <time dateTime={h.at}>{formatDateTime(h.at, lang, campaign.settings.display.timeZone)}</time>
                  <strong>{historyTypeWord(h.type, lang)}</strong>
                  <span className="muted">{t('nominations.detail.historyBy', { actor: h.actor })}</span>
                </div>
                <ul>
                  {h.changes.map((c, i) => {
                    const rest = c.key === prefix ? '' : c.key.slice(prefix.length + 1);
                    if (rest === '' && c.before === null && c.after && typeof c.after === 'object' && 'byHand' in c.after) return <li key={i}>{t('nominations.actions.createdByHand')}</li>;
                    if (rest === '' && c.before === null) {
                      const file = c.after && typeof c.after === 'object' && 'file' in c.after ? String((c.after as { file: unknown }).file) : '';
                      return <li key={i}>{t('nominations.detail.created', { file })}</li>;
                    }
                    const field = rest === 'override' ? t('nominations.detail.override') : fieldName(kind, rest || 'label', lang);
                    return <li key={i}>{t('nominations.detail.changeLine', { field, before: historyValueText(c.before, empty, statusWord), after: historyValueText(c.after, empty, statusWord) })}</li>;
                  })}
                </ul>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
