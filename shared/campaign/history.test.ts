import { describe, expect, it } from 'vitest';
import { appendHistory, emptyHistory, HISTORY_CHUNK, historyCount, historyEntries, historyFrom, lastHistoryEntry, type HistoryEntry, type HistoryLog } from './history.ts';

const entry = (seq: number): HistoryEntry => ({ seq, at: 't', actor: 'me', type: 'campaign.replaced', changes: [] });

describe('the history log', () => {
  it('appends in chunks, never changing the log it was given', () => {
    // Frozen at every step: an append that wrote into the log it was given would throw (modules are strict).
    const freeze = (l: HistoryLog): HistoryLog => Object.freeze({ chunks: Object.freeze(l.chunks.map((c) => Object.freeze(c.slice()))) });
    let log: HistoryLog = freeze(emptyHistory);
    for (let i = 1; i <= HISTORY_CHUNK * 2 + 3; i++) log = freeze(appendHistory(log, entry(i)));
    expect(emptyHistory).toEqual({ chunks: [] });
    expect(log.chunks.map((c) => c.length)).toEqual([HISTORY_CHUNK, HISTORY_CHUNK, 3]);
    expect(historyCount(log)).toBe(HISTORY_CHUNK * 2 + 3);
    expect(historyEntries(log).map((e) => e.seq)).toEqual(Array.from({ length: HISTORY_CHUNK * 2 + 3 }, (_, i) => i + 1));
    expect(lastHistoryEntry(log)?.seq).toBe(HISTORY_CHUNK * 2 + 3);
    expect(lastHistoryEntry(emptyHistory)).toBeUndefined();
  });

  it('shares full chunks between logs: an append copies the last chunk only', () => {
    const log = historyFrom(Array.from({ length: HISTORY_CHUNK + 10 }, (_, i) => entry(i + 1)));
    const next = appendHistory(log, entry(HISTORY_CHUNK + 11));
    expect(next.chunks[0]).toBe(log.chunks[0]);
    expect(next.chunks[1]).not.toBe(log.chunks[1]);
    expect(log.chunks[1]).toHaveLength(10);
    expect(next.chunks[1]).toHaveLength(11);
  });

  it('survives JSON: a snapshot holds it as plain arrays, read the same way', () => {
    const log = historyFrom(Array.from({ length: 700 }, (_, i) => entry(i + 1)));
    const back = JSON.parse(JSON.stringify(log)) as HistoryLog;
    expect(historyEntries(back)).toEqual(historyEntries(log));
    expect(historyCount(appendHistory(back, entry(701)))).toBe(701);
  });

  it('at 100,000 entries, appends fill the last chunk and start new ones as the count says', () => {
    let log = historyFrom(Array.from({ length: 100_000 }, (_, i) => entry(i + 1)));
    for (let i = 0; i < 1000; i++) log = appendHistory(log, entry(100_001 + i));
    expect(historyCount(log)).toBe(101_000);
    expect(log.chunks.length).toBe(Math.ceil(101_000 / HISTORY_CHUNK));
  });
});
