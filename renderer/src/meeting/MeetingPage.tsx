import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView } from '../../../shared/contract/index.ts';
import type { GroupView, ResultSheetCheck } from '../../../shared/contract/meeting.ts';
import { call } from '../api.ts';
import { useProblem } from '../i18n/useProblem.ts';
import { downloadBytes } from '../lib/download.ts';
import { useCall } from '../lib/queries.ts';
import { Charts } from './Charts.tsx';
import { RoundPanel } from './RoundPanel.tsx';
import './meeting.css';

function GroupSection({ campaignId, group, onChange, onProblem }: { campaignId: string; group: GroupView; onChange: () => Promise<void>; onProblem: (e: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const name = en && group.nameEn ? group.nameEn : group.name;
  const open = group.rounds.find((r) => r.open);
  const title = (id: string) => group.candidates.find((c) => c.itemId === id)?.title ?? '';
  const list = (ids: readonly string[]) => ids.map(title).join(en ? '; ' : '；');
  const full = group.seatsLeft === 0;
  return (
    <section className="panel meeting-group" aria-label={name} data-testid={`group-${group.id || 'all'}`}>
      <h2>{t('meeting.group', { name, members: group.members.length, seats: group.seats })}</h2>
      {group.seatsLeft !== null ? <p data-testid="standing">{full ? t('meeting.selectedDone', { count: group.selected.length }) : t('meeting.selected', { count: group.selected.length, left: group.seatsLeft })}</p> : null}
      {group.selected.length > 0 ? <ol className="meeting-selected" data-testid="selected-list">{group.selected.map((id) => <li key={id}>{title(id)}</li>)}</ol> : null}
      {group.rounds.map((r) => <RoundPanel key={r.id} campaignId={campaignId} groupName={name} round={r} onChange={onChange} onProblem={onProblem} />)}
      {!open && !full && group.proposed.length > 0 ? (
        <div className="meeting-next">
          <p>{t('meeting.proposed', { names: list(group.proposed) })}</p>
          <button type="button" className="btn primary" onClick={() => void call('meeting.openRound', { campaignId, groupId: group.id }).then(onChange, onProblem)}>
            {t('meeting.openRound', { n: group.rounds.length + 1 })}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function Exports({ campaignId, onChange, onProblem }: { campaignId: string; onChange: () => Promise<void>; onProblem: (e: unknown) => void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [check, setCheck] = useState<{ file: string; r: ResultSheetCheck } | null>(null);
  const [printLang, setPrintLang] = useState<'zh-CN' | 'en'>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [printHtml, setPrintHtml] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  const file = useRef<HTMLInputElement>(null);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
    } catch (err) {
      onProblem(err);
    } finally {
      setBusy(false);
    }
  };
  const exportSheet = () => run(async () => {
    const out = await call('meeting.exportResultSheet', { campaignId });
    downloadBytes(out.name, out.bytes);
    setMessage(t('meeting.exported', { name: out.name, digest: out.digest.slice(0, 16) }));
    await onChange();
  });
  const publicList = () => run(async () => {
    const out = await call('meeting.exportPublicList', { campaignId });
    downloadBytes(out.name, out.bytes);
  });
  const print = () => run(async () => {
    const out = await call('meeting.printView', { campaignId, lang: printLang });
    setPrintHtml(out.html);
  });
  // The desktop app saves the print view as PDF itself (meeting.printPdf); a browser prints it through its dialog.
  const desktop = window.paneldesk !== undefined;
  const savePdf = () => run(async () => {
    setMessage(t('meeting.savingPdf'));
    try {
      const out = await call('meeting.printPdf', { campaignId, lang: printLang });
      downloadBytes(out.name, out.bytes, 'application/pdf');
      setMessage(t('meeting.pdfSaved', { name: out.name, digest: out.digest.slice(0, 16) }));
    } catch (err) {
      setMessage(null);
      throw err;
    }
  });
  const verify = (f: File) => run(async () => {
    const bytes = new Uint8Array(await f.arrayBuffer());
    setCheck({ file: f.name, r: await call('meeting.verify', { file: { name: f.name, bytes } }) });
  });
  return (
    <section className="panel" aria-labelledby="meeting-exports">
      <h2 id="meeting-exports">{t('meeting.exports')}</h2>
      <p className="meeting-actions">
        <button type="button" className="btn primary" disabled={busy} onClick={() => void exportSheet()}>{busy ? t('meeting.exporting') : t('meeting.exportSheet')}</button>{' '}
        <label>{t('meeting.printLang')}{' '}
          <select value={printLang} onChange={(e) => setPrintLang(e.target.value as 'zh-CN' | 'en')}><option value="zh-CN">中文</option><option value="en">English</option></select>
        </label>{' '}
        <button type="button" className="btn" disabled={busy} onClick={() => void print()}>{t('meeting.printView')}</button>{' '}
        {desktop ? <><button type="button" className="btn" disabled={busy} data-testid="save-pdf" onClick={() => void savePdf()}>{t('meeting.savePdf')}</button>{' '}</> : null}
        <button type="button" className="btn" disabled={busy} onClick={() => void publicList()}>{t('meeting.publicList')}</button>{' '}
        <button type="button" className="btn" disabled={busy} onClick={() => file.current?.click()}>{t('meeting.verify')}</button>
        <input ref={file} type="file" accept=".xlsx" hidden data-testid="verify-input" onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void verify(f); }} />
      </p>
      {message ? <p role="status" data-testid="export-message">{message}</p> : null}
      {check ? (
        <div role="status" data-testid="verify-result" className={check.r.packageSignature === 'valid' ? 'notice' : 'notice notice-warn'}>
          <p>{check.r.packageSignature === 'valid'
            ? t('meeting.verifyValid', { file: check.file, name: check.r.signer?.name ?? '', fingerprint: check.r.signer?.fingerprint ?? '' })
            : t('meeting.verifyInvalid', { file: check.file })}</p>
          {check.r.changes.length > 0 ? <ul>{check.r.changes.map((c, k) => <li key={k}>{t('meeting.verifyChange', c)}</li>)}</ul> : null}
        </div>
      ) : null}
      {printHtml ? (
        <div className="meeting-print">
          <p className="meeting-actions"><button type="button" className="btn" onClick={() => frame.current?.contentWindow?.print()}>{t('meeting.printView')} ⎙</button></p>
          {/* The print view is a document of its own (A4 stylesheet, no script): shown here, printed from here. */}
          <iframe ref={frame} title={t('meeting.printView')} data-testid="print-frame" srcDoc={printHtml} sandbox="allow-same-origin allow-modals" />
        </div>
      ) : null}
    </section>
  );
}

export function MeetingPage({ campaign }: { campaign: CampaignView }) {
  const { t } = useTranslation();
  const overview = useCall('meeting.overview', { campaignId: campaign.id });
  const charts = useCall('meeting.charts', { campaignId: campaign.id });
  const [problem, setProblem] = useProblem();
  const reload = async () => {
    setProblem(null);
    await Promise.all([overview.reload(), charts.reload()]);
  };
  const onProblem = (err: unknown) => setProblem({ err });
  const o = overview.data;
  return (
    <div className="page meeting-page">
      <header className="page-head">
        <div>
          <h1>{t('meeting.title')}</h1>
          <p className="page-sub">{t('meeting.sub', { campaign: campaign.name })}</p>
        </div>
      </header>
      {problem ? <p className="field-error" role="alert">{problem}</p> : null}
      {!o ? <p className="muted">{t('meeting.loading')}</p> : !o.scored ? <p className="panel" data-testid="no-scores">{t('meeting.noScores')}</p> : (
        <>
          <p className="muted">{o.rules.secretBallot ? t('meeting.secret') : t('meeting.open')}</p>
          {o.groups.map((g) => <GroupSection key={g.id} campaignId={campaign.id} group={g} onChange={reload} onProblem={onProblem} />)}
          <section className="panel" aria-labelledby="meeting-charts">
            <h2 id="meeting-charts">{t('meeting.charts')}</h2>
            {charts.data ? <Charts data={charts.data} /> : null}
          </section>
          <Exports campaignId={campaign.id} onChange={reload} onProblem={onProblem} />
          {o.seals.length > 0 ? <p className="muted" data-testid="seals">{t('meeting.seals', { count: o.seals.length, at: o.seals.at(-1)!.at.slice(0, 10), fingerprint: o.seals.at(-1)!.signer.fingerprint })}</p> : null}
        </>
      )}
    </div>
  );
}
