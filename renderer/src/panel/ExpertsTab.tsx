import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, ExpertRow, PanelOverview, RosterPreview } from '../../../shared/contract/index.ts';
import { rosterIssueWords } from '../../../shared/panel/words.ts';
import { call } from '../api.ts';
import { Grid, gridLabelsEn, gridLabelsZh, type CellEdit, type EditOutcome, type GridColumn, type RefusedCell } from '../grid/index.ts';
import { describeError } from '../i18n/errors.ts';
import { useJob } from '../nominations/useJob.ts';

const split = (v: unknown): string[] => String(v ?? '').split(/[、,，;；\n]+/).map((s) => s.trim()).filter(Boolean);

function saveArgs(e: ExpertRow) {
  return {
    name: e.name, institution: e.institution, department: e.department, title: e.title, disciplines: [...e.disciplines], offices: [...e.offices],
    phone: e.phone, email: e.email, groupId: e.groupId, minLoad: e.minLoad ?? null, maxLoad: e.maxLoad ?? null,
  };
}

export function ExpertsTab({ campaign, overview, reload }: { campaign: CampaignView; overview: PanelOverview; reload: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [problem, setProblem] = useState<unknown>(null);
  const [adding, setAdding] = useState(false);
  const [importing, setImporting] = useState(false);
  const groups = overview.groups;
  const columns = useMemo((): GridColumn<ExpertRow>[] => [
    { id: 'code', header: t('panelPage.experts.code'), accessor: (r) => (lang.startsWith('en') ? r.code.replace('专家', 'Expert ') : r.code), width: 80 },
    { id: 'name', header: t('panelPage.experts.name'), accessor: (r) => r.name, width: 110, editable: true, validate: (v) => (String(v ?? '').trim() ? null : () => i18n.t('panelPage.experts.name')) },
    { id: 'institution', header: t('panelPage.experts.institution'), accessor: (r) => r.institution, width: 200, editable: true },
    { id: 'department', header: t('panelPage.experts.department'), accessor: (r) => r.department, width: 140, editable: true },
    { id: 'title', header: t('panelPage.experts.titleCol'), accessor: (r) => r.title, width: 90, editable: true },
    { id: 'disciplines', header: t('panelPage.experts.disciplines'), accessor: (r) => r.disciplines.join('、'), width: 140, editable: true },
    { id: 'offices', header: t('panelPage.experts.offices'), accessor: (r) => r.offices.join('、'), width: 160, editable: true },
    {
      id: 'group', header: t('panelPage.experts.group'), type: 'select', width: 130, editable: true,
      options: groups.map((g) => ({ value: g.id, label: lang.startsWith('en') && g.nameEn ? g.nameEn : g.name })),
      accessor: (r) => r.groupId,
    },
    { id: 'load', header: t('panelPage.experts.load'), type: 'number', accessor: (r) => r.load, width: 80 },
    { id: 'blocking', header: t('panelPage.experts.blocking'), type: 'number', accessor: (r) => r.blocking, width: 80 },
  ], [t, lang, groups, i18n]);

  const onEdit = async (edits: CellEdit[]): Promise<EditOutcome> => {
    const refused: RefusedCell[] = [];
    const byId = new Map(overview.experts.map((e) => [e.id, e]));
    const changed = new Map<string, ExpertRow>();
    for (const e of edits) {
      const cur = changed.get(e.rowId) ?? byId.get(e.rowId);
      if (!cur) continue;
      const v = e.value;
      const next: ExpertRow = e.columnId === 'disciplines' ? { ...cur, disciplines: split(v) }
        : e.columnId === 'offices' ? { ...cur, offices: split(v) }
        : e.columnId === 'group' ? { ...cur, groupId: v === null ? null : String(v) }
        : { ...cur, [e.columnId]: String(v ?? '').trim() };
      changed.set(e.rowId, next);
    }
    for (const [id, e] of changed) {
      try {
        await call('experts.save', { campaignId: campaign.id, id, expert: saveArgs(e) });
      } catch (err) {
        for (const x of edits.filter((y) => y.rowId === id)) refused.push({ rowId: id, columnId: x.columnId, message: () => describeError(err, i18n.t) });
      }
    }
    await reload();
    return { refused };
  };

  return (
    <section aria-label={t('panelPage.tabs.experts')}>
      <div className="pn-toolbar">
        <button type="button" className="btn primary" data-testid="open-roster" onClick={() => setImporting(true)}>{t('panelPage.experts.import')}</button>
        <button type="button" className="btn" onClick={() => setAdding(true)}>{t('panelPage.experts.add')}</button>
      </div>
      <GroupsSummary overview={overview} />
      {problem ? <p className="field-error" role="alert">{describeError(problem, t)}</p> : null}
      {importing ? <RosterDialog campaignId={campaign.id} onClose={() => { setImporting(false); void reload(); }} /> : null}
      {adding ? <AddExpert overview={overview} onCancel={() => setAdding(false)} onSave={async (name, institution, disciplines, groupId) => {
        try {
          await call('experts.save', { campaignId: campaign.id, expert: { name, institution, disciplines: split(disciplines), groupId: groupId || null } });
          setAdding(false);
          setProblem(null);
          await reload();
        } catch (err) { setProblem(err); }
      }} /> : null}
      {overview.experts.length === 0 ? <p className="muted">{t('panelPage.experts.empty')}</p> : (
        <Grid rows={overview.experts as ExpertRow[]} columns={columns} getRowId={(r) => r.id} onEdit={onEdit} frozenColumns={2}
          labels={lang.startsWith('en') ? gridLabelsEn : gridLabelsZh} ariaLabel={t('panelPage.experts.grid')} height={Math.min(560, 64 + overview.experts.length * 32)} />
      )}
    </section>
  );
}

function GroupsSummary({ overview }: { overview: PanelOverview }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  if (overview.groups.length === 0) return <p className="muted" role="note">{t('panelPage.experts.noGroups')}</p>;
  return (
    <div className="pn-groups" data-testid="groups">
      <h2>{t('panelPage.experts.groups')}</h2>
      <ul>
        {overview.groups.map((g) => (
          <li key={g.id}>{t('panelPage.experts.groupLine', { name: en && g.nameEn ? g.nameEn : g.name, members: g.members, items: g.items, disciplines: g.disciplines.join('、') })}</li>
        ))}
      </ul>
      {overview.ungrouped > 0 ? <p className="muted">{t('panelPage.experts.ungrouped', { count: overview.ungrouped })}</p> : null}
    </div>
  );
}

function AddExpert({ overview, onSave, onCancel }: { overview: PanelOverview; onSave: (name: string, inst: string, disciplines: string, groupId: string) => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [inst, setInst] = useState('');
  const [disc, setDisc] = useState('');
  const [group, setGroup] = useState('');
  return (
    <form className="pn-form" onSubmit={(e) => { e.preventDefault(); void onSave(name, inst, disc, group); }}>
      <label>{t('panelPage.experts.name')}<input value={name} onChange={(e) => setName(e.target.value)} required /></label>
      <label>{t('panelPage.experts.institution')}<input value={inst} onChange={(e) => setInst(e.target.value)} /></label>
      <label>{t('panelPage.experts.disciplines')}<input value={disc} onChange={(e) => setDisc(e.target.value)} /></label>
      <label>{t('panelPage.experts.group')}
        <select value={group} onChange={(e) => setGroup(e.target.value)}>
          <option value="">{t('panelPage.experts.noGroup')}</option>
          {overview.groups.map((g) => <option key={g.id} value={g.id}>{g.name}</option>)}
        </select>
      </label>
      <button type="submit" className="btn primary">{t('panelPage.experts.save')}</button>
      <button type="button" className="btn" onClick={onCancel}>{t('panelPage.experts.cancel')}</button>
    </form>
  );
}

function RosterDialog({ campaignId, onClose }: { campaignId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { job, run, cancel } = useJob();
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [done, setDone] = useState<{ imported: number; updated: number } | null>(null);
  const [problem, setProblem] = useState<unknown>(null);
  const read = async (file: File) => {
    setProblem(null);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const out = await run((jobId) => call('experts.preview', { campaignId, file: { name: file.name, bytes }, jobId }));
      if (out.ok) setPreview(out.value);
    } catch (err) { setProblem(err); }
  };
  const confirm = async () => {
    if (!preview) return;
    try {
      const out = await run((jobId) => call('experts.import', { campaignId, uploadId: preview.uploadId, sheet: preview.sheet, jobId }), 'mapping');
      if (out.ok) setDone({ imported: out.value.imported, updated: out.value.updated });
    } catch (err) { setProblem(err); }
  };
  return (
    <div className="pn-dialog" role="dialog" aria-label={t('panelPage.roster.title')}>
      <h2>{t('panelPage.roster.title')}</h2>
      {!preview ? (
        <>
          <label className="btn primary">{t('panelPage.roster.choose')}
            <input type="file" className="visually-hidden" data-testid="roster-file" accept=".xlsx,.xls" onChange={(e) => { const f = e.currentTarget.files?.[0]; if (f) void read(f); }} />
          </label>
          <p className="muted small">{t('panelPage.roster.accepts')}</p>
        </>
      ) : null}
      {job ? <p role="status">{t(`panelPage.stages.${job.stage}`)} <button type="button" className="btn" onClick={cancel}>{t('panelPage.conflicts.cancel')}</button></p> : null}
      {problem ? <p className="field-error" role="alert">{describeError(problem, t)}</p> : null}
      {preview && !done ? (
        <>
          <p data-testid="roster-totals">{t('panelPage.roster.totals', preview.totals)}{preview.headerRow ? ` · ${t('panelPage.roster.headerAt', { row: preview.headerRow })}` : ''}</p>
          <table className="pn-table" aria-label={t('panelPage.roster.title')}>
            <thead><tr><th>#</th><th>{t('panelPage.experts.name')}</th><th>{t('panelPage.experts.institution')}</th><th>{t('panelPage.experts.disciplines')}</th><th>{t('panelPage.experts.group')}</th><th /></tr></thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.row}><td>{r.row}</td><td>{r.name}</td><td>{r.institution}</td><td>{r.disciplines.join('、')}</td><td>{r.groupName || t('panelPage.experts.noGroup')}</td><td>{t(`panelPage.roster.fate.${r.fate}`)}</td></tr>
              ))}
            </tbody>
          </table>
          {preview.issues.length > 0 ? (
            <div data-testid="roster-issues">
              <h3>{t('panelPage.roster.issues')}</h3>
              <ul>{preview.issues.map((i, k) => <li key={k}>{t('panelPage.roster.issueLine', { row: i.row, column: i.column || '–', words: rosterIssueWords(i.code, i18n.language) })}</li>)}</ul>
            </div>
          ) : null}
          <div className="pn-toolbar">
            <button type="button" className="btn primary" onClick={() => void confirm()} disabled={job !== null}>{t('panelPage.roster.confirm')}</button>
            <button type="button" className="btn" onClick={onClose}>{t('panelPage.experts.cancel')}</button>
          </div>
        </>
      ) : null}
      {done ? (
        <>
          <p role="status" data-testid="roster-done">{t('panelPage.roster.done', done)}</p>
          <button type="button" className="btn primary" onClick={onClose}>{t('panelPage.roster.close')}</button>
        </>
      ) : null}
    </div>
  );
}
