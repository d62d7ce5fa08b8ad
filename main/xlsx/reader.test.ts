import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/contract/errors.ts';
import { findHeader, mappingOf } from '../../shared/nominations/header.ts';
import { mapRows } from '../../shared/nominations/map-rows.ts';
import { sheetBook, sheetXml, withSheetXml, writeZip, xlsxBytes, zipParts } from './test-zip.ts';
import { readWorkbook, type WorkbookData } from './reader.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(path.resolve(repoRoot, 'test/fixtures/workbooks', name)));

function codeOf(fn: () => unknown): ErrorCode | 'none' {
  try {
    fn();
    return 'none';
  } catch (e) {
    return (e as { code?: ErrorCode }).code ?? ('not an AppError: ' + String(e)) as ErrorCode;
  }
}

function importSheet(wb: WorkbookData, kind: 'papers' | 'conferences', sheetIndex = 0) {
  const sheet = wb.sheets[sheetIndex]!;
  const guess = findHeader(kind, sheet.rows)!;
  return { guess, ...mapRows({ kind, rows: sheet.rows, headerRow: guess.headerRow, mapping: mappingOf(guess.columns), sheet: sheet.name, date1904: sheet.date1904 }) };
}

const PAPER_ROWS = [
  ['北京生物医学工程学会 2026年度广受关注论文推荐表'],
  ['填报人：王老师', null, null, '日期：', 46280],
  ['题目', '作者', '单位', '刊名', '年份', 'DOI', '学科', '引用次数', '下载量'],
  ['可穿戴传感器的柔性电子研究', '陈一, 刘二', '北京航空航天大学', 'Advanced Materials', 2024, 'https://doi.org/10.1002/ADMA.2024.00001', '材料科学', '１２３', '4,567'],
  ['医学影像中的深度学习方法', 'Zhou San; Wu Si', 'Peking University Third Hospital', 'Radiology', '2025年', '10.1148/radiol.2025.00002', '生物学', 88, 12000],
  [],
  ['组织工程支架的三维打印', '孙五', '清华大学医学院', '生物材料学报', 2023, null, '材料科学', ' 45 ', '-'],
  ['  超长标题\n换行的论文：关于心血管植入器械的长期随访研究  ', '赵六', '首都医科大学附属北京安贞医院', 'Circulation', 2024, '10.1161/circ.2024.00003', '生物学', 310, 9800],
];

describe.each(['papers-libreoffice.xlsx', 'papers-libreoffice.xls'])('fixture %s (written by LibreOffice)', (file) => {
  const wb = readWorkbook(fixture(file), file);

  it('reads both sheets with raw cell values', () => {
    expect(wb.format).toBe(file.endsWith('.xls') ? 'xls' : 'xlsx');
    expect(wb.date1904).toBe(false);
    expect(wb.sheets.map((s) => s.name)).toEqual(['推荐论文', '说明']);
    // The merged title is copied across its cells; unfilled, the rows are as LibreOffice wrote them.
    expect(wb.sheets[0]!.rows).toEqual([Array(9).fill(PAPER_ROWS[0]![0]), ...PAPER_ROWS.slice(1)]);
    expect(readWorkbook(fixture(file), file, { fillMerges: false }).sheets[0]!.rows).toEqual(PAPER_ROWS);
    expect(wb.sheets[0]!.range).toEqual({ ref: 'A1:I8', rows: 8, columns: 9, declaredRef: 'A1:I8' });
    expect(wb.sheets[0]!.merges).toEqual([{ s: { r: 0, c: 0 }, e: { r: 0, c: 8 } }]);
    expect(wb.sheets[1]!.rows).toEqual([['说明'], ['引用次数以中国知网为准']]);
  });

  it('imports the 4 papers the README lists', () => {
    const r = importSheet(wb, 'papers');
    expect(r.guess.headerRow).toBe(2);
    expect(r.items.map((i) => i.source.row)).toEqual([4, 5, 7, 8]);
    expect(r.items.map((i) => ({ ...i.fields }))).toEqual([
      { title: '可穿戴传感器的柔性电子研究', authors: ['陈一', '刘二'], affiliation: '北京航空航天大学', journal: 'Advanced Materials', year: 2024, doi: '10.1002/adma.2024.00001', discipline: '材料科学', citations: 123, downloads: 4567 },
      { title: '医学影像中的深度学习方法', authors: ['Zhou San', 'Wu Si'], affiliation: 'Peking University Third Hospital', journal: 'Radiology', year: 2025, doi: '10.1148/radiol.2025.00002', discipline: '生物学', citations: 88, downloads: 12000 },
      { title: '组织工程支架的三维打印', authors: ['孙五'], affiliation: '清华大学医学院', journal: '生物材料学报', year: 2023, discipline: '材料科学', citations: 45 },
      { title: '超长标题换行的论文：关于心血管植入器械的长期随访研究', authors: ['赵六'], affiliation: '首都医科大学附属北京安贞医院', journal: 'Circulation', year: 2024, doi: '10.1161/circ.2024.00003', discipline: '生物学', citations: 310, downloads: 9800 },
    ]);
    expect(r.items.map((i) => i.key)).toEqual(['doi:10.1002/adma.2024.00001', 'doi:10.1148/radiol.2025.00002', 'title:组织工程支架的三维打印|2023', 'doi:10.1161/circ.2024.00003']);
    expect(r.items[2]!.raw.downloads).toBe('-');
    expect(r.issues.map((i) => i.code)).toEqual(['COLUMN_MISSING']);
  });
});

describe('fixture conferences-1904-libreoffice.xlsx', () => {
  const wb = readWorkbook(fixture('conferences-1904-libreoffice.xlsx'), 'conferences-1904-libreoffice.xlsx');
  it('knows the workbook counts dates from 1904', () => {
    expect(wb.date1904).toBe(true);
    expect(wb.sheets[0]!.date1904).toBe(true);
    expect(wb.sheets[0]!.rows[1]![2]).toBe(44700);
  });
  it('imports 4 conferences with their dates and counts', () => {
    const r = importSheet(wb, 'conferences');
    expect(r.issues).toEqual([]);
    expect(r.items.map((i) => i.source.row)).toEqual([2, 3, 4, 5]);
    expect(r.items.map((i) => i.fields.dates)).toEqual([
      { start: '2026-05-20', precision: 'day' },
      { start: '2026-06-08', end: '2026-06-10', precision: 'day' },
      { start: '2026-09-01', precision: 'month' },
      { start: '2026-10-16', precision: 'day' },
    ]);
    expect(r.items.map((i) => i.fields.attendees)).toEqual([1800, 800, 1200, 300]);
    expect(r.items.map((i) => [i.fields.name, i.fields.organiser, i.fields.venue, i.fields.discipline, i.fields.nominator])[1]).toEqual(['第十届京津冀环境科学论坛', '北京环境科学学会', '北京', '环境科学', '北京环境科学学会']);
  });
});

describe('workbooks from other writers', () => {
  it('an ExcelJS workbook with a merged title, text numbers and a 1904 date system', async () => {
    const book = new ExcelJS.Workbook();
    book.properties.date1904 = true;
    const ws = book.addWorksheet('论文');
    ws.mergeCells('A1:D1');
    ws.getCell('A1').value = '2026年度推荐汇总表';
    ws.addRow([]);
    ws.addRow(['序号', '*论文题目（必填）', '发表\n年份', '被引次数']);
    ws.addRow([1, 'Ｄｅｅｐ learning', '２０２４年', '1，234']);
    ws.addRow([2, '=HYPERLINK("x")', 2025, { formula: '1+2', result: 3 }]);
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const wb = readWorkbook(bytes, 'exceljs.xlsx');
    expect(wb.date1904).toBe(true);
    const r = importSheet(wb, 'papers');
    expect(r.guess.headerRow).toBe(2);
    expect(r.items.map((i) => [i.source.row, i.fields.title, i.fields.year, i.fields.citations])).toEqual([
      [4, 'Deep learning', 2024, 1234],
      [5, '=HYPERLINK("x")', 2025, 3],
    ]);
  });

  it('a discipline cell merged down the rows of its group reaches each row', () => {
    const ws = XLSX.utils.aoa_to_sheet([['学科', '题目', '年份'], ['材料科学', '甲', 2024], [null, '乙', 2024], [null, '丙', 2025], ['物理', '丁', 2025]]);
    ws['!merges'] = [{ s: { r: 1, c: 0 }, e: { r: 3, c: 0 } }, { s: { r: 4, c: 2 }, e: { r: 9999, c: 9999 } }];
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, ws, 'S');
    const wb = readWorkbook(xlsxBytes(book), 'm.xlsx');
    const r = importSheet(wb, 'papers');
    expect(r.items.map((i) => [i.fields.title, i.fields.discipline])).toEqual([['甲', '材料科学'], ['乙', '材料科学'], ['丙', '材料科学'], ['丁', '物理']]);
    expect(wb.sheets[0]!.merges).toEqual([{ s: { r: 1, c: 0 }, e: { r: 3, c: 0 } }, { s: { r: 4, c: 2 }, e: { r: 4, c: 2 } }]);
  });

  it('formula cells give their cached value and error cells their text', () => {
    const ws = XLSX.utils.aoa_to_sheet([['题目', '被引次数'], ['甲', 0]]);
    ws.B2 = { t: 'n', v: 3, f: '1+2' };
    ws.C2 = { t: 'e', v: 0x2a };
    ws['!ref'] = 'A1:C2';
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'S');
    const read = readWorkbook(xlsxBytes(wb), 'f.xlsx');
    expect(read.sheets[0]!.rows[1]).toEqual(['甲', 3, '#N/A']);
  });

  it('CSV by its extension, in UTF-8 or GBK, keeping text as text', () => {
    const csv = '题目,年份,DOI\n"论文，甲",2024,10.1/x\n乙,0012,\n';
    const utf8 = readWorkbook(new TextEncoder().encode('\uFEFF' + csv), 'a.csv');
    expect(utf8.format).toBe('csv');
    expect(utf8.sheets[0]!.rows).toEqual([['题目', '年份', 'DOI'], ['论文，甲', '2024', '10.1/x'], ['乙', '0012']]);
    const gbk = Uint8Array.from([0xcc, 0xe2, 0xc4, 0xbf, 0x0a, 0xbc, 0xd7, 0x0a]); // 题目\n甲\n in GBK
    expect(readWorkbook(gbk, 'b.csv').sheets[0]!.rows).toEqual([['题目'], ['甲']]);
  });

  it('an HTML table saved as .xls', () => {
    const html = '<html><body><table><tr><td>题目</td><td>年份</td></tr><tr><td>甲</td><td>2024</td></tr></table></body></html>';
    const wb = readWorkbook(new TextEncoder().encode(html), 'export.xls');
    expect(wb.format).toBe('html');
    expect(wb.sheets[0]!.rows).toEqual([['题目', '年份'], ['甲', '2024']]);
  });

  it('hidden sheets are marked', () => {
    const wb = sheetBook({ A: [['题目']], B: [['x']] });
    wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }] };
    expect(readWorkbook(xlsxBytes(wb), 'h.xlsx').sheets.map((s) => s.hidden)).toEqual([false, true]);
  });
});

describe('untrusted files', () => {
  it('refuses a file over the size cap before reading it', () => {
    expect(codeOf(() => readWorkbook(new Uint8Array(50 * 1024 * 1024 + 1), 'big.xlsx'))).toBe('FILE_TOO_LARGE');
    expect(codeOf(() => readWorkbook(fixture('papers-libreoffice.xlsx'), 'p.xlsx', { maxBytes: 1000 }))).toBe('FILE_TOO_LARGE');
  });

  it('refuses a zip whose directory claims 10 GB, without allocating it', () => {
    const bytes = writeZip([
      { name: '[Content_Types].xml', data: '<Types/>' },
      { name: 'xl/workbook.xml', data: '<workbook/>', zip64Size: 10 * 1024 ** 3 },
    ]);
    const t0 = Date.now();
    expect(codeOf(() => readWorkbook(bytes, 'bomb.xlsx'))).toBe('FILE_ZIP_BOMB');
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('refuses parts that together declare more than the cap', () => {
    const parts = [0, 1, 2].map((i) => ({ name: `xl/worksheets/sheet${i}.xml`, data: '<x/>', cdSize: 3_500_000_000, localSize: 3_500_000_000 }));
    expect(codeOf(() => readWorkbook(writeZip([{ name: 'xl/workbook.xml', data: '<w/>' }, ...parts]), 'b.xlsx'))).toBe('FILE_ZIP_BOMB');
    const small = [0, 1, 2].map((i) => ({ name: `p${i}.xml`, data: '<x/>', cdSize: 90 * 1024 * 1024 }));
    expect(codeOf(() => readWorkbook(writeZip([{ name: 'xl/workbook.xml', data: '<w/>' }, ...small]), 'b.xlsx'))).toBe('FILE_ZIP_BOMB');
  });

  it('refuses a part that inflates far beyond its compressed size, or beyond what its header says', () => {
    const zeros = new Uint8Array(20 * 1024 * 1024);
    expect(codeOf(() => readWorkbook(writeZip([{ name: 'xl/workbook.xml', data: zeros }]), 'ratio.xlsx'))).toBe('FILE_ZIP_BOMB');
    // The header says 1 KB; the data inflates to 20 MB, over a 10 MB cap.
    const lying = writeZip([{ name: 'xl/workbook.xml', data: zeros, cdSize: 1024, localSize: 1024 }]);
    expect(codeOf(() => readWorkbook(lying, 'lying.xlsx', { maxUncompressedBytes: 10 * 1024 * 1024, maxRatio: 1e9 }))).toBe('FILE_ZIP_BOMB');
    // A header that says 0 would let SheetJS grow its buffer without bound.
    const zero = writeZip([{ name: 'xl/workbook.xml', data: zeros, cdSize: 0, localSize: 0 }]);
    expect(codeOf(() => readWorkbook(zero, 'zero.xlsx', { maxUncompressedBytes: 10 * 1024 * 1024, maxRatio: 1e9 }))).toBe('FILE_ZIP_BOMB');
  });

  it('refuses a damaged zip', () => {
    const good = xlsxBytes(sheetBook({ S: [['题目']] }));
    expect(codeOf(() => readWorkbook(good.slice(0, good.length - 30), 'cut.xlsx'))).toBe('FILE_UNREADABLE');
    const view = new DataView(good.buffer, good.byteOffset, good.byteLength);
    const cd = view.getUint32(good.length - 22 + 16, true);
    const broken = good.slice();
    broken.fill(0, cd, cd + 4);
    expect(codeOf(() => readWorkbook(broken, 'broken.xlsx'))).toBe('FILE_UNREADABLE');
    const deflated = writeZip([{ name: 'xl/workbook.xml', data: '<workbook>' + 'x'.repeat(5000) + '</workbook>' }]);
    deflated.fill(0xff, 60, 80);
    expect(codeOf(() => readWorkbook(deflated, 'garbled.xlsx'))).toBe('FILE_UNREADABLE');
  });

  it('refuses what is not a workbook', () => {
    let seed = 42;
    const random = Uint8Array.from({ length: 4096 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed & 0xff));
    expect(codeOf(() => readWorkbook(random, 'random.xlsx'))).toBe('FILE_NOT_WORKBOOK');
    expect(codeOf(() => readWorkbook(new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'scan.xlsx'))).toBe('FILE_NOT_WORKBOOK');
    expect(codeOf(() => readWorkbook(new TextEncoder().encode('题目\t作者\n论文\t甲\n'), 'notes.txt'))).toBe('FILE_NOT_WORKBOOK');
    expect(codeOf(() => readWorkbook(new TextEncoder().encode('题目,作者\n论文,甲\n'), 'renamed.xlsx'))).toBe('FILE_NOT_WORKBOOK');
    expect(codeOf(() => readWorkbook(writeZip([{ name: 'word/document.xml', data: '<w:document/>' }]), 'letter.xlsx'))).toBe('FILE_NOT_WORKBOOK');
    const doc = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(doc, '/WordDocument', new Uint8Array(600));
    expect(codeOf(() => readWorkbook(new Uint8Array(XLSX.CFB.write(doc, { type: 'array' }) as ArrayBuffer), 'old.xls'))).toBe('FILE_NOT_WORKBOOK');
  });

  it('refuses a password-protected workbook', () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array(200).fill(4));
    XLSX.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(5000).fill(7));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: 'array' }) as ArrayBuffer);
    expect(codeOf(() => readWorkbook(bytes, 'secret.xlsx'))).toBe('FILE_ENCRYPTED');
    expect(codeOf(() => readWorkbook(writeZip([{ name: 'xl/workbook.xml', data: '<w/>', flags: 1 }]), 'zipcrypto.xlsx'))).toBe('FILE_ENCRYPTED');
  });

  it('refuses empty files and workbooks', () => {
    expect(codeOf(() => readWorkbook(new Uint8Array(0), 'empty.xlsx'))).toBe('FILE_EMPTY');
    expect(codeOf(() => readWorkbook(xlsxBytes(sheetBook({ Sheet1: [] })), 'blank.xlsx'))).toBe('FILE_EMPTY');
    expect(codeOf(() => readWorkbook(xlsxBytes(sheetBook({ A: [[null, '  ']], B: [] })), 'blank2.xlsx'))).toBe('FILE_EMPTY');
    expect(codeOf(() => readWorkbook(writeZip([]), 'nothing.xlsx'))).toBe('FILE_EMPTY');
    const oneEmpty = readWorkbook(xlsxBytes(sheetBook({ A: [], B: [['题目']] })), 'one.xlsx');
    expect(oneEmpty.sheets.map((s) => [s.name, s.rows.length, s.range.ref])).toEqual([['A', 0, null], ['B', 1, 'A1']]);
  });

  it('clamps a used range of A1:ZZZZ1000000 to the real data, quickly', () => {
    const bytes = xlsxBytes(sheetBook({ S: [['题目', '年份'], ['甲', 2024]] }));
    const parts = zipParts(bytes).map((p) =>
      p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: new TextDecoder().decode(p.data).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:ZZZZ1000000"/>') } : p,
    );
    expect(new TextDecoder().decode(zipParts(writeZip(parts)).find((p) => p.name === 'xl/worksheets/sheet1.xml')!.data)).toContain('ZZZZ1000000');
    const t0 = Date.now();
    const wb = readWorkbook(writeZip(parts), 'huge-ref.xlsx');
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(wb.sheets[0]!.rows).toEqual([['题目', '年份'], ['甲', 2024]]);
    expect(wb.sheets[0]!.range.ref).toBe('A1:B2');
    expect(wb.sheets[0]!.range.declaredRef).not.toBe('A1:B2');
  });

  it('refuses a sheet whose real data goes beyond the caps', () => {
    const wide: unknown[][] = [['题目']];
    wide[0]![1500] = 'x';
    expect(codeOf(() => readWorkbook(xlsxBytes(sheetBook({ S: wide })), 'wide.xlsx'))).toBe('SHEET_TOO_LARGE');
    const tall = Array.from({ length: 150 }, (_, i) => [`论文${i}`]);
    expect(codeOf(() => readWorkbook(xlsxBytes(sheetBook({ S: tall })), 'tall.xlsx', { maxRows: 100 }))).toBe('SHEET_TOO_LARGE');
    expect(readWorkbook(xlsxBytes(sheetBook({ S: tall })), 'tall.xlsx', { maxRows: 150 }).sheets[0]!.rows).toHaveLength(150);
    // A cell far out, written by hand into the sheet XML.
    const bytes = xlsxBytes(sheetBook({ S: [['题目']] }));
    const parts = zipParts(bytes).map((p) =>
      p.name === 'xl/worksheets/sheet1.xml' ? { ...p, data: new TextDecoder().decode(p.data).replace('</sheetData>', '<row r="900000"><c r="ZZZ900000" t="inlineStr"><is><t>x</t></is></c></row></sheetData>') } : p,
    );
    expect(codeOf(() => readWorkbook(writeZip(parts), 'far.xlsx'))).toBe('SHEET_TOO_LARGE');
  });

  it('per-sheet caps on rows and cells: an .xlsx sheet past them is counted and refused before the parse, the others read', () => {
    // 120,000 rows × 12: inside the file caps, past the default 100,000 rows a sheet.
    const big = withSheetXml({ 推荐论文: [['题目'], ['甲']], 大表: [['x']] }, 1, sheetXml(120_000, 12));
    const wb = readWorkbook(big, 'big.xlsx');
    expect(wb.sheets[0]!.rows).toEqual([['题目'], ['甲']]);
    expect(wb.sheets[1]!.rows).toEqual([]);
    // Counted, not parsed: the cells are known, the columns are not.
    expect(wb.sheets[1]!.error).toMatchObject({ code: 'SHEET_TOO_LARGE', values: { sheet: '大表', rows: 120_000, cells: 1_440_000, columns: 0, maxRows: 100_000 } });
    expect(wb.sheets[1]!.error!.message).toMatch(/more than 100000 rows/);
    // The cells cap alone (rows within theirs), configurable as the rows cap is.
    const cellsOnly = withSheetXml({ S: [['x']] }, 0, sheetXml(1_000, 12));
    expect(() => readWorkbook(cellsOnly, 'c.xlsx', { maxCells: 10_000 })).toThrow(expect.objectContaining({ code: 'SHEET_TOO_LARGE', values: expect.objectContaining({ cells: 12_000 }) }));
    expect(readWorkbook(cellsOnly, 'c.xlsx', { maxCells: 12_000 }).sheets[0]!.rows).toHaveLength(1_000);
    // Formats read whole (CSV) are held to the same caps after the read.
    const csv = new TextEncoder().encode(Array.from({ length: 300 }, (_, i) => `${i},a,b`).join('\n'));
    expect(codeOf(() => readWorkbook(csv, 'x.csv', { maxCells: 800 }))).toBe('SHEET_TOO_LARGE');
    expect(codeOf(() => readWorkbook(csv, 'x.csv', { maxRows: 299 }))).toBe('SHEET_TOO_LARGE');
    expect(readWorkbook(csv, 'x.csv', { maxCells: 900 }).sheets[0]!.rows).toHaveLength(300);
  });

  it('refuses only the oversized sheet when others have data', () => {
    const wide: unknown[][] = [['x']];
    wide[0]![1500] = 'y';
    const wb = readWorkbook(xlsxBytes(sheetBook({ 推荐论文: [['题目'], ['甲']], 数据字典: wide })), 'two.xlsx');
    expect(wb.sheets[0]!.rows).toEqual([['题目'], ['甲']]);
    expect(wb.sheets[1]!.rows).toEqual([]);
    expect(wb.sheets[1]!.error).toMatchObject({ code: 'SHEET_TOO_LARGE', values: { sheet: '数据字典', rows: 1, columns: 1501 } });
  });

  it('never lets a header or sheet name become an object key', () => {
    const bytes = xlsxBytes(sheetBook({ __proto__x: [['__proto__', 'constructor', '题目', '作者'], ['{"polluted":1}', 'x', '论文', '甲']] }));
    const wb = readWorkbook(bytes, 'proto.xlsx');
    const r = importSheet(wb, 'papers');
    expect(r.items).toHaveLength(1);
    expect(r.items[0]!.extra.map((e) => e.header)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(r.items[0]!.fields)).toEqual(['title', 'authors']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    for (const name of ['constructor', '__proto__', 'toString']) {
      const named = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(named, XLSX.utils.aoa_to_sheet([['题目'], ['甲']]), name);
      const read = readWorkbook(xlsxBytes(named), 'n.xlsx');
      expect(read.sheets.map((s) => [s.name, s.rows])).toEqual([[name, [['题目'], ['甲']]]]);
    }
    expect(({} as Record<string, unknown>).t).toBeUndefined();
  });

  it('reads the 1904 flag of a generated workbook', () => {
    const wb = readWorkbook(xlsxBytes(sheetBook({ S: [['会议名称', '举办时间'], ['会', 44700]] }, true)), 'd.xlsx');
    expect(wb.date1904).toBe(true);
  });
});
