import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SheetImportOutcome } from '../../../shared/contract/scoring.ts';
import { call } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { downloadBytes } from '../lib/download.ts';
import { useCall } from '../lib/queries.ts';
import { useWords } from './messages.ts';
import { PaperEntryButton } from './PaperEntry.tsx';

interface Held {
  readonly file: File;
  readonly outcome: SheetImportOutcome;
}

/** The secretary's board: sheets out, sheets back with each one's outcome in words, a new key trusted by its fingerprint. */
export function Board({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation();
  const { w, en, fill } = useWords();
  const { data, error, reload } = useCall('scoring.board', { campaignId });
  const [message, setMessage] = useState<string | null>(null);
  const [results, setResults] = useState<Held[]>([]);
  const [busy, setBusy] = useState(false);
  // Browsers let a page start one download per click: each sheet has its own button.
  const [files, setFiles] = useState<{ name: string; bytes: Uint8Array }[]>([]);

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
    }
  }
  const exportSheets = () => run(async () => {
    const out = await call('scoring.exportSheets', { campaignId });
    setFiles(out.files.map((f) => ({ name: f.name, bytes: f.bytes })));
    setMessage(fill(w.exported, { count: out.files.length }));
  });
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
          <label className="btn">
            {w.import}
            <input type="file" multiple accept=".xlsx" className="visually-hidden" data-testid="import-sheets"
              onChange={(e) => { const f = [...(e.target.files ?? [])]; e.target.value = ''; if (f.length) void importFiles(f); }} />
          </label>{' '}
          <button type="button" className="btn" disabled={busy} onClick={() => void run(async () => { await call('scoring.close', { campaignId, closed: !data.closed }); })}>{data.closed ? w.reopen : w.close}</button>
        </div>
      </header>
      {data.closed ? <p className="status status-sealed">{w.closed}</p> : null}
      {message ? <p role="status" data-testid="board-message">{message}</p> : null}
      {files.length > 0 ? (
        <p data-testid="sheet-files">
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
      <div className="panel flush">
        <table className="list-table" data-testid="board-table">
          <thead>
            <tr><th scope="col">{w.expert}</th><th scope="col" className="col-num">{w.progress}</th><th scope="col">{w.signature}</th><th scope="col">{w.lastReturn}</th><th scope="col">{w.fingerprint}</th></tr>
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
