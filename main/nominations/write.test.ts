import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import type { NominationRow } from '../../shared/contract/nominations.ts';
import { WorkerPool } from '../workers/pool.ts';
import { writeExport, type ExportJob } from './export.ts';
import { writeInWorker, type WriteProgress } from './write.ts';
import { zipParts } from '../xlsx/test-zip.ts';

function nomination(i: number): NominationRow {
  return {
    id: `n${i}`,
    key: `name:会议 ${i}|2026`,
    label: `会议 ${i}`,
    fields: { name: i === 0 ? '=HYPERLINK("http://x","点我")' : `会议 ${i}`, attendees: i * 10, dates: { start: '2026-05-20', end: '2026-05-22', precision: 'day' } },
    nominators: ['学会甲'],
    status: 'eligible',
    reasons: [],
    edited: [],
    disagreements: [],
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

async function cells(bytes: Uint8Array): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const out: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

/** Whether a cell of the first sheet has a style with quotePrefix="1" (read from the package's XML, as Excel would). */
function quotePrefixed(bytes: Uint8Array, ref: string): boolean {
  const parts = new Map(zipParts(bytes).map((p) => [p.name.replace(/^\//, ''), new TextDecoder().decode(p.data)]));
  const sheet = parts.get('xl/worksheets/sheet1.xml')!;
  const s = new RegExp(`<c r="${ref}"[^>]*?\\bs="(\\d+)"`).exec(sheet)?.[1];
  if (s === undefined) return false;
  const xfs = /<cellXfs\b[\s\S]*?<\/cellXfs>/.exec(parts.get('xl/styles.xml')!)![0].match(/<xf\b[^>]*>/g)!;
  return /quotePrefix="1"/.test(xfs[Number(s)]!);
}

describe('exports written in the worker', () => {
  const pool = new WorkerPool();
  afterAll(() => pool.close());
  const job: ExportJob = { what: 'nominations', kind: 'conferences', campaignName: '=测试', rows: Array.from({ length: 2_500 }, (_, i) => nomination(i)) };

  it('the same cells as written on main: numbers and dates as real cells, formulas neutralised; rows sent in slices', async () => {
    const inWorker = await writeInWorker(pool, job, 1000).done;
    expect(inWorker.byteOffset).toBe(0);
    expect(inWorker.byteLength).toBe(inWorker.buffer.byteLength);
    const here = await cells(await writeExport(job));
    const there = await cells(inWorker);
    expect(there).toEqual(here);
    expect(there).toHaveLength(2_501);
    const header = there[0] as string[];
    const col = (title: string) => header.findIndex((h) => h.startsWith(title));
    // Formula-like text as text: as it is, in a quotePrefix cell (Excel shows no apostrophe and never evaluates it).
    expect(there[1]![col('会议名称')]).toBe('=HYPERLINK("http://x","点我")');
    expect(quotePrefixed(inWorker, `${String.fromCharCode(65 + col('会议名称'))}2`)).toBe(true);
    expect(quotePrefixed(inWorker, `${String.fromCharCode(65 + col('会议名称'))}3`)).toBe(false);
    expect(there[3]![col('参会人数')]).toBe(20);
    expect(there[3]![col('举办时间')]).toEqual(new Date(Date.UTC(2026, 4, 20)));
    expect(there[2_500]![0]).toBe(2_500);
  });

  it('the rows of a society\'s sheet that need fixing, too', async () => {
    const problems: ExportJob = { what: 'problems', kind: 'papers', sheetName: 'S', header: ['题目', '年份'], rows: [{ row: 3, cells: ['+1', 'x'], rejected: true, issues: [{ sheet: 'S', row: 3, column: 'B', field: 'year', code: 'BAD_YEAR', severity: 'error', message: 'not a year', value: 'x' }] }] };
    const rows = await cells(await writeInWorker(pool, problems).done);
    expect(rows[1]).toEqual([3, '未导入 not imported', 'B3 发表年份 Year：“x”不是有效的年份 “x” is not a year', '+1', 'x']);
  });

  it('says how far it has got: rows sent in slices, written every 500 rows, then packed', async () => {
    const notes: WriteProgress[] = [];
    const bytes = await writeInWorker(pool, job, 1000, (p) => notes.push(p)).done;
    expect((await cells(bytes)).length).toBe(2_501);
    expect(notes.filter((n) => n.phase === 'sending').map((n) => n.rows)).toEqual([1000, 2000, 2500]);
    expect(notes.filter((n) => n.phase === 'writing').map((n) => n.rows)).toEqual([500, 1000, 1500, 2000, 2500]);
    expect(notes.at(-1)).toEqual({ phase: 'packing', rows: 2_500, total: 2_500 });
    // In order: every row sent before the first is written, every row written before packing.
    const order = notes.map((n) => ['sending', 'writing', 'packing'].indexOf(n.phase));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('a write cancelled while its rows are written rejects with CANCELLED, and the next one works', async () => {
    let h: ReturnType<typeof writeInWorker> | null = null;
    let writing = 0;
    h = writeInWorker(pool, job, 1000, (p) => {
      if (p.phase === 'writing' && ++writing === 1) h!.cancel();
    });
    await expect(h.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(writing).toBe(1); // nothing heard from the stopped worker
    expect((await cells(await writeInWorker(pool, { ...job, rows: job.rows.slice(0, 3) }).done)).length).toBe(4);
  });

  it('a cancelled write rejects with CANCELLED, and the next one works', async () => {
    const h = writeInWorker(pool, job, 100);
    h.cancel();
    await expect(h.done).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await cells(await writeInWorker(pool, { ...job, rows: job.rows.slice(0, 3) }).done)).length).toBe(4);
  });
});
