import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SheetFileOut, SheetImportOutcome } from '../../../shared/contract/scoring.ts';
import { bundleName } from '../../../shared/scoring/bundle.ts';
import { call } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { downloadBytes } from '../lib/download.ts';
import { invalidate, useCall } from '../lib/queries.ts';
import { useJob } from '../nominations/useJob.ts';
import { InlineProgress } from '../nominations/wizard/Progress.tsx';
import { useWords } from './messages.ts';
import { PaperEntryButton } from './PaperEntry.tsx';
import { Shortfall } from './Shortfall.tsx';
import { zipSheets } from './zip.ts';

interface Held {
  readonly file: File;
  readonly outcome: SheetImportOutcome;
}

/** The secretary's board: sheets out, sheets back with each one's outcome in words, a new key trusted by its fingerprint. */
export function Board({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { w, en, fill } = useWords();
  const { data, error, reload } = useCall('scoring.board', { campaignId });
  const campaign = useCall('campaigns.get', { id: campaignId });
  // A sentence already worded (an error), or one of ours worded in the language shown now.
  const [message, setMessage] = useState<string | { key: 'exported' | 'zipped' | 'issued'; values: Record<string, string | number> } | null>(null);
  const [results, setResults] = useState<Held[]>([]);
  const [busy, setBusy] = useState(false);
  // Browsers let a page start one download per click: each sheet has its own button.
  const [files, setFiles] = useState<SheetFileOut[]>([]);
  // The export runs as a job (200 experts' sheets take a while in the workers): progress beside the button, Cancel.
  const exporter = useJob();
  const [zipping, setZipping] = useState<{ done: number; total: number } | null>(null);

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
    } catch (err) {
      setMessage(describeError(err, t));
    } finally {
      setBusy(false);
      void reload();
      invalidate('scoring.shortItems');
    }
  }
  const exportSheets = () => run(async () => {
    const out = await exporter.run((jobId) => call('scoring.exportSheets', { campaignId, jobId }), 'gathering');
    if (!out.ok) {
      setMessage(t('nominations.wizard.cancelled'));
      return;
    }
    setFiles(out.value.files);
    setMessage({ key: 'exported', values: { count: out.value.files.length } });
  });
  // Every sheet in one ZIP with a README (codes and counts, no names), built here from the bytes already held.
  const downloadAll = () => run(async () => {
    setZipping({ done: 0, total: files.length });
    try {
      const zip = await zipSheets(campaign.data?.name ?? '', files.map((f) => ({ file: f.name, code: f.code, items: f.items, supplementary: f.supplementary, bytes: f.bytes })),
        (done, total) => setZipping({ done, total }));
      downloadBytes(bundleName(campaign.data?.name ?? ''), zip, 'application/zip');
      setMessage({ key: 'zipped', values: { count: files.length } });
    } finally {
      setZipping(null);
    }
  });
  const issued = (file: SheetFileOut, who: string) => {
    setFiles((prev) => [...prev.filter((f) => f.name !== file.name), file]);
    setMessage({ key: 'issued', values: { who, file: file.name } });
    void reload();
  };
  const importFiles = (files: File[], extra: { trust?: string; acceptUnsigned?: boolean } = {}) => run(async () => {
    const list = await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
    const out = await call('scoring.importSheets', { campaignId, files: list, ...extra });
    const judged = out.sheets.map((o, i) => ({ file: files[i]!, outcome: o }));
    setResults((prev) => [...judged, ...prev.filter((p) => !files.includes(p.file))]);
  });

  if (error && !data) return <p className="field-error" role="alert">{describeError(error, t)}</p>;
  if (!data) return <p className="muted">{t('app.loading')}</p>;
  return (
    <div className="page scoring-page" data-testid="scoring-board">
      <header className="page-head">
        <div>
          <h1>{w.board}</h1>
          <p className="page-sub">{w.boardIntro}</p>
        </div>
        <div>
          <button type="button" className="btn primary" disabled={busy} onClick={() => void exportSheets()} data-testid="export-sheets">{w.export}</button>{' '}
          {exporter.job ? <><InlineProgress job={exporter.job} onCancel={exporter.cancel} testId="export-progress" words={w.exportStages[exporter.job.stage]} />{' '}</> : null}
          <label className="btn">
            {w.import}
            <input type="file" multiple accept=".xlsx" className="visually-hidden" data-testid="import-sheets"
              onChange={(e) => { const f = [...(e.target.files ?? [])]; e.target.value = ''; if (f.length) void importFiles(f); }} />
          </label>{' '}
          <button type="button" className="btn" disabled={busy} onClick={() => void run(async () => { await call('scoring.close', { campaignId, closed: !data.closed }); })}>{data.closed ? w.reopen : w.close}</button>
        </div>
      </header>
      {data.closed ? <p className="status status-sealed">{w.closed}</p> : null}
      {message ? <p role="status" data-testid="board-message">{typeof message === 'string' ? message : fill(w[message.key], message.values)}</p> : null}
      {files.length > 0 ? (
        <p data-testid="sheet-files">
          <button type="button" className="btn primary" disabled={busy} onClick={() => void downloadAll()} data-testid="download-zip">⬇ {w.exportAll}</button>{' '}
          {zipping ? <span role="status" data-testid="zip-progress">{fill(w.zipping, zipping)}</span> : null}{' '}
          {files.map((f) => <button key={f.name} type="button" className="btn" data-testid="sheet-file" onClick={() => downloadBytes(f.name, f.bytes)}>⬇ {f.name}</button>)}
        </p>
      ) : null}
      {results.length > 0 ? (
        <ul className="panel" data-testid="import-results">
          {results.map(({ file, outcome: o }) => (
            <li key={`${file.name}-${o.outcome}`} className={o.verdict === 'accepted' || o.verdict === 'unchanged' ? '' : 'field-error'} data-outcome={o.outcome}>
              <strong>{file.name}</strong>{o.expertCode ? ` · ${o.expertCode}` : ''}：{en ? o.messageEn : o.message}
              {o.fingerprint && o.key !== 'enrolled' ? <> · {w.fingerprint} <code data-testid="fingerprint">{o.fingerprint}</code></> : null}
              {o.outcome === 'HELD_NEW_KEY' || o.outcome === 'HELD_KEY_CHANGED'
                ? <> <button type="button" className="btn" onClick={() => void importFiles([file], { trust: o.fingerprint! })} data-testid="trust-key">{w.trust}</button></> : null}
              {o.outcome === 'HELD_SIGNATURE_STRIPPED'
                ? <> <button type="button" className="btn" onClick={() => void importFiles([file], { acceptUnsigned: true })}>{w.acceptUnsigned}</button></> : null}
              {o.issues.length > 0 ? <ul>{o.issues.map((i, k) => <li key={k}>{en ? i.messageEn : i.message}</li>)}</ul> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <Shortfall campaignId={campaignId} onIssued={issued} />
      <div className="panel flush">
        <table className="list-table" data-testid="board-table">
          <thead>
            <tr><th scope="col">{w.expert}</th><th scope="col" className="col-num">{w.progress}</th><th scope="col">{w.signature}</th><th scope="col">{w.lastReturn}</th><th scope="col">{w.fingerprint}</th><th scope="col">{w.paper.button}</th></tr>
          </thead>
          <tbody>
            {data.experts.map((e) => (
              <tr key={e.expertId}>
                <th scope="row">{e.code} · {e.name}</th>
                <td className="col-num">{e.scored + e.recused} / {e.assigned}</td>
                <td>{e.last ? `${w.sig[e.last.signature]} · ${w.key[e.last.key]}` : w.none}</td>
                <td>{e.last ? `${e.last.file} · ${e.last.accepted ? '✓' : '✗'}` : w.none}</td>
                <td><code>{e.fingerprint ?? w.none}</code></td>
                <td><PaperEntryButton campaignId={campaignId} expertId={e.expertId} name={`${e.code} · ${e.name}`} onSaved={() => void reload()} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
