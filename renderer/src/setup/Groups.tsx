import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisciplineGroup } from '../../../shared/campaign/model.ts';
import { useProblem } from '../i18n/useProblem.ts';
import { useEditor } from './editor.tsx';
import { CellField, RemoveButton, shortId, useRowErrors } from './common.tsx';
import { useDraftField } from './fields.tsx';

export function Groups() {
  const { t } = useTranslation();
  const { campaign, update } = useEditor();
  const [actionError, setActionError] = useProblem({ campaign });
  const groups = campaign.groups;
  const quota = campaign.settings.quota.total;
  const shares = groups.reduce((a, g) => a + (g.quotaShare ?? 0), 0);

  async function structural(next: (latest: DisciplineGroup[]) => DisciplineGroup[]) {
    try {
      await update((c) => ({ groups: next([...c.groups]) }));
      setActionError(null);
    } catch (e) {
      setActionError({ err: e });
    }
  }

  return (
    <div className="groups">
      <p className="section-intro">{t('setup.groups.intro')}</p>
      {groups.length === 0 ? <p className="empty-note">{t('setup.groups.none')}</p> : (
        <div className="table-scroll">
        <table className="grid-table groups-table">
          <thead>
            <tr>
              <th scope="col">{t('setup.groups.columns.name')}</th>
              <th scope="col">{t('fieldNames.nameEn')}</th>
              <th scope="col">{t('setup.groups.columns.disciplines')}</th>
              <th scope="col">{t('setup.groups.columns.leader')}</th>
              <th scope="col" className="col-num">{t('setup.groups.columns.quotaShare')}</th>
              <th scope="col" title={t('setup.groups.columns.everyMemberScores')}>{t('setup.groups.columns.everyShort')}</th>
              <th scope="col" className="col-actions"><span className="visually-hidden">{t('setup.rubric.columns.actions')}</span></th>
            </tr>
          </thead>
          {groups.map((g) => (
            <GroupRows key={g.id} group={g} over={quota !== null && shares > quota ? { shares, quota } : null} onRemove={() => void structural((list) => list.filter((x) => x.id !== g.id))} />
          ))}
        </table>
        </div>
      )}
      <div className="table-foot">
        <button type="button" className="btn" disabled={groups.length >= 200}
          onClick={() => {
            const base = t('setup.groups.newName');
            void structural((list) => [...list, {
              id: shortId('g', list.map((g) => g.id)), name: `${base} ${list.length + 1}`, nameEn: '',
              disciplines: [], leader: '', quotaShare: null, everyMemberScores: false,
            }]);
          }}>+ {t('setup.groups.add')}</button>
        {groups.length > 0 && quota !== null ? (
          <span className={`shares-note${shares > quota ? ' warn-text' : ''}`}>{t('setup.groups.sharesTotal', { shares, quota })}</span>
        ) : null}
      </div>
      {actionError ? <p className="field-error" role="alert">{actionError}</p> : null}
    </div>
  );
}

function GroupRows({ group: g, over, onRemove }: { group: DisciplineGroup; over: { shares: number; quota: number } | null; onRemove: () => void }) {
  const { t } = useTranslation();
  const { set } = useEditor();
  const { errors, onError } = useRowErrors();
  const key = (field: string) => `groups.${g.id}.${field}`;
  const label = (field: string) => `${g.name} · ${t(`setup.groups.columns.${field}`)}`;
  const commit = (field: string) => (v: unknown) => set([{ key: key(field), value: v }]);
  const errorId = `err-${g.id}`;
  const messages = [...new Set(Object.values(errors))];
  const every = useDraftField<boolean>({ fieldId: key('everyMemberScores'), value: g.everyMemberScores, format: String, parse: (s) => ({ ok: true, value: s === 'true' }), commit: commit('everyMemberScores') });
  return (
    <tbody className={messages.length || every.error ? 'has-error' : undefined} data-group={g.id}>
      <tr>
        <td><CellField fieldId={key('name')} value={g.name} type="text" required label={label('name')} commit={commit('name')} onError={onError} errorId={errorId} className="name-input" /></td>
        <td><CellField fieldId={key('nameEn')} value={g.nameEn} type="text" label={`${g.name} · ${t('fieldNames.nameEn')}`} commit={commit('nameEn')} onError={onError} errorId={errorId} className="name-input" /></td>
        <td>
          <DisciplinesCell group={g} onError={onError} errorId={errorId} label={label('disciplines')} commit={commit('disciplines')} />
        </td>
        <td><CellField fieldId={key('leader')} value={g.leader} type="text" label={label('leader')} placeholder={t('setup.groups.leaderHint')} commit={commit('leader')} onError={onError} errorId={errorId} className="leader-input" /></td>
        <td className="col-num">
          <CellField fieldId={key('quotaShare')} value={g.quotaShare} type="number" nullable label={label('quotaShare')} placeholder="—" commit={commit('quotaShare')} onError={onError} errorId={errorId} />
          {/* Shares summing over the campaign's quota: flagged beside each group's share. */}
          {over && g.quotaShare ? <span className="warn-text quota-over" role="status" data-testid="quota-over">{t('setup.groups.overQuota', over)}</span> : null}
        </td>
        <td>
          <label className="check">
            <input type="checkbox" checked={every.shown} onChange={(e) => every.commitValue(e.target.checked)} aria-label={label('everyMemberScores')} />
            <span>{every.shown ? t('common.yes') : t('common.no')}</span>
          </label>
        </td>
        <td className="col-actions">
          <RemoveButton label={t('setup.groups.remove', { name: g.name })} confirmLabel={t('setup.groups.removeConfirm', { name: g.name })} onRemove={onRemove} />
        </td>
      </tr>
      {messages.length || every.error ? (
        <tr className="row-error"><td colSpan={7}><p className="field-error" id={errorId} role="alert">{[...messages, every.error].filter(Boolean).join(' ')}</p></td></tr>
      ) : null}
    </tbody>
  );
}

/** A group's disciplines, picked from the campaign's list (one not in the list, from before, is shown and flagged). */
function DisciplinesCell({ group: g, onError, errorId, label, commit }: {
  group: DisciplineGroup; onError: (id: string, e: string | null) => void; errorId: string; label: string; commit: (v: unknown) => Promise<unknown>;
}) {
  const { t, i18n } = useTranslation();
  const { campaign } = useEditor();
  const sep = i18n.language === 'en' ? ', ' : '、';
  const fieldId = `groups.${g.id}.disciplines`;
  const f = useDraftField<string[]>({ fieldId, value: g.disciplines, format: (v) => v.join(sep), parse: (s) => ({ ok: true, value: s ? s.split(sep) : [] }), commit });
  const chosen = f.shown;
  const list = campaign.disciplines;
  const stray = chosen.filter((d) => !list.includes(d));
  const strayNote = stray.map((d) => t('setup.groups.notInList', { discipline: d })).join('；');
  // Report to the row like the other cells do: a refusal from main, else a discipline not in the list.
  useReport(fieldId, f.error ?? (strayNote || null), onError);
  const toggle = (d: string, on: boolean) => f.commitValue(on ? [...list.filter((x) => x === d || chosen.includes(x)), ...stray] : chosen.filter((x) => x !== d));
  return (
    <details className="pick-list" data-field={fieldId}>
      <summary className="pick-summary" aria-label={`${label}: ${chosen.join(sep) || t('setup.groups.disciplinesPick')}`}
        aria-describedby={f.error || stray.length ? errorId : undefined} aria-invalid={f.error || stray.length ? true : undefined}>
        {chosen.length ? chosen.join(sep) : <span className="muted">{t('setup.groups.disciplinesPick')}</span>}
      </summary>
      <div className="pick-options" role="group" aria-label={label}>
        {list.length === 0 ? <p className="muted small">{t('setup.groups.disciplinesNone')}</p> : null}
        {[...list, ...stray].map((d) => (
          <label key={d} className={`check${list.includes(d) ? '' : ' warn-text'}`}>
            <input type="checkbox" checked={chosen.includes(d)} onChange={(e) => toggle(d, e.currentTarget.checked)} />
            <span>{d}</span>
          </label>
        ))}
      </div>
    </details>
  );
}

function useReport(fieldId: string, error: string | null, onError: (id: string, e: string | null) => void) {
  useEffect(() => { onError(fieldId, error); }, [fieldId, error, onError]);
}
