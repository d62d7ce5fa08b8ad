import fs from 'node:fs';
import path from 'node:path';
import { Low } from 'lowdb';
import { describe, expect, it } from 'vitest';
import { DurableJsonFile, isAdapterTempFile, SnapshotNotJsonError, stringifyInSlices } from './adapter.ts';
import { tempDir } from './test-helpers.ts';

interface Doc {
  n: number;
}
const decode = (raw: unknown): Doc => {
  if (typeof raw !== 'object' || raw === null || typeof (raw as Doc).n !== 'number') throw new Error('not a Doc');
  return raw as Doc;
};

describe('DurableJsonFile (lowdb adapter)', () => {
  it('reads null when there is no file, and lowdb keeps its default', async () => {
    const file = path.join(tempDir(), 'snapshot.json');
    const db = new Low<Doc | null>(new DurableJsonFile<Doc | null>(file, decode), null);
    await db.read();
    expect(db.data).toBeNull();
  });

  it('writes through lowdb; each write keeps the previous file as .bak; no temp file is left', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'snapshot.json');
    const adapter = new DurableJsonFile<Doc | null>(file, decode);
    const db = new Low<Doc | null>(adapter, { n: 1 });
    await db.write();
    expect(fs.readdirSync(dir)).toEqual(['snapshot.json']);
    expect(adapter.lastWriteKeptBackup).toBe(false);
    db.data = { n: 2 };
    await db.write();
    expect(adapter.lastWriteKeptBackup).toBe(true);
    db.data = { n: 3 };
    await db.write();
    expect(fs.readdirSync(dir).sort()).toEqual(['snapshot.json', 'snapshot.json.bak']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 3 });
    expect(JSON.parse(fs.readFileSync(`${file}.bak`, 'utf8'))).toEqual({ n: 2 });
    const again = new Low<Doc | null>(new DurableJsonFile<Doc | null>(file, decode), null);
    await again.read();
    expect(again.data).toEqual({ n: 3 });
  });

  it('serialises the data before its first await, so later edits do not leak into the write', async () => {
    const file = path.join(tempDir(), 'snapshot.json');
    const adapter = new DurableJsonFile<Doc | null>(file, decode);
    const data = { n: 1 };
    const p = adapter.write(data);
    data.n = 99;
    await p;
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 1 });
  });

  it('a file that is not JSON, or fails decode, throws; a damaged file never becomes the backup', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'snapshot.json');
    fs.writeFileSync(`${file}.bak`, JSON.stringify({ n: 1 }));
    fs.writeFileSync(file, '{"n":');
    const adapter = new DurableJsonFile<Doc | null>(file, decode);
    await expect(adapter.read()).rejects.toBeInstanceOf(SnapshotNotJsonError);
    fs.writeFileSync(file, '{"m":1}');
    await expect(adapter.read()).rejects.toThrow('not a Doc');
    expect(adapter.currentIsGood).toBe(false);
    await adapter.write({ n: 5 });
    expect(adapter.lastWriteKeptBackup).toBe(false);
    expect(JSON.parse(fs.readFileSync(`${file}.bak`, 'utf8'))).toEqual({ n: 1 });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 5 });
  });

  it('a failed write leaves the file and its backup as they were, and no temp file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'snapshot.json');
    const adapter = new DurableJsonFile<Doc | null>(file, decode);
    await adapter.write({ n: 1 });
    const cyclic: Record<string, unknown> = { n: 2 };
    cyclic.self = cyclic;
    await expect(adapter.write(cyclic as unknown as Doc)).rejects.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['snapshot.json']);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ n: 1 });
  });

  it('serialises in slices exactly as JSON.stringify does', async () => {
    const big = Array.from({ length: 3000 }, (_, i) => (i % 7 === 0 ? undefined : i % 5 === 0 ? { d: new Date(0), s: `é\u2028${i}` } : [i, null, 'x']));
    const values: unknown[] = [
      { a: 1, b: undefined, c: () => 1, big, small: [1, undefined], nested: { z: [big.length] }, '10': 'int-like key', 'ключ': 'ü' },
      { history: { chunks: Array.from({ length: 100 }, (_, i) => [{ i, f: undefined }, undefined, big.slice(0, 70)]) }, deep: { a: { b: big } } },
      { toJSON: () => ({ replaced: true }) },
      [1, 2, 3],
      'text',
      null,
      {},
    ];
    for (const v of values) expect(await stringifyInSlices(v, 0)).toBe(JSON.stringify(v));
  });

  it('with immutable data, yields to the event loop while serialising a large doc', async () => {
    const file = path.join(tempDir(), 'snapshot.json');
    const adapter = new DurableJsonFile<unknown>(file, (raw) => raw, { immutable: true });
    const doc = { rows: Array.from({ length: 200_000 }, (_, i) => ({ i, text: `row ${i}` })) };
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    await adapter.write(doc);
    clearInterval(ticker);
    expect(ticks).toBeGreaterThan(1);
    expect(fs.readFileSync(file, 'utf8')).toBe(JSON.stringify(doc));
  });

  it('recognises its own temp files', () => {
    expect(isAdapterTempFile('snapshot.json.tmp-12-3')).toBe(true);
    expect(isAdapterTempFile('snapshot.json.bak.tmp-12-3')).toBe(true);
    expect(isAdapterTempFile('snapshot.json')).toBe(false);
    expect(isAdapterTempFile('journal-1.ndjson')).toBe(false);
  });
});
