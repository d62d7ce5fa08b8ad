import { describe, expect, it } from 'vitest';
import { applyEntry, type CampaignDoc, type JournalEntry } from '../../shared/store/doc.ts';
import { encodeLine } from './journal.ts';
import { replaySegments } from './recover.ts';
import { campaign, renamed } from './test-helpers.ts';

const c = campaign('c1', 'A');
const e = (seq: number, name?: string): JournalEntry =>
  seq === 1 ? { seq, at: 'x', actor: 't', change: { type: 'campaign.created', campaign: c } } : { seq, at: 'x', actor: 't', change: renamed(c, name ?? `n-${seq}`) };
const seg = (...parts: string[]) => Buffer.from(parts.join(''), 'utf8');
const L = (seq: number) => encodeLine(e(seq));

describe('replaySegments', () => {
  it('replays from nothing across segments', () => {
    const out = replaySegments(null, [seg(L(1), L(2)), seg(L(3))]);
    expect(out.doc?.seq).toBe(3);
    expect(out.replayed).toBe(3);
    expect(out.problem).toBeUndefined();
  });

  it('skips entries already in the base doc', () => {
    const base: CampaignDoc = { ...applyEntry(null, e(1)), seq: 2 };
    const out = replaySegments(base, [seg(L(1), L(2), L(3))]);
    expect(out.replayed).toBe(1);
    expect(out.doc?.seq).toBe(3);
  });

  it('a bad last line of the last segment is torn, at its byte offset', () => {
    const out = replaySegments(null, [seg(L(1), L(2), 'garbage')]);
    expect(out.problem).toMatchObject({ kind: 'journal-torn', segment: 0, offset: Buffer.byteLength(L(1) + L(2)) });
    expect(out.doc?.seq).toBe(2);
  });

  it('a bad line followed by a needed entry is a corrupt line', () => {
    const out = replaySegments(null, [seg(L(1), 'bad\n'), seg(L(2))]);
    expect(out.problem).toMatchObject({ kind: 'journal-corrupt-line', segment: 0, offset: Buffer.byteLength(L(1)) });
    expect(out.doc?.seq).toBe(1);
  });

  it('a complete last line (with its LF) whose checksum fails is damage, not a torn write', () => {
    const bad = L(3).replace('"n-3"', '"n-x"');
    const out = replaySegments(null, [seg(L(1), L(2), bad)]);
    expect(out.problem).toMatchObject({ kind: 'journal-corrupt-line', segment: 0, offset: Buffer.byteLength(L(1) + L(2)) });
    expect(out.problem?.reason).toMatch(/checksum mismatch/);
    expect(replaySegments(null, [seg(L(1), L(2), bad.slice(0, -1))]).problem?.kind).toBe('journal-torn');
  });

  it('two bad lines at the end are a corrupt line, not a torn write', () => {
    expect(replaySegments(null, [seg(L(1), 'bad\n', 'bad')]).problem?.kind).toBe('journal-corrupt-line');
  });

  it('a gap in the sequence, or an entry that does not apply, stops replay', () => {
    expect(replaySegments(null, [seg(L(1), L(3))]).problem).toMatchObject({ kind: 'journal-corrupt-line', reason: 'entry 3 does not follow entry 1' });
    const out = replaySegments(null, [seg(L(2))]);
    expect(out.problem?.kind).toBe('journal-corrupt-line');
    expect(out.doc).toBeNull();
  });
});
