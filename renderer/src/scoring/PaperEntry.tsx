import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { PaperSheet } from '../../../shared/contract/scoring.ts';
import {
  applyPaperEdits, compareEntries, draftOf, enteredItems, isEmptyRow, paperAnswers, type EntryDifference, type PaperDraft, type PaperRow,
} from '../../../shared/scoring/paper.ts';
import { weightedTotal } from '../../../shared/scoring/total.ts';
import { call } from '../api.ts';
import { Grid, gridLabelsEn, gridLabelsZh, type CellEdit, type EditOutcome, type GridColumn } from '../grid/index.ts';
import { describeError } from '../i18n/errors.ts';
import { invalidate, useCall } from '../lib/queries.ts';
import { useWords } from './messages.ts';
import './paper.css';

/**
 * Paper entry (代录): the secretary types an expert's paper sheet into a draft (nothing saved while typing); with
 * double entry a second person types it again blind, the two are compared cell by cell and saved only when they
 * agree. Opened from the board's row of that expert, over the page.
 */

interface Row {
  readonly id: string;
  readonly label: string;
  readonly entry: PaperRow | undefined;
}

type View = 'first' | 'second';

/** The board's button for one expert: opens the paper entry screen over the page. */
export function PaperEntryButton({ campaignId, expertId, name, onSaved }: { campaignId: string; expertId: string; name: string; onSaved: () => void }) {
  const { w, fill } = useWords();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="btn" data-testid="paper-entry" title={fill(w.paper.buttonTitle, { name })} onClick={() => setOpen(true)}>{w.paper.button}</button>
      {open ? createPortal(<PaperEntry campaignId={campaignId} expertId={expertId} onClose={() => setOpen(false)} onSaved={onSaved} />, document.body) : null}
    </>
  );
}

function PaperEntry({ campaignId, expertId, onClose, onSaved }: { campaignId: string; expertId: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { w } = useWords();
  const { data, error } = useCall('scoring.expertAnswers', { campaignId, expertId });
  // Kept here: a save brings fresh answers, which start a new form; what the save said stays.
  const [note, setNote] = useState<string | null>(null);
  return (
    <div className="paper-overlay" role="dialog" aria-modal="true" aria-label={w.paper.title} data-testid="paper-entry-screen">
      {data
        ? <PaperForm key={JSON.stringify(data.answers)} sheet={data} onClose={onClose} onSaved={(text) => { setNote(text); onSaved(); }} note={note} />
        : error
          ? <><p className="field-error" role="alert">{describeError(error, t)}</p><button type="button" className="btn" onClick={onClose}>{w.paper.close}</button></>
          : <p className="muted">{t('app.loading')}</p>}
    </div>
  );
}

const NONE: PaperDraft = {};
const cellKey = (itemId: string, field: string) => `${itemId}\u0000${field}`;

function PaperForm({ sheet, onClose, onSaved, note }: { sheet: PaperSheet; onClose: () => void; onSaved: (text: string) => void; note: string | null }) {
  const { t } = useTranslation();
  const { w, en, fill } = useWords();
  const p = w.paper;
  const saved = useMemo(() => draftOf(sheet.answers), [sheet.answers]);
  const answered = useMemo(() => new Set(sheet.answers.map((a) => a.itemId)), [sheet.answers]);
  const itemIds = useMemo(() => sheet.items.map((i) => i.id), [sheet.items]);
  const [by, setBy] = useState(sheet.workstation);
  const [secondBy, setSecondBy] = useState('');
  const [double, setDouble] = useState(false);
  const [first, setFirst] = useState<PaperDraft>(saved);
  const [second, setSecond] = useState<PaperDraft | null>(null);
  const [view, setView] = useState<View>('first');
  // Once compared, the differences follow every correction live.
  const [compared, setCompared] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(note ? { text: note, error: false } : null);
  const [busy, setBusy] = useState(false);

  const draft = view === 'second' ? second ?? NONE : first;
  const items = useMemo(() => enteredItems(itemIds, second ? [first, second] : [first], answered), [itemIds, first, second, answered]);
  const diffs = useMemo((): EntryDifference[] => (compared && second ? compareEntries(sheet.criteria, items, first, second) : []), [compared, second, sheet.criteria, items, first]);
  const diffAt = useMemo(() => new Map(diffs.map((d) => [cellKey(d.itemId, d.field), d])), [diffs]);
  const dirty = JSON.stringify(first) !== JSON.stringify(saved) || second !== null;

  const rows = useMemo((): Row[] => sheet.items.map((i) => ({ id: i.id, label: i.label, entry: draft[i.id] })), [sheet.items, draft]);
  const labelOf = useMemo(() => new Map(sheet.items.map((i) => [i.id, i.label])), [sheet.items]);
  const fieldName = useCallback((field: string) => {
    if (field === 'recused') return w.recuse;
    const c = sheet.criteria.find((x) => x.id === field);
    return c ? (en && c.nameEn ? c.nameEn : c.name) : field;
  }, [sheet.criteria, w, en]);
  const shown = useCallback((v: number | boolean | null) => (v === null ? p.empty : typeof v === 'boolean' ? (v ? p.yes : p.no) : String(v)), [p]);

  const columns = useMemo((): GridColumn<Row>[] => {
    const marked = (field: string) => ({
      cellClassName: (_v: unknown, r: Row) => (diffAt.has(cellKey(r.id, field)) ? 'paper-diff' : ''),
      cellTitle: (_v: unknown, r: Row) => {
        const d = diffAt.get(cellKey(r.id, field));
        return d ? `${p.first} ${shown(d.first)} / ${p.second} ${shown(d.second)}` : '';
      },
    });
    return [
      { id: 'label', header: w.nomination, accessor: (r) => r.label, width: 280 },
      ...sheet.criteria.map((c): GridColumn<Row> => ({
        id: c.id, header: `${en && c.nameEn ? c.nameEn : c.name} (${c.min}–${c.max})`, type: 'number', min: c.min, max: c.max, step: c.step, width: 150,
        description: c.bands.map((b) => `${b.min}–${b.max} ${en && b.labelEn ? b.labelEn : b.label}`).join('\n') || `${c.min}–${c.max}, ${c.step}`,
        editable: (r) => !r.entry?.recused,
        accessor: (r) => r.entry?.scores[c.id] ?? null,
        ...marked(c.id),
      })),
      {
        id: 'total', header: w.total, type: 'number', width: 130,
        accessor: (r) => (r.entry && !r.entry.recused ? weightedTotal(sheet.criteria, r.entry.scores).total : null),
        format: (v) => (v === null || v === undefined ? '' : Number(v).toFixed(2)),
      },
      { id: 'recused', header: w.recuse, type: 'select', options: [{ value: 'yes', label: w.recuseYes }], editable: true, width: 90, accessor: (r) => (r.entry?.recused ? 'yes' : null), ...marked('recused') },
      // The second entry does not retype comments: they come from the first.
      ...(view === 'first' ? [{ id: 'comment', header: w.comment, editable: true, width: 300, accessor: (r: Row) => r.entry?.comment ?? '' }] : []),
    ];
  }, [sheet.criteria, w, en, p, view, diffAt, shown]);

  // Edits go to the draft on screen; nothing reaches the store until Save.
  const viewRef = useRef(view);
  useEffect(() => { viewRef.current = view; }, [view]);
  const onEdit = useCallback((edits: CellEdit[]): Promise<EditOutcome> => {
    if (viewRef.current === 'second') setSecond((d) => applyPaperEdits(d ?? {}, edits));
    else setFirst((d) => applyPaperEdits(d, edits));
    return Promise.resolve({ refused: [] });
  }, []);

  async function save() {
    setMessage(null);
    const who = by.trim();
    const who2 = secondBy.trim();
    if (!who || (double && !who2)) {
      setMessage({ text: p.needBy, error: true });
      return;
    }
    if (double && second) {
      const d = compareEntries(sheet.criteria, items, first, second);
      setCompared(true);
      if (d.length > 0) {
        setMessage({ text: fill(p.differ, { count: d.length }), error: true });
        return;
      }
    }
    if (items.length === 0 || items.every((id) => isEmptyRow(first[id]) && !answered.has(id))) {
      setMessage({ text: p.nothing, error: true });
      return;
    }
    setBusy(true);
    // Both names are recorded when two people typed it (the service keeps one `by`).
    const name = double ? `${who}／${who2}`.slice(0, 100) : who;
    try {
      const out = await call('scoring.paperEntry', {
        campaignId: sheet.campaignId, expertId: sheet.expertId, by: name,
        answers: paperAnswers(sheet.criteria, items, first),
        ...(double && second ? { second: paperAnswers(sheet.criteria, items, second) } : {}),
      });
      // The values stay on screen (the form is kept) until the fresh answers arrive and replace the drafts.
      const text = fill(p.saved, { count: out.saved, by: name });
      setMessage({ text, error: false });
      // What was saved is now the first entry; a next double entry starts over.
      setSecond(null);
      setDouble(false);
      setView('first');
      setCompared(false);
      onSaved(text);
      invalidate('scoring.expertAnswers', 'scoring.board');
    } catch (err) {
      // Refused: every typed value stays where it is, with the reason here.
      setMessage({ text: describeError(err, t), error: true });
    } finally {
      setBusy(false);
    }
  }

  function startSecond() {
    setSecond((d) => d ?? {});
    setView('second');
    setCompared(false);
    setMessage(null);
  }

  function compare() {
    setCompared(true);
    const d = second ? compareEntries(sheet.criteria, items, first, second) : [];
    setMessage(d.length > 0 ? { text: fill(p.differ, { count: d.length }), error: true } : null);
  }

  function close() {
    if (dirty && !window.confirm(p.confirmClose)) return;
    onClose();
  }

  const canSave = !double || (second !== null && compared && diffs.length === 0);
  return (
    <div className="page scoring-page paper-page">
      <header className="page-head">
        <div>
          <h1>{p.title}</h1>
          <p className="page-sub" data-testid="paper-intro">{fill(p.intro, { code: sheet.code, name: sheet.expertName, count: sheet.items.length })}</p>
          {sheet.closed ? <p className="muted">{p.closedNote}</p> : null}
        </div>
        <button type="button" className="btn" onClick={close} data-testid="paper-close">{p.close}</button>
      </header>
      <div className="paper-controls">
        <label>{p.by} <input type="text" value={by} maxLength={60} onChange={(e) => setBy(e.target.value)} data-testid="paper-by" /></label>
        <label className="check">
          <input type="checkbox" checked={double} disabled={second !== null} onChange={(e) => setDouble(e.target.checked)} data-testid="paper-double" /> {p.double}
        </label>
        {double ? <label>{p.secondBy} <input type="text" value={secondBy} maxLength={60} onChange={(e) => setSecondBy(e.target.value)} data-testid="paper-second-by" /></label> : null}
      </div>
      {double && second !== null && compared ? (
        <div className="paper-tabs" role="tablist">
          {(['first', 'second'] as const).map((v) => (
            <button key={v} type="button" role="tab" aria-selected={view === v} className={`btn${view === v ? ' primary' : ''}`} onClick={() => setView(v)} data-testid={`paper-view-${v}`}>{p[v]}</button>
          ))}
        </div>
      ) : double ? <h2 className="paper-which" data-testid="paper-which">{view === 'second' ? p.second : p.first}</h2> : null}
      {view === 'second' && !compared ? <p className="muted">{p.secondIntro}</p> : null}
      <Grid key={view} rows={rows} columns={columns} getRowId={(r) => r.id} onEdit={onEdit} frozenColumns={1} labels={en ? gridLabelsEn : gridLabelsZh} ariaLabel={p.title} height={Math.min(480, 80 + rows.length * 34)} />
      {message ? <p role={message.error ? 'alert' : 'status'} className={message.error ? 'field-error' : 'paper-ok'} data-testid="paper-message">{message.text}</p> : null}
      {compared && diffs.length > 0 ? (
        <ul className="paper-diffs" data-testid="paper-diffs">
          {diffs.map((d) => <li key={cellKey(d.itemId, d.field)}>{fill(p.diffLine, { item: labelOf.get(d.itemId) ?? '', field: fieldName(d.field), a: shown(d.first), b: shown(d.second) })}</li>)}
        </ul>
      ) : compared && second ? <p className="paper-ok" data-testid="paper-agree">{p.agree}</p> : null}
      <p className="paper-actions">
        {double && second === null
          ? <button type="button" className="btn primary" onClick={startSecond} data-testid="paper-start-second">{p.startSecond}</button>
          : null}
        {double && second !== null
          ? <button type="button" className="btn" disabled={busy} onClick={compare} data-testid="paper-compare">{p.compare}</button>
          : null}{' '}
        {!double || second !== null
          ? <button type="button" className="btn primary" disabled={busy || (double && compared && !canSave)} onClick={() => void save()} data-testid="paper-save">{double ? p.saveBoth : p.save}</button>
          : null}
      </p>
    </div>
  );
}
