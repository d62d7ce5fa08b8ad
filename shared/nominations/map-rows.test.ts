import { describe, expect, it } from 'vitest';
import { findHeader, mappingOf } from './header.ts';
import { findNearMatches, mapRows, nearMatchSearch, nominationKey, type MapRowsInput } from './map-rows.ts';

// The rows SheetJS gives for /work/shared/fixtures/papers-libreoffice.xlsx (header:1).
const papers: unknown[][] = [
  ['北京生物医学工程学会 2026年度广受关注论文推荐表', null, null, null, null, null, null, null, null],
  ['填报人：王老师', null, null, '日期：', 46280, null, null, null, null],
  ['题目', '作者', '单位', '刊名', '年份', 'DOI', '学科', '引用次数', '下载量'],
  ['可穿戴传感器的柔性电子研究', '陈一, 刘二', '北京航空航天大学', 'Advanced Materials', 2024, 'https://doi.org/10.1002/ADMA.2024.00001', '材料科学', '１２３', '4,567'],
  ['医学影像中的深度学习方法', 'Zhou San; Wu Si', 'Peking University Third Hospital', 'Radiology', '2025年', '10.1148/radiol.2025.00002', '生物学', 88, 12000],
  [null, null, null, null, null, null, null, null, null],
  ['组织工程支架的三维打印', '孙五', '清华大学医学院', '生物材料学报', 2023, null, '材料科学', ' 45 ', '-'],
  ['  超长标题\n换行的论文：关于心血管植入器械的长期随访研究  ', '赵六', '首都医科大学附属北京安贞医院', 'Circulation', 2024, '10.1161/circ.2024.00003', '生物学', 310, 9800],
];

function input(kind: MapRowsInput['kind'], rows: unknown[][], sheet = 'S', date1904 = false): MapRowsInput {
  const g = findHeader(kind, rows)!;
  return { kind, rows, headerRow: g.headerRow, mapping: mappingOf(g.columns), sheet, date1904 };
}

describe('mapRows: papers', () => {
  const result = mapRows(input('papers', papers, '推荐论文'));

  it('reads the 4 papers from Excel rows 4, 5, 7 and 8', () => {
    expect(result.items.map((i) => i.source)).toEqual([4, 5, 7, 8].map((row) => ({ sheet: '推荐论文', row })));
    expect(result.rejected).toBe(0);
    expect(result.skipped).toBe(1);
  });

  it('parses the values as the fixture README says', () => {
    const [a, b, c, d] = result.items;
    expect({ ...a!.fields }).toEqual({
      title: '可穿戴传感器的柔性电子研究',
      authors: ['陈一', '刘二'],
      affiliation: '北京航空航天大学',
      journal: 'Advanced Materials',
      year: 2024,
      doi: '10.1002/adma.2024.00001',
      discipline: '材料科学',
      citations: 123,
      downloads: 4567,
    });
    expect(a!.key).toBe('doi:10.1002/adma.2024.00001');
    expect(b!.fields.year).toBe(2025);
    expect(b!.fields.authors).toEqual(['Zhou San', 'Wu Si']);
    expect(b!.fields.downloads).toBe(12000);
    expect(c!.fields.citations).toBe(45);
    expect('downloads' in c!.fields).toBe(false);
    expect(c!.raw.downloads).toBe('-');
    expect(c!.fields.doi).toBeUndefined();
    expect(c!.key).toBe('title:组织工程支架的三维打印|2023');
    expect(d!.fields.title).toBe('超长标题换行的论文：关于心血管植入器械的长期随访研究');
    expect(d!.label).toBe(d!.fields.title);
    expect(d!.raw.title).toBe(papers[7]![0]);
  });

  it('reports the missing nominator column once, and nothing else', () => {
    expect(result.issues).toEqual([
      { sheet: '推荐论文', row: 3, column: '', field: 'nominator', code: 'COLUMN_MISSING', severity: 'warning', message: 'No column is matched to “Nominator”', value: null },
    ]);
  });

  it('keeps fields and raw values on null-prototype objects', () => {
    expect(Object.getPrototypeOf(result.items[0]!.fields)).toBeNull();
    expect(Object.getPrototypeOf(result.items[0]!.raw)).toBeNull();
  });
});

describe('mapRows: issues on cells', () => {
  const rows: unknown[][] = [
    ['题目', '作者', '刊名', '年份', 'DOI', '学科', '推荐单位', '被引次数', '关注度', '备注'],
    ['论文甲', '甲', 'Cell', '二〇二五', 'doi:10.1/x', '生物学', '某学会', 'many', '12.5', '第二轮'],
    [null, '乙', 'Nature', 2024, null, '物理', '某学会', 3, null, null],
    ['论文丙', null, null, 2024, '10.1000/ABC', '化学', '某学会', -1, null, null],
    ['论文丙 ', '丙', 'Science', 2024, 'https://doi.org/10.1000/abc', '化学', '另一学会', 2, null, null],
    ['注：引用次数以中国知网为准', null, null, null, null, null, null, null, null, null],
    ['题目', '作者', '刊名', '年份', 'DOI', '学科', '推荐单位', '被引次数', '关注度', '备注'],
    ['合计', null, null, null, null, null, null, null, null, null],
  ];
  const r = mapRows(input('papers', rows, '表1'));

  it('flags bad values with their cell and keeps the row', () => {
    const codes = r.issues.map((i) => [i.row, i.column, i.field, i.code, i.severity]);
    expect(codes).toContainEqual([2, 'D', 'year', 'BAD_YEAR', 'warning']);
    expect(codes).toContainEqual([2, 'E', 'doi', 'BAD_DOI', 'warning']);
    expect(codes).toContainEqual([2, 'H', 'citations', 'NOT_A_NUMBER', 'warning']);
    expect(codes).toContainEqual([4, 'B', 'authors', 'REQUIRED_MISSING', 'warning']);
    expect(codes).toContainEqual([4, 'C', 'journal', 'REQUIRED_MISSING', 'warning']);
    expect(codes).toContainEqual([4, 'H', 'citations', 'NEGATIVE_NUMBER', 'warning']);
    const bad = r.issues.find((i) => i.code === 'NOT_A_NUMBER')!;
    expect(bad.value).toBe('many');
    expect(bad.message).toBe('Citations: “many” is not a number');
  });

  it('rejects a row without its title, with an error on the title cell', () => {
    expect(r.rejected).toBe(1);
    expect(r.issues).toContainEqual(expect.objectContaining({ row: 3, column: 'A', field: 'title', code: 'REQUIRED_MISSING', severity: 'error' }));
    expect(r.items.map((i) => i.source.row)).toEqual([2, 4, 5]);
  });

  it('skips notes, a repeated header and a total row', () => {
    expect(r.skipped).toBe(3);
  });

  it('flags a second row with the same key and keeps both for the store to merge', () => {
    expect(r.items[1]!.key).toBe('doi:10.1000/abc');
    expect(r.items[2]!.key).toBe('doi:10.1000/abc');
    expect(r.issues).toContainEqual(expect.objectContaining({ row: 5, column: 'A', code: 'DUPLICATE_KEY', message: 'Title: The same nomination as an earlier row; passed over (row 4)' }));
  });

  it('keeps unmapped columns as extra cells', () => {
    expect(r.items[0]!.extra).toEqual([{ column: 'J', header: '备注', value: '第二轮' }]);
    expect(r.items[0]!.fields.attention).toBe(12.5);
  });

  it('passes over template rows with only their number filled in', () => {
    const rows = [['序号', '题目', '作者'], [1, '论文甲', '甲'], [2, null, null], [3, '-', '']];
    const m = mapRows({ kind: 'papers', rows, headerRow: 0, mapping: [null, 'title', 'authors'], sheet: 'S' });
    expect(m.items.map((i) => i.label)).toEqual(['论文甲']);
    expect([m.rejected, m.skipped, m.issues.filter((i) => i.code !== 'COLUMN_MISSING')]).toEqual([0, 2, []]);
  });

  it('rejects every row when the title column is missing', () => {
    const noTitle = mapRows({ kind: 'papers', rows: [['作者', '年份'], ['甲', 2024], ['乙', 2025]], headerRow: 0, mapping: ['authors', 'year'], sheet: 'S' });
    expect(noTitle.items).toEqual([]);
    expect(noTitle.rejected).toBe(2);
    expect(noTitle.issues.filter((i) => i.field === 'title')).toEqual([expect.objectContaining({ row: 1, code: 'COLUMN_MISSING', field: 'title', severity: 'error' })]);
  });

  it('ignores mapping entries that are not fields of the kind', () => {
    const m = mapRows({ kind: 'papers', rows: [['题目', 'x'], ['甲', 'y']], headerRow: 0, mapping: ['title', '__proto__'], sheet: 'S' });
    expect(m.items).toHaveLength(1);
    expect(Object.keys(m.items[0]!.fields)).toEqual(['title']);
    expect(m.items[0]!.extra).toEqual([{ column: 'B', header: 'x', value: 'y' }]);
  });
});

describe('mapRows: conferences (1904 workbook)', () => {
  const rows: unknown[][] = [
    ['会议名称', '主办单位', '举办时间', '地点', '参会人数', '学科', '推荐单位'],
    ['2026年全国智能制造学术会议', '中国机械工程学会', 44700, '北京国家会议中心', 1800, '工学', '北京机械工程学会'],
    ['第十届京津冀环境科学论坛', '北京环境科学学会', '2026年6月8日-10日', '北京', '８００', '环境科学', '北京环境科学学会'],
    ['国际纳米材料研讨会', '中国材料研究学会', '2026.9', '北京怀柔科学城', '1,200', '材料科学', '北京材料研究学会'],
    ['全国青年科学家沙龙', '北京科技人才研究会', '2026-10-16', '北京科学中心', 300, '交叉学科', '北京科技人才研究会'],
  ];
  it('reads dates in the 1904 system, ranges and months', () => {
    const r = mapRows(input('conferences', rows, 'Sheet1', true));
    expect(r.issues).toEqual([]);
    expect(r.items.map((i) => i.fields.dates)).toEqual([
      { start: '2026-05-20', precision: 'day' },
      { start: '2026-06-08', end: '2026-06-10', precision: 'day' },
      { start: '2026-09-01', precision: 'month' },
      { start: '2026-10-16', precision: 'day' },
    ]);
    expect(r.items.map((i) => i.fields.attendees)).toEqual([1800, 800, 1200, 300]);
    expect(r.items[0]!.key).toBe('name:2026年全国智能制造学术会议|2026');
  });
  it('would be four years off read as 1900-based', () => {
    const r = mapRows(input('conferences', rows, 'Sheet1', false));
    expect(r.items[0]!.fields.dates).toEqual({ start: '2022-05-19', precision: 'day' });
  });
});

describe('mapRows: talent and topics', () => {
  it('reads a talent row', () => {
    const rows = [
      ['序号', '姓名', '性别', '出生年月', '工作单位', '职称', '学科', '导师', '推荐单位', '电子邮箱', '主要成果'],
      [1, '王小明', '男', '1992.5', '北京大学', '研究员', '物理学', '无', '北京物理学会', 'wang＠pku.edu.cn', '成果一\n成果二'],
    ];
    const r = mapRows(input('talent', rows));
    expect(r.issues).toEqual([]);
    expect({ ...r.items[0]!.fields }).toEqual({
      name: '王小明',
      gender: '男',
      birthDate: { start: '1992-05-01', precision: 'month' },
      institution: '北京大学',
      title: '研究员',
      discipline: '物理学',
      nominator: '北京物理学会',
      email: 'wang@pku.edu.cn',
      achievements: '成果一\n成果二',
    });
    expect(r.items[0]!.key).toBe('person:王小明|1992-05-01');
  });
  it('reads a topics row', () => {
    const rows = [
      ['议题名称', '申报人', '单位', '涉及学科', '议题简介', '推荐单位'],
      ['AI for Science', '李四', '中科院', '数学、物理；计算机', '简介', '北京数学会'],
    ];
    const r = mapRows(input('topics', rows));
    expect(r.items[0]!.fields.disciplines).toEqual(['数学', '物理', '计算机']);
    expect(r.items[0]!.key).toBe('title:aiforscience');
  });
});

describe('keys', () => {
  it('papers: DOI first, else normalised title and year', () => {
    expect(nominationKey('papers', { title: 'Deep Learning: A Review', doi: '10.1/x', year: 2024 })).toBe('doi:10.1/x');
    expect(nominationKey('papers', { title: 'Deep  Learning：a review!', year: 2024 })).toBe('title:deeplearningareview|2024');
    expect(nominationKey('papers', { title: 'ＤＥＥＰ learning - A Review', year: 2024 })).toBe('title:deeplearningareview|2024');
    expect(nominationKey('papers', { year: 2024 })).toBeNull();
  });
  it('conferences: normalised name and year', () => {
    expect(nominationKey('conferences', { name: '全国 会议', dates: { start: '2026-06-08', end: '2026-06-10', precision: 'day' } })).toBe('name:全国会议|2026');
    expect(nominationKey('conferences', { name: '全国会议' })).toBe('name:全国会议|');
  });
});

describe('findNearMatches', () => {
  it('pairs alike titles whose keys differ', () => {
    const entries = [
      { text: '可穿戴传感器的柔性电子研究', key: 'a' },
      { text: '医学影像中的深度学习方法', key: 'b' },
      { text: '可穿戴传感器的柔性电子研究。', key: 'c' },
      { text: '可穿戴传感器的柔性电子器件研究', key: 'd' },
      { text: '医学影像中的深度学习方法', key: 'b' },
      { text: 'Deep learning for medical imaging', key: 'e' },
      { text: 'Deep Learning for Medical Imaging: A Review', key: 'f' },
      { text: 'deep-learning for medical imaging', key: 'g' },
      { text: '', key: 'h' },
    ];
    const pairs = findNearMatches(entries);
    expect(pairs).toEqual([
      { a: 0, b: 2, similarity: 1 },
      { a: 5, b: 7, similarity: 1 },
      { a: 5, b: 6, similarity: 0.897 },
      { a: 6, b: 7, similarity: 0.897 },
    ]);
    // one inserted word: 22/26 shared bigrams, just under 0.85
    expect(findNearMatches(entries, 0.8).filter((p) => p.b === 3).map((p) => p.a)).toEqual([0, 2]);
  });

  it('agrees with the all-pairs count and stays fast on 20,000 titles', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    const words = '研究方法系统分析基于深度学习模型网络材料结构性能设计应用机制调控传感器件医学影像数据算法优化'.split('');
    const title = (): string => Array.from({ length: 10 + Math.floor(rnd() * 15) }, () => words[Math.floor(rnd() * words.length)]).join('');
    const small = Array.from({ length: 300 }, (_, i) => ({ text: i % 10 === 0 ? '' : title(), key: String(i) }));
    for (let i = 1; i < 300; i += 7) small[i] = { text: `${small[i - 1]!.text}究`, key: `${i}x` };
    const fast = findNearMatches(small, 0.6);
    const slow: [number, number][] = [];
    const bi = (s: string): Set<string> => new Set(s.length < 2 ? (s ? [s] : []) : Array.from({ length: s.length - 1 }, (_, i) => s.slice(i, i + 2)));
    for (let i = 0; i < small.length; i++) {
      for (let j = i + 1; j < small.length; j++) {
        const a = bi(small[i]!.text), b = bi(small[j]!.text);
        if (!a.size || !b.size) continue;
        const common = [...a].filter((g) => b.has(g)).length;
        if ((2 * common) / (a.size + b.size) >= 0.6) slow.push([i, j]);
      }
    }
    expect(fast.map((p) => [p.a, p.b]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!)).toEqual(slow);
    expect(slow.length).toBeGreaterThan(10);

    // Real titles draw on thousands of characters, not 40.
    const wide = (): string => Array.from({ length: 12 + Math.floor(rnd() * 20) }, () => String.fromCharCode(0x4e00 + Math.floor(rnd() * 3000))).join('');
    const big = Array.from({ length: 20_000 }, (_, i) => ({ text: wide(), key: String(i) }));
    for (let i = 1; i < big.length; i += 100) big[i] = { text: `${big[i - 1]!.text}。`, key: `${i}x` };
    const t0 = Date.now();
    const found = findNearMatches(big);
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(found.length).toBeGreaterThanOrEqual(200);
  });

  it('agrees with the all-pairs count on templated titles, by single bigrams and by pairs, at any threshold', () => {
    // Titles as the e2e and bench generators make them: every bigram, even a title's rarest, in many others.
    const disciplines = ['化学', '物理学', '生物学', '数学', '计算机科学', '材料科学', '医学', '地球科学'];
    const entries = [
      ...Array.from({ length: 500 }, (_, i) => ({ text: `第 ${i} 篇：${disciplines[i % 8]}方向的研究进展 ${(i * 7919) % 10007}`, key: String(i) })),
      ...Array.from({ length: 250 }, (_, i) => ({ text: `面向${disciplines[i % 8]}的第${i + 1}项研究：多尺度方法与可重复的实验验证`, key: i % 25 === 0 ? '0' : `b${i}` })),
      ...['', 'a', 'ab', '化学', '化学方向', 'x'].map((text, i) => ({ text, key: `s${i}` })),
    ];
    const bi = (s: string): Set<string> => {
      const n = s.normalize('NFKC').toLowerCase().replace(/[\p{P}\p{S}\p{Z}\s]+/gu, '');
      return new Set(n.length < 2 ? (n ? [n] : []) : Array.from({ length: n.length - 1 }, (_, i) => n.slice(i, i + 2)));
    };
    const sets = entries.map((e) => [...bi(e.text)]);
    const lookup = sets.map((s) => new Set(s));
    const dice: [number, number, number][] = [];
    for (let i = 0; i < entries.length; i++) {
      for (let j = i + 1; j < entries.length; j++) {
        const a = sets[i]!, b = lookup[j]!;
        if (!a.length || !b.size || entries[i]!.key === entries[j]!.key) continue;
        let common = 0;
        for (const g of a) if (b.has(g)) common++;
        if ((2 * common) / (a.length + b.size) >= 0.3 - 1e-12) dice.push([i, j, (2 * common) / (a.length + b.size)]);
      }
    }
    for (const t of [0.85, 0.6, 0.3]) {
      const slow = dice.filter((d) => d[2] >= t - 1e-12).map(([i, j]): [number, number] => [i, j]);
      for (const index of ['bigrams', 'pairs', 'auto'] as const) {
        const r = nearMatchSearch(entries, { threshold: t, maxPairs: 1e9, index, numbers: 'ignore' });
        expect(r.truncated).toBe(false);
        expect(r.pairs.map((p) => [p.a, p.b]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!), `t=${t} ${index}`).toEqual(slow);
        // Only pairs with an entry at or after `from`, as a preview asks.
        const late = nearMatchSearch(entries, { threshold: t, maxPairs: 1e9, index, from: 450, numbers: 'ignore' });
        expect(late.pairs.map((p) => [p.a, p.b]).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!)).toEqual(slow.filter(([, b]) => b >= 450));
      }
      expect(slow.length).toBeGreaterThan(t === 0.85 ? 20 : 1000);
    }
  });

  it('says when maxPairs cut the search', () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ text: `关于某种材料的研究第${i}号`, key: String(i) }));
    const all = nearMatchSearch(entries, { maxPairs: 1e9, numbers: 'ignore' });
    expect(all.truncated).toBe(false);
    const cut = nearMatchSearch(entries, { maxPairs: 10, numbers: 'ignore' });
    expect(cut.truncated).toBe(true);
    expect(cut.pairs).toHaveLength(10);
    expect(all.pairs.length).toBeGreaterThan(10);
  });

  it('stops at maxPairs when a file is full of templated titles', () => {
    const templated = Array.from({ length: 20_000 }, (_, i) => ({ text: `论文标题第${i}号：关于某种材料的研究${i % 97}`, key: String(i) }));
    const t0 = Date.now();
    const pairs = findNearMatches(templated, { threshold: 0.85, maxPairs: 1000 });
    expect(pairs).toHaveLength(1000);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});

describe('issue severity follows the row', () => {
  it('a paper without a title but with a DOI is imported, so its missing title is a warning', () => {
    const rows = [['论文题目', 'DOI', '发表年份'], ['', '10.1000/abc', 2025], ['', '', 2024]];
    const r = mapRows({ kind: 'papers', rows, headerRow: 0, mapping: ['title', 'doi', 'year'], sheet: 'S' });
    expect(r.items.map((i) => i.key)).toEqual(['doi:10.1000/abc']);
    const title = r.issues.filter((i) => i.field === 'title' && i.code === 'REQUIRED_MISSING');
    expect(title.map((i) => [i.row, i.severity])).toEqual([[2, 'warning'], [3, 'error']]);
  });
});
