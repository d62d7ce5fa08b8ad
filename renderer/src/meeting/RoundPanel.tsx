import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoundItemView, RoundView } from '../../../shared/contract/meeting.ts';
import { meetingSentence } from '../../../shared/meeting/words.ts';
import { call } from '../api.ts';
import { describeError } from '../i18n/errors.ts';
import { Grid, gridLabelsEn, gridLabelsZh, type CellEdit, type EditOutcome, type GridColumn } from '../grid/index.ts';

type Counts = { yes: number; no: number; abstain: number };
const KINDS = ['yes', 'no', 'abstain'] as const;

/** One ballot round: its counts grid (editable while open), the tally in words, and its buttons. */
export function RoundPanel({ campaignId, groupName, round, onChange, onProblem }: {
  campaignId: string;
  groupName: string;
  round: RoundView;
  onChange: () => Promise<void>;
  onProblem: (e: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const file = useRef<HTMLInputElement>(null);
  // The counts as last typed, by item: edits typed one after another build on each other, not on a reload still under way.
  const typed = useRef(new Map<string, Counts>());
  const code = (c: string) => t('meeting.expertCode', { code: c });
  const max = round.members.length;

  const columns = useMemo((): GridColumn<RoundItemView>[] => [
    { id: 'title', header: t('meeting.col.title'), accessor: (r) => r.title, width: 300 },
    { id: 'rank', header: t('meeting.col.rank'), accessor: (r) => r.rank, type: 'number', width: 64 },
    { id: 'score', header: t('meeting.col.score'), accessor: (r) => r.score, type: 'number', width: 76, format: (v) => (typeof v === 'number' ? v.toFixed(2) : '') },
    { id: 'conflicted', header: t('meeting.col.conflicted'), accessor: (r) => r.conflicted.map(code).join(lang === 'en' ? ', ' : '、'), width: 110 },
    ...KINDS.map((k): GridColumn<RoundItemView> => ({
      id: k, header: t(`meeting.col.${k}`), type: 'number', min: 0, max, step: 1, width: 70,
      editable: round.open, accessor: (r) => r.counts?.[k] ?? null,
    })),
    {
      id: 'outcome', header: t('meeting.col.outcome'), width: 120,
      accessor: (r) => (r.counts || !round.open ? t(`meeting.outcome.${r.tally.outcome}`) : ''),
      cellTitle: (_v, r) => r.tally.notes.map((n) => meetingSentence(n, lang, code)).join('\n'),
      cellClassName: (_v, r) => (r.counts || !round.open ? `vote-${r.tally.outcome}` : undefined),
    },
  // eslint-disable-next-line react-hooks/exhaustive-deps
  ], [lang, round.open, max]);

  const onEdit = async (edits: CellEdit[]): Promise<EditOutcome> => {
    const next = new Map<string, Counts>();
    for (const e of edits) {
      const row = round.items.find((i) => i.itemId === e.rowId);
      if (!row) continue;
      const c = next.get(e.rowId) ?? { ...(typed.current.get(e.rowId) ?? row.counts ?? { yes: 0, no: 0, abstain: 0 }) };
      c[e.columnId as (typeof KINDS)[number]] = typeof e.value === 'number' ? e.value : 0;
      next.set(e.rowId, c);
    }
    for (const [id, c] of next) typed.current.set(id, c);
    try {
      await call('meeting.enterCounts', { campaignId, roundId: round.id, entries: [...next].map(([itemId, counts]) => ({ itemId, counts })) });
      await onChange();
      return {};
    } catch (err) {
      onProblem(err);
      return { refused: edits.map((e) => ({ rowId: e.rowId, columnId: e.columnId, message: describeError(err, t) })) };
    }
  };

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await onChange();
    } catch (err) {
      onProblem(err);
    }
  };

  const importFile = async (f: File) => {
    const bytes = new Uint8Array(await f.arrayBuffer());
    await act(() => call('meeting.importCounts', { campaignId, roundId: round.id, file: { name: f.name, bytes } }));
  };

  const titleOf = (id: string) => round.items.find((i) => i.itemId === id)?.title ?? '';
  const names = (ids: readonly string[]) => (ids.length > 0 ? ids.map(titleOf).join(lang === 'en' ? '; ' : '；') : t('meeting.none'));
  return (
    <section className="meeting-round" data-testid={`round-${round.number}`} aria-label={t('meeting.round', { n: round.number })}>
      <h3>{round.open ? t('meeting.roundOpen', { n: round.number, seats: round.seats }) : t('meeting.roundClosed', { n: round.number })}</h3>
      {round.open ? <p className="muted">{t('meeting.countsHelp')}</p> : null}
      <Grid
        rows={round.items}
        columns={columns}
        getRowId={(r) => r.itemId}
        onEdit={onEdit}
        labels={lang === 'en' ? gridLabelsEn : gridLabelsZh}
        ariaLabel={t('meeting.gridLabel', { name: groupName, n: round.number })}
        height={Math.min(420, 40 + round.items.length * 32)}
        frozenColumns={1}
      />
      <div className="meeting-tally" data-testid="tally">
        <h4>{t('meeting.resultTitle')}</h4>
        <ul>
          {round.items.filter((i) => i.counts || !round.open).map((i) => (
            <li key={i.itemId} className={`vote-${i.tally.outcome}`}>
              <strong>{i.title}</strong>{lang === 'en' ? ': ' : '：'}{i.tally.notes.map((n) => meetingSentence(n, lang, code)).join(lang === 'en' ? '; ' : '；')}
            </li>
          ))}
        </ul>
        {!round.open ? <p data-testid="round-selected">{t('meeting.chosen', { names: names(round.result.selected) })}</p> : null}
        {!round.open ? round.result.notes.map((n, k) => <p key={k} className="muted">{meetingSentence(n, lang, code)}</p>) : null}
      </div>
      {round.open ? (
        <p className="meeting-actions">
          <button type="button" className="btn primary" onClick={() => void act(() => call('meeting.closeRound', { campaignId, roundId: round.id }))}>{t('meeting.closeRound')}</button>{' '}
          <button type="button" className="btn" onClick={() => file.current?.click()}>{t('meeting.importCounts')}</button>{' '}
          <button type="button" className="btn" onClick={() => void act(() => call('meeting.discardRound', { campaignId, roundId: round.id }))}>{t('meeting.discardRound')}</button>
          <input ref={file} type="file" accept=".xlsx,.xls,.csv" hidden onChange={(e) => { const f = e.target.files?.[0]; e.target.value = ''; if (f) void importFile(f); }} />
        </p>
      ) : null}
    </section>
  );
}
