import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Criterion } from '../../../shared/campaign/model.ts';
import { weightSum } from '../../../shared/scoring/total.ts';
import { useProblem } from '../i18n/useProblem.ts';
import { useEditor } from './editor.tsx';
import { CellField, RemoveButton, shortId, useRowErrors } from './common.tsx';
import { FieldRow, useDraftField, useFieldIds } from './fields.tsx';

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

export function Rubric() {
  const { t } = useTranslation();
  const { campaign, update } = useEditor();
  const [drafts, setDrafts] = useState<Readonly<Record<string, number>>>({});
  const [actionError, setActionError] = useProblem({ campaign });
  const criteria = campaign.criteria;

  const onWeightDraft = useCallback((id: string, v: number | null) => {
    setDrafts((prev) => {
      const next = { ...prev };
      if (v === null) delete next[id];
      else next[id] = v;
      return next;
    });
  }, []);

  const live = weightSum(criteria.map((c) => ({ weight: drafts[c.id] ?? c.weight })));
  const gap = round(100 - live);
  const toConfirm = criteria.filter((c) => c.toConfirm);

  async function structural(next: (latest: Criterion[]) => Criterion[]) {
    try {
      await update((c) => ({ criteria: next([...c.criteria]) }));
      setActionError(null);
    } catch (e) {
      setActionError({ err: e });
    }
  }

  function move(id: string, dir: -1 | 1) {
    void structural((list) => {
      const i = list.findIndex((x) => x.id === id);
      const j = i + dir;
      if (i < 0 || j < 0 || j >= list.length) return list;
      [list[i], list[j]] = [list[j]!, list[i]!];
      return list;
    });
  }

  function add() {
    const name = t('setup.rubric.newCriterionName');
    void structural((list) => [...list, {
      id: shortId('c', list.map((c) => c.id)), name, nameEn: '', description: '',
      weight: 0, min: 0, max: 10, step: 1, bands: [], toConfirm: false,
    }]);
  }

  return (
    <div className="rubric">
      <p className="section-intro">{t('setup.rubric.intro')}</p>
      {toConfirm.length > 0 ? (
        <div className="notice notice-confirm" role="region" aria-label={t('setup.rubric.toConfirmTitle')}>
          <div>
            <strong>{t('setup.rubric.toConfirmTitle')}</strong>
            <p>{t('setup.rubric.toConfirmText', { count: toConfirm.length, weight: toConfirm[0]!.weight })}</p>
          </div>
          <button type="button" className="btn primary" onClick={() => void structural((list) => list.map((c) => ({ ...c, toConfirm: false })))}>
            {t('setup.rubric.confirm')}
          </button>
        </div>
      ) : null}
      <div className="table-scroll">
      <table className="grid-table rubric-table">
        <thead>
          <tr>
            <th scope="col" className="col-order">{t('setup.rubric.columns.order')}</th>
            <th scope="col">{t('setup.rubric.columns.name')}</th>
            <th scope="col">{t('setup.rubric.columns.nameEn')}</th>
            <th scope="col" className="col-num">{t('setup.rubric.columns.weight')}</th>
            <th scope="col" className="col-num">{t('setup.rubric.columns.min')}</th>
            <th scope="col" className="col-num">{t('setup.rubric.columns.max')}</th>
            <th scope="col" className="col-num">{t('setup.rubric.columns.step')}</th>
            <th scope="col">{t('setup.rubric.columns.details')}</th>
            <th scope="col" className="col-actions"><span className="visually-hidden">{t('setup.rubric.columns.actions')}</span></th>
          </tr>
        </thead>
        {criteria.map((c, i) => (
          <CriterionRows key={c.id} criterion={c} index={i} count={criteria.length}
            onMove={move} onWeightDraft={onWeightDraft}
            onRemove={() => void structural((list) => list.filter((x) => x.id !== c.id))} />
        ))}
        <tfoot>
          <tr>
            <td colSpan={9}>
              <div className="rubric-foot">
                <button type="button" className="btn" onClick={add} disabled={criteria.length >= 30}>+ {t('setup.rubric.addCriterion')}</button>
                <WeightTotal total={live} gap={gap} />
              </div>
            </td>
          </tr>
        </tfoot>
      </table>
      </div>
      {actionError ? <p className="field-error" role="alert">{actionError}</p> : null}
    </div>
  );
}

function WeightTotal({ total, gap }: { total: number; gap: number }) {
  const { t } = useTranslation();
  if (gap === 0) {
    return <div className="weight-total ok" data-testid="weight-total" aria-live="polite">✓ {t('setup.rubric.totalOk')}</div>;
  }
  return (
    <div className="weight-total warn" data-testid="weight-total" role="status" aria-live="polite">
      <strong>{t('setup.rubric.total', { total })}</strong>
      {' — '}
      <strong className="gap">{gap > 0 ? t('setup.rubric.missing', { points: gap }) : t('setup.rubric.over', { points: round(-gap) })}</strong>
      <div className="weight-note">{t('setup.rubric.notReady')}</div>
    </div>
  );
}

function CriterionRows({ criterion: c, index, count, onMove, onRemove, onWeightDraft }: {
  criterion: Criterion; index: number; count: number;
  onMove: (id: string, dir: -1 | 1) => void; onRemove: () => void; onWeightDraft: (id: string, v: number | null) => void;
}) {
  const { t, i18n } = useTranslation();
  const { set } = useEditor();
  const { errors, onError } = useRowErrors();
  const [showBands, setShowBands] = useState(false);
  const name = i18n.language === 'en' && c.nameEn ? c.nameEn : c.name;
  const key = (field: string) => `criteria.${c.id}.${field}`;
  const label = (field: string) => t('setup.rubric.criterionLabel', { name, field: t(`setup.rubric.columns.${field}`) });
  const commit = (field: string) => (v: unknown) => set([{ key: key(field), value: v }]);
  const errorId = `err-${c.id}`;
  const messages = [...new Set(Object.values(errors))];
  const onDraft = useCallback((v: number | null) => onWeightDraft(c.id, v), [c.id, onWeightDraft]);

  return (
    <tbody className={`criterion${messages.length ? ' has-error' : ''}`} data-criterion={c.id}>
      <tr>
        <td className="col-order">
          <span className="order-num">{index + 1}</span>
          <button type="button" className="icon-btn" aria-label={`${t('common.moveUp')}: ${name}`} title={t('common.moveUp')} disabled={index === 0} onClick={() => onMove(c.id, -1)}>▲</button>
          <button type="button" className="icon-btn" aria-label={`${t('common.moveDown')}: ${name}`} title={t('common.moveDown')} disabled={index === count - 1} onClick={() => onMove(c.id, 1)}>▼</button>
        </td>
        <td className="col-name">
          <div className="name-cell">
            <CellField fieldId={key('name')} value={c.name} type="text" required label={label('name')} commit={commit('name')} onError={onError} errorId={errorId} className="name-input" />
            {c.toConfirm ? <span className="badge badge-confirm" title={t('setup.rubric.toConfirmTitle')}>{t('setup.rubric.toConfirmBadge')}</span> : null}
          </div>
        </td>
        <td className="col-name"><CellField fieldId={key('nameEn')} value={c.nameEn} type="text" label={label('nameEn')} commit={commit('nameEn')} onError={onError} errorId={errorId} className="name-input" /></td>
        <td className="col-num">
          <CellField fieldId={key('weight')} value={c.weight} type="number" label={label('weight')} onError={onError} errorId={errorId} onDraft={onDraft}
            commit={(v) => set([{ key: key('weight'), value: v }, ...(c.toConfirm ? [{ key: key('toConfirm'), value: false }] : [])])} />
        </td>
        <td className="col-num"><CellField fieldId={key('min')} value={c.min} type="number" label={label('min')} commit={commit('min')} onError={onError} errorId={errorId} /></td>
        <td className="col-num"><CellField fieldId={key('max')} value={c.max} type="number" label={label('max')} commit={commit('max')} onError={onError} errorId={errorId} /></td>
        <td className="col-num"><CellField fieldId={key('step')} value={c.step} type="number" label={label('step')} commit={commit('step')} onError={onError} errorId={errorId} /></td>
        <td>
          <button type="button" className="btn small quiet" aria-expanded={showBands} onClick={() => setShowBands((s) => !s)}>
            {showBands ? t('setup.rubric.hideBands') : t('setup.rubric.showBands', { count: c.bands.length })}
          </button>
        </td>
        <td className="col-actions">
          <RemoveButton label={t('setup.rubric.removeCriterion', { name })} confirmLabel={t('setup.rubric.removeConfirm', { name })} onRemove={onRemove} disabled={count <= 1} />
        </td>
      </tr>
      {messages.length ? (
        <tr className="row-error">
          <td />
          <td colSpan={8}><p className="field-error" id={errorId} role="alert">{messages.join(' ')}</p></td>
        </tr>
      ) : null}
      {showBands ? (
        <tr className="bands-row">
          <td />
          <td colSpan={8}><Bands criterion={c} /></td>
        </tr>
      ) : null}
    </tbody>
  );
}

function Bands({ criterion: c }: { criterion: Criterion }) {
  const { t } = useTranslation();
  const { set, campaign } = useEditor();
  const { errors, onError } = useRowErrors();
  const [actionError, setActionError] = useProblem({ campaign });
  const key = `criteria.${c.id}.bands`;
  const bandsOf = (latest: { criteria: readonly Criterion[] }) => latest.criteria.find((x) => x.id === c.id)?.bands ?? [];
  const save = async (next: (bands: Criterion['bands']) => Criterion['bands']) => {
    try {
      await set((latest) => [{ key, value: next(bandsOf(latest)) }]);
      setActionError(null);
    } catch (e) {
      setActionError({ err: e });
    }
  };
  const commitField = (i: number, field: 'min' | 'max' | 'label' | 'labelEn') => (v: unknown) =>
    set((latest) => [{ key, value: bandsOf(latest).map((b, j) => (j === i ? { ...b, [field]: v } : b)) }]);
  const messages = [...new Set([...Object.values(errors), ...(actionError ? [actionError] : [])])];
  return (
    <div className="bands">
      <Description criterion={c} />
      <h4 className="bands-title">{t('setup.rubric.columns.bands')}</h4>
      <p className="field-help">{t('setup.rubric.bandsIntro')}</p>
      {c.bands.length === 0 ? <p className="muted">{t('setup.rubric.band.none')}</p> : (
        <table className="grid-table bands-table">
          <thead>
            <tr>
              <th scope="col" className="col-num">{t('setup.rubric.band.min')}</th>
              <th scope="col" className="col-num">{t('setup.rubric.band.max')}</th>
              <th scope="col">{t('setup.rubric.band.label')}</th>
              <th scope="col">{t('setup.rubric.band.labelEn')}</th>
              <th scope="col"><span className="visually-hidden">{t('setup.rubric.columns.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {c.bands.map((b, i) => (
              // Bands have no ids: position is their identity, and a removal re-keys the rows below.
              <tr key={`${i}-${c.bands.length}`}>
                <td className="col-num"><CellField fieldId={`${key}.${i}.min`} value={b.min} type="number" label={`${t('setup.rubric.band.min')} ${i + 1}`} commit={commitField(i, 'min')} onError={onError} /></td>
                <td className="col-num"><CellField fieldId={`${key}.${i}.max`} value={b.max} type="number" label={`${t('setup.rubric.band.max')} ${i + 1}`} commit={commitField(i, 'max')} onError={onError} /></td>
                <td><CellField fieldId={`${key}.${i}.label`} value={b.label} type="text" label={`${t('setup.rubric.band.label')} ${i + 1}`} commit={commitField(i, 'label')} onError={onError} className="label-input" /></td>
                <td><CellField fieldId={`${key}.${i}.labelEn`} value={b.labelEn} type="text" label={`${t('setup.rubric.band.labelEn')} ${i + 1}`} commit={commitField(i, 'labelEn')} onError={onError} className="label-input" /></td>
                <td><button type="button" className="btn small quiet" onClick={() => void save((bands) => bands.filter((_, j) => j !== i))}>{t('setup.rubric.band.remove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {messages.length ? <p className="field-error" role="alert">{messages.join(' ')}</p> : null}
      <button type="button" className="btn small" disabled={c.bands.length >= 20}
        onClick={() => void save((bands) => [...bands, { min: c.min, max: c.max, label: '', labelEn: '' }])}>+ {t('setup.rubric.band.add')}</button>
    </div>
  );
}

function Description({ criterion: c }: { criterion: Criterion }) {
  const { t } = useTranslation();
  const { set } = useEditor();
  const ids = useFieldIds();
  const f = useDraftField<string>({
    fieldId: `criteria.${c.id}.description`, value: c.description, format: String,
    parse: (s) => ({ ok: true, value: s.trim() }), commit: (v) => set([{ key: `criteria.${c.id}.description`, value: v }]),
  });
  return (
    <FieldRow label={t('setup.rubric.description')} htmlFor={ids.input} help={t('setup.rubric.descriptionHelp')} status={f.status} error={f.error} errorId={ids.error} wide>
      <textarea id={ids.input} rows={2} {...f.inputProps} aria-describedby={`${ids.error}-help${f.error ? ` ${ids.error}` : ''}`} data-field={`criteria.${c.id}.description`} />
    </FieldRow>
  );
}
