import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssignReport, CampaignView, PanelMatrix, PanelOverview } from '../../../shared/contract/index.ts';
import { unassignedWords, warningWords } from '../../../shared/panel/words.ts';
import { call } from '../api.ts';
import { Grid, gridLabelsEn, gridLabelsZh, type CellEdit, type EditOutcome, type GridColumn, type RefusedCell } from '../grid/index.ts';
import { describeError } from '../i18n/errors.ts';
import { invalidate, useCall } from '../lib/queries.ts';
import { useJob } from '../nominations/useJob.ts';

type Mark = 'assigned' | 'manual' | 'conflict' | 'confirm' | 'excluded' | null;
interface MatrixRow {
  readonly id: string;
  readonly label: string;
  readonly discipline: string;
  readonly reviewers: number;
  readonly marks: ReadonlyMap<string, Mark>;
}

const SYMBOL: Record<Exclude<Mark, null>, string> = { assigned: '✓', manual: '●', conflict: '✕', confirm: '?', excluded: '—' };

function rowsOf(m: PanelMatrix): MatrixRow[] {
  const marks = new Map<string, Map<string, Mark>>();
  const at = (itemId: string) => {
    let x = marks.get(itemId);
    if (!x) marks.set(itemId, (x = new Map()));
    return x;
  };
  for (const x of m.excluded) at(x.itemId).set(x.expertId, 'excluded');
  for (const c of m.conflicts) if (c.state !== 'dismissed') at(c.itemId).set(c.expertId, c.state === 'confirm' ? 'confirm' : 'conflict');
  for (const a of m.assignments) at(a.itemId).set(a.expertId, a.manual ? 'manual' : 'assigned');
  const count = new Map<string, number>();
  for (const a of m.assignments) count.set(a.itemId, (count.get(a.itemId) ?? 0) + 1);
  return m.items.map((i) => ({ id: i.id, label: i.label, discipline: i.discipline, reviewers: count.get(i.id) ?? 0, marks: marks.get(i.id) ?? new Map() }));
}

export function AssignTab({ campaign, overview, reload }: { campaign: CampaignView; overview: PanelOverview; reload: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const en = lang.startsWith('en');
  const [groupId, setGroupId] = useState<string>(overview.groups[0]?.id ?? '');
  const args = groupId ? { campaignId: campaign.id, groupId } : { campaignId: campaign.id };
  const matrix = useCall('panel.matrix', args);
  const { job, run, cancel } = useJob();
  const [report, setReport] = useState<AssignReport | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const groupName = (id: string) => {
    const g = overview.groups.find((x) => x.id === id);
    return g ? (en && g.nameEn ? g.nameEn : g.name) : '';
  };
  const refresh = async () => {
    invalidate('panel.matrix', 'conflicts.list');
    await reload();
  };
  const assign = async () => {
    setProblem(null);
    try {
      const out = await run((jobId) => call('panel.assign', { campaignId: campaign.id, jobId }), 'gathering');
      if (out.ok) setReport(out.value);
      await refresh();
    } catch (err) { setProblem(err); }
  };
  const m = matrix.data;
  const rows = useMemo(() => (m ? rowsOf(m) : []), [m]);
  const columns = useMemo((): GridColumn<MatrixRow>[] => [
    { id: 'label', header: t('panelPage.assign.item'), accessor: (r) => r.label, width: 220 },
    { id: 'discipline', header: t('panelPage.assign.discipline'), accessor: (r) => r.discipline, width: 90 },
    { id: 'reviewers', header: t('panelPage.assign.reviewers'), type: 'number', accessor: (r) => r.reviewers, width: 100,
      cellClassName: (v) => (m && Number(v) < m.perItem ? 'pn-cell-confirm' : '') },
    ...(m?.experts ?? []).map((e): GridColumn<MatrixRow> => ({
      id: e.id,
      header: t('panelPage.assign.loadHeader', { name: e.name, load: e.load, min: e.min, max: e.max }),
      description: t('panelPage.assign.loadHeader', { name: e.name, load: e.load, min: e.min, max: e.max }),
      width: 120,
      type: 'select',
      options: [{ value: 'assigned', label: t('panelPage.assign.assigned') }],
      editable: (r) => { const k = r.marks.get(e.id); return k !== 'conflict' && k !== 'confirm'; },
      accessor: (r) => r.marks.get(e.id) ?? null,
      format: (v) => (v ? SYMBOL[v as Exclude<Mark, null>] : ''),
      cellClassName: (v) => (v ? `pn-cell-${String(v)}` : ''),
      cellTitle: (v) => (v === 'conflict' || v === 'confirm' ? t('panelPage.assign.conflictCell') : ''),
    })),
  ], [t, m]);

  const onEdit = async (edits: CellEdit[]): Promise<EditOutcome> => {
    const refused: RefusedCell[] = [];
    for (const e of edits) {
      const assigned = e.value === 'assigned' || e.value === 'manual';
      try {
        await call('assignments.set', { campaignId: campaign.id, itemId: e.rowId, expertId: e.columnId, assigned });
      } catch (err) {
        refused.push({ rowId: e.rowId, columnId: e.columnId, message: () => describeError(err, i18n.t) });
      }
    }
    await refresh();
    return { refused };
  };

  return (
    <section aria-label={t('panelPage.tabs.assign')}>
      <div className="pn-toolbar">
        <button type="button" className="btn primary" data-testid="run-assign" onClick={() => void assign()} disabled={job !== null}>{job ? t('panelPage.assign.running') : t('panelPage.assign.run')}</button>
        {job ? <span role="status">{t(`panelPage.stages.${job.stage}`)} <button type="button" className="btn" onClick={cancel}>{t('panelPage.conflicts.cancel')}</button></span> : null}
        <span>{t('panelPage.assign.perItem', { k: overview.perItem })}</span>
        <label>{t('panelPage.assign.group')}{' '}
          <select value={groupId} onChange={(e) => setGroupId(e.target.value)} aria-label={t('panelPage.assign.group')}>
            <option value="">{t('panelPage.assign.allGroups')}</option>
            {overview.groups.map((g) => <option key={g.id} value={g.id}>{groupName(g.id)}</option>)}
          </select>
        </label>
      </div>
      {problem ? <p className="field-error" role="alert">{describeError(problem, t)}</p> : null}
      {report ? (
        <div data-testid="assign-report">
          <p role="status">{t('panelPage.assign.summary', { assigned: report.assignments.length, mismatched: report.mismatched })}</p>
          {report.droppedManual.length > 0 ? <p>{t('panelPage.assign.dropped', { count: report.droppedManual.length })}</p> : null}
          {report.unassigned.length > 0 ? (
            <div className="pn-short" data-testid="unassigned">
              <p>{t('panelPage.assign.short', { count: report.unassigned.length })}</p>
              <ul>{report.unassigned.map((u) => <li key={u.itemId}>{t('panelPage.assign.shortLine', { item: u.itemLabel, missing: u.missing, why: unassignedWords(u.reason, lang, u.groupId ? groupName(u.groupId) : '') })}</li>)}</ul>
            </div>
          ) : null}
          {report.warnings.length > 0 ? <ul aria-label={t('panelPage.assign.warnings')}>{report.warnings.map((w, i) => <li key={i}>{warningWords(w, lang, groupName(w.values.groupId))}</li>)}</ul> : null}
        </div>
      ) : null}
      <h2>{t('panelPage.assign.matrix')}</h2>
      <p className="muted small">{t('panelPage.assign.legend')}</p>
      {m && rows.length === 0 ? <p className="muted">{t('panelPage.assign.noItems')}</p> : null}
      {m && rows.length > 0 ? (
        <Grid rows={rows} columns={columns} getRowId={(r) => r.id} onEdit={onEdit} frozenColumns={1}
          labels={en ? gridLabelsEn : gridLabelsZh} ariaLabel={t('panelPage.assign.matrix')} height={Math.min(560, 64 + rows.length * 32)} />
      ) : null}
    </section>
  );
}
