import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MyAnswer, MySheet } from '../../../shared/contract/scoring.ts';
import { weightedTotal } from '../../../shared/scoring/total.ts';
import { call } from '../api.ts';
import { Grid, gridLabelsEn, gridLabelsZh, type CellEdit, type EditOutcome, type GridColumn, type RefusedCell } from '../grid/index.ts';
import { describeError } from '../i18n/errors.ts';
import { downloadBytes } from '../lib/download.ts';
import { setCallData } from '../lib/queries.ts';
import { BandPanel } from './BandPanel.tsx';
import { ForgetCampaign } from './ForgetCampaign.tsx';
import { ItemPanel } from './ItemPanel.tsx';
import { useWords } from './messages.ts';
import './station.css';

interface Row {
  readonly id: string;
  readonly label: string;
  readonly answer: MyAnswer | undefined;
}

/** What the page says above the grid, kept as words' keys or the error itself: worded at render, in the language of the moment. */
type Note = { readonly kind: 'submitted'; readonly seq: number } | { readonly kind: 'error'; readonly error: unknown };

const done = (sheet: MySheet, a: MyAnswer | undefined): boolean => !!a && (a.recused || sheet.criteria.every((c) => typeof a.scores[c.id] === 'number'));

/** The expert's grid: one row per nomination, one column per criterion, the live weighted total, recusal, comment. */
export function ExpertSheet({ sheet }: { sheet: MySheet }) {
  const { t, i18n } = useTranslation();
  const { w, en, fill } = useWords();
  const [onlyUnfinished, setOnlyUnfinished] = useState(false);
  const [note, setNote] = useState<Note | null>(null);
  const [focused, setFocused] = useState<{ rowId: string | null; columnId: string | null }>({ rowId: null, columnId: null });
  const answers = useMemo(() => new Map(sheet.answers.map((a) => [a.itemId, a])), [sheet.answers]);
  const items = useMemo(() => new Map(sheet.items.map((i) => [i.id, i])), [sheet.items]);
  // A saved edit keeps every other row the same object: the grid then rebuilds one row, not the whole sheet's.
  const [rowOf] = useState(() => new WeakMap<MySheet['items'][number], Row>());
  const all = useMemo((): Row[] => sheet.items.map((i) => {
    const answer = answers.get(i.id);
    const had = rowOf.get(i);
    if (had && had.answer === answer) return had;
    const row = { id: i.id, label: i.label, answer };
    rowOf.set(i, row);
    return row;
  }), [sheet.items, answers, rowOf]);
  const rows = useMemo(() => (onlyUnfinished ? all.filter((r) => !done(sheet, r.answer)) : all), [all, onlyUnfinished, sheet]);
  const finished = all.filter((r) => done(sheet, r.answer)).length;

  const columns = useMemo((): GridColumn<Row>[] => [
    { id: 'label', header: w.nomination, accessor: (r) => r.label, width: 300 },
    ...sheet.criteria.map((c): GridColumn<Row> => ({
      id: c.id, header: `${en && c.nameEn ? c.nameEn : c.name} (${c.min}–${c.max})`, type: 'number', min: c.min, max: c.max, step: c.step, width: 150,
      description: c.bands.map((b) => `${b.min}–${b.max} ${en && b.labelEn ? b.labelEn : b.label}`).join('\n') || `${c.min}–${c.max}, ${c.step}`,
      editable: (r) => !r.answer?.recused,
      accessor: (r) => r.answer?.scores[c.id] ?? null,
    })),
    {
      id: 'total', header: w.total, type: 'number', width: 100,
      accessor: (r) => (r.answer && !r.answer.recused ? weightedTotal(sheet.criteria, r.answer.scores).total : null),
      format: (v) => (v === null || v === undefined ? '' : Number(v).toFixed(2)),
    },
    { id: 'recused', header: w.recuse, type: 'select', options: [{ value: 'yes', label: w.recuseYes }], editable: true, width: 90, accessor: (r) => (r.answer?.recused ? 'yes' : null) },
    { id: 'comment', header: w.comment, editable: true, width: 320, accessor: (r) => r.answer?.comment ?? '' },
  ], [sheet.criteria, w, en]);

  // The latest answers, and one save at a time: an edit builds on the one before it, even while that is in flight.
  const latest = useRef(sheet);
  useEffect(() => { latest.current = sheet; }, [sheet]);
  async function save(edits: CellEdit[]): Promise<EditOutcome> {
    // One call per nomination touched: the whole answer after the edits.
    const sheet = latest.current;
    const byRow = new Map<string, CellEdit[]>();
    for (const e of edits) byRow.set(e.rowId, [...(byRow.get(e.rowId) ?? []), e]);
    const refused: RefusedCell[] = [];
    let next = sheet;
    for (const [rowId, list] of byRow) {
      const before = next.answers.find((a) => a.itemId === rowId);
      const scores: Record<string, number | null> = { ...(before?.scores ?? {}) } as Record<string, number | null>;
      let comment = before?.comment ?? '';
      let recused = before?.recused ?? false;
      for (const e of list) {
        if (e.columnId === 'comment') comment = String(e.value ?? '');
        else if (e.columnId === 'recused') recused = e.value === 'yes';
        else scores[e.columnId] = typeof e.value === 'number' ? e.value : null;
      }
      try {
        const saved = await call('scoring.edit', { campaignId: sheet.campaignId, answer: { itemId: rowId, scores, comment, recused } });
        next = { ...next, answers: [...next.answers.filter((a) => a.itemId !== rowId), saved] };
      } catch (err) {
        for (const e of list) refused.push({ rowId, columnId: e.columnId, message: () => describeError(err, i18n.t) });
      }
    }
    latest.current = next;
    setCallData('scoring.mine', { campaignId: sheet.campaignId }, next);
    return { refused };
  }

  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const onEdit = useCallback((edits: CellEdit[]): Promise<EditOutcome> => {
    const run = queue.current.then(() => save(edits));
    queue.current = run.catch(() => undefined);
    return run;
  // eslint-disable-next-line react-hooks/exhaustive-deps -- save reads the latest answers through its ref
  }, []);


  async function submit() {
    setNote(null);
    try {
      const out = await call('scoring.submit', { campaignId: sheet.campaignId });
      downloadBytes(out.name, out.bytes);
      setNote({ kind: 'submitted', seq: out.seq });
      setCallData('scoring.mine', { campaignId: sheet.campaignId }, { ...sheet, seq: out.seq, submittedAt: new Date().toISOString() });
    } catch (err) {
      setNote({ kind: 'error', error: err });
    }
  }
  const onActiveCellChange = useCallback((rowId: string | null, columnId: string | null) => setFocused({ rowId, columnId }), []);

  return (
    <div className="page scoring-page" data-testid="expert-sheet">
      <header className="page-head">
        <div>
          <h1>{sheet.supplementary ? w.mineSupplementary : w.mine}</h1>
          <p className="page-sub">{fill(w.mineIntro, { campaign: sheet.campaignName, code: sheet.code, name: sheet.expertName })}</p>
          <p className="muted">{fill(w.secretary, { name: sheet.secretary.name, fp: sheet.secretary.fingerprint })}</p>
          {sheet.supplementary ? <p className="status" data-testid="supplementary-note">{w.supplementaryNote}</p> : null}
        </div>
        <button type="button" className="btn primary" onClick={() => void submit()} data-testid="submit-sheet">{w.submit}</button>
      </header>
      {note ? (
        <p role={note.kind === 'error' ? 'alert' : 'status'} className={note.kind === 'error' ? 'field-error' : undefined} data-testid="scoring-message">
          {note.kind === 'submitted' ? fill(w.submitted, { seq: note.seq }) : describeError(note.error, t)}
        </p>
      ) : null}
      <p>
        <strong data-testid="scoring-progress">{fill(w.scored, { done: finished, total: all.length })}</strong>{' '}
        <label><input type="checkbox" checked={onlyUnfinished} onChange={(e) => setOnlyUnfinished(e.target.checked)} /> {w.unfinishedOnly}</label>
      </p>
      <div className="station-body">
        <div className="station-grid">
          <Grid rows={rows} columns={columns} getRowId={(r) => r.id} onEdit={onEdit} onActiveCellChange={onActiveCellChange} frozenColumns={1}
            labels={en ? gridLabelsEn : gridLabelsZh} ariaLabel={w.mine} height={480} />
          <ItemPanel item={focused.rowId === null ? undefined : items.get(focused.rowId)} />
        </div>
        <BandPanel criteria={sheet.criteria} criterionId={focused.columnId} answer={focused.rowId === null ? undefined : answers.get(focused.rowId)} />
      </div>
      <ForgetCampaign sheet={sheet} />
    </div>
  );
}
