import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../shared/store/doc.ts';
import { checksum, decodeLine, encodeLine, listSegments, SegmentWriter, segmentFirstSeq, segmentName, splitSegment } from './journal.ts';
import { created, tempDir } from './test-helpers.ts';

const entry = (seq: number, name = '评审 — tab\there'): JournalEntry => ({ seq, at: '2026-03-01T08:00:00.000Z', actor: '秘书', change: created(`c${seq}`, name) });

describe('journal lines', () => {
  it('encode: JSON, a tab, the sha256 of the JSON, a line feed', () => {
    const line = encodeLine(entry(1));
    expect(line.endsWith('\n')).toBe(true);
    const [json, sum, ...rest] = line.slice(0, -1).split('\t');
    expect(rest).toEqual([]);
    expect(sum).toBe(checksum(json ?? ''));
    expect(JSON.parse(json ?? '')).toEqual(entry(1));
  });

  it('decode round-trips, including non-ASCII text and escaped tabs', () => {
    const d = decodeLine(encodeLine(entry(7)).slice(0, -1));
    expect(d).toEqual({ ok: true, entry: entry(7) });
  });

  it('decode rejects a changed byte, a missing checksum, and JSON that is not an entry', () => {
    const line = encodeLine(entry(1)).slice(0, -1);
    expect(decodeLine(line.replace('"seq":1', '"seq":2'))).toMatchObject({ ok: false, reason: 'checksum mismatch' });
    expect(decodeLine(line.slice(0, line.lastIndexOf('\t')))).toMatchObject({ ok: false, reason: 'no checksum' });
    expect(decodeLine(line.slice(0, -1))).toMatchObject({ ok: false });
    const notEntry = JSON.stringify({ seq: 0, hello: 1 });
    expect(decodeLine(`${notEntry}\t${checksum(notEntry)}`)).toMatchObject({ ok: false, reason: 'not a journal entry' });
    expect(decodeLine(`{oops\t${checksum('{oops')}`)).toMatchObject({ ok: false, reason: 'not JSON' });
  });

  it('splitSegment gives byte offsets (UTF-8) and marks a last line without LF as torn', () => {
    const a = encodeLine(entry(1));
    const b = encodeLine(entry(2));
    const buf = Buffer.from(a + b + b.slice(0, 10), 'utf8');
    const lines = splitSegment(buf);
    expect(lines.map((l) => l.decoded.ok)).toEqual([true, true, false]);
    expect(lines[1]?.start).toBe(Buffer.byteLength(a));
    expect(lines[2]?.start).toBe(Buffer.byteLength(a + b));
    expect(lines[2]?.end).toBe(buf.length);
    expect(splitSegment(Buffer.alloc(0))).toEqual([]);
  });
});

describe('segments', () => {
  it('names carry the first seq; listing sorts numerically and ignores other files', () => {
    const dir = tempDir();
    for (const n of ['journal-10.ndjson', 'journal-9.ndjson', 'journal-0.ndjson', 'journal-x.ndjson', 'snapshot.json']) fs.writeFileSync(path.join(dir, n), '');
    expect(listSegments(dir).map((s) => s.firstSeq)).toEqual([9, 10]);
    expect(segmentName(42)).toBe('journal-42.ndjson');
    expect(segmentFirstSeq('journal-42.ndjson')).toBe(42);
    expect(listSegments(path.join(dir, 'missing'))).toEqual([]);
  });

  it('SegmentWriter appends whole lines and counts them', () => {
    const file = path.join(tempDir(), segmentName(1));
    const w = SegmentWriter.open(file, 1);
    w.append(encodeLine(entry(1)));
    w.append(encodeLine(entry(2)));
    expect(w.entries).toBe(2);
    expect(w.size).toBe(fs.statSync(file).size);
    w.close();
    expect(w.closed).toBe(true);
    expect(() => w.append('x\n')).toThrow(/closed/);
    const again = SegmentWriter.open(file, 1, 2);
    expect(again.size).toBe(fs.statSync(file).size);
    again.close();
    expect(splitSegment(fs.readFileSync(file)).map((l) => l.decoded.ok)).toEqual([true, true]);
  });
});
