// The component rendered to HTML (node environment, no DOM): only the rows in view are rendered, however many
// rows there are, and the markup carries the grid's ARIA.
import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { Grid } from './Grid.tsx';
import type { GridColumn } from './columns.ts';
import { GridRow } from './GridRow.tsx';
import type { GridRowProps } from './GridRow.tsx';
import { cellKey } from './GridRow.tsx';
import { describeRefusal, gridLabelsEn, gridLabelsZh, wordRefusals } from './labels.ts';
import type { GridLabels, GridWords } from './labels.ts';

interface Item {
  id: string;
  title: string;
  scores: (number | null)[];
}

function makeRows(n: number): Item[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `n${i}`,
    title: `基于深度学习的蛋白质结构预测方法研究（${i + 1}）`,
    scores: Array.from({ length: 14 }, (_, k) => (i + k) % 26),
  }));
}

const columns: GridColumn<Item>[] = [
  { id: 'title', header: '论文题目', accessor: (r) => r.title, width: 280 },
  ...Array.from({ length: 14 }, (_, k): GridColumn<Item> => ({
    id: `s${k}`,
    header: `评分${k + 1}`,
    type: 'number',
    min: 0,
    max: 25,
    editable: true,
    accessor: (r) => r.scores[k],
  })),
];

const count = (html: string, needle: string) => html.split(needle).length - 1;

describe('Grid (server render)', () => {
  it('renders only the visible rows of 20,000 × 15', () => {
    const rows = makeRows(20_000);
    const t0 = performance.now();
    const html = renderToString(<Grid rows={rows} columns={columns} getRowId={(r) => r.id} labels={gridLabelsZh} ariaLabel="评分表" height={600} />);
    const ms = performance.now() - t0;
    const bodyRows = count(html, 'role="row"') - 1;
    console.info(`20,000 × 15: ${bodyRows} rows, ${count(html, 'role="gridcell"')} cells rendered in ${ms.toFixed(0)} ms`);
    expect(bodyRows).toBeGreaterThan(10);
    expect(bodyRows).toBeLessThanOrEqual(40);
    expect(count(html, 'role="gridcell"')).toBe(bodyRows * 15);
    expect(html).toContain('aria-rowcount="20001"');
    expect(html).toContain('aria-colcount="16"');
    expect(ms).toBeLessThan(3000);
  });

  it('marks up ARIA, the active cell and its input, numbers and read-only cells', () => {
    const rows = makeRows(3);
    const html = renderToString(<Grid rows={rows} columns={columns} getRowId={(r) => r.id} rowNumbers={false} onEdit={() => undefined} />);
    expect(html).toContain('role="grid"');
    expect(html).toContain('aria-multiselectable="true"');
    expect(html).toContain('role="columnheader"');
    expect(html).toContain('aria-colindex="1"');
    expect(count(html, 'aria-selected="true"')).toBe(1);
    expect(count(html, 'pd-grid__cell--active')).toBe(1);
    expect(count(html, '<input')).toBe(1);
    expect(html).toContain('pd-grid__cell--num');
    expect(count(html, 'aria-readonly="true"')).toBe(3);
    expect(html).toContain('论文题目');
  });

  it('renders only the columns in view when there are many (panel matrix)', () => {
    const wide: GridColumn<Item>[] = Array.from({ length: 200 }, (_, k): GridColumn<Item> => ({
      id: `e${k}`,
      header: `专家${k + 1}`,
      type: 'number',
      width: 80,
      accessor: (r) => r.scores[k % 14],
    }));
    const html = renderToString(<Grid rows={makeRows(1000)} columns={wide} getRowId={(r) => r.id} />);
    const bodyRows = count(html, 'role="row"') - 1;
    const cellsPerRow = count(html, 'role="gridcell"') / bodyRows;
    expect(cellsPerRow).toBeGreaterThan(10);
    expect(cellsPerRow).toBeLessThan(40);
    expect(html).toContain('aria-colcount="201"');
  });

  it('is read-only without onEdit', () => {
    const html = renderToString(<Grid rows={makeRows(3)} columns={columns} getRowId={(r) => r.id} />);
    expect(count(html, 'aria-readonly="true"')).toBe(45);
  });

  it('serves a second grid from data and column definitions alone: a score sheet with a computed total (README)', () => {
    interface Rubric { readonly id: string; readonly name: string; readonly max: number }
    interface Sheet { readonly id: string; readonly title: string; readonly conflicted: boolean; readonly scores: Readonly<Record<string, number | null>> }
    const rubric: Rubric[] = [{ id: 'c1', name: '学术价值', max: 40 }, { id: 'c2', name: '创新性', max: 30 }, { id: 'c3', name: '社会影响', max: 30 }];
    const total = (r: Sheet) => rubric.reduce((sum, c) => sum + (r.scores[c.id] ?? 0), 0);
    const scoreColumns: GridColumn<Sheet>[] = [
      { id: 'title', header: '论文题目', accessor: (r) => r.title, width: 280 },
      ...rubric.map((c): GridColumn<Sheet> => ({
        id: c.id, header: c.name, type: 'number', min: 0, max: c.max, step: 0.5, width: 96,
        editable: (r) => !r.conflicted, accessor: (r) => r.scores[c.id] ?? null,
      })),
      { id: 'total', header: '总分', type: 'number', accessor: total, format: (v) => Number(v).toFixed(1), width: 80 },
    ];
    const sheets: Sheet[] = [
      { id: 'n1', title: '论文甲', conflicted: false, scores: { c1: 35, c2: 22.5, c3: null } },
      { id: 'n2', title: '论文乙', conflicted: true, scores: { c1: 10, c2: 10, c3: 10 } },
    ];
    const html = renderToString(<Grid rows={sheets} columns={scoreColumns} getRowId={(r) => r.id} onEdit={() => undefined} frozenColumns={1} labels={gridLabelsZh} ariaLabel="评分表" />);
    expect(html).toContain('aria-label="评分表"');
    expect(html).toContain('aria-colcount="6"');
    expect(html).toContain('>57.5<');
    expect(html).toContain('>30.0<');
    // Read-only: both titles and totals, and the conflicted row's three criteria.
    expect(count(html, 'aria-readonly="true"')).toBe(2 + 2 + 3);
    expect(count(html, 'pd-grid__cell--frozen')).toBeGreaterThanOrEqual(2);
  });

  it('shows the empty message with no rows', () => {
    const html = renderToString(<Grid rows={[]} columns={columns} getRowId={(r) => r.id} labels={gridLabelsZh} />);
    expect(html).toContain('暂无数据');
    expect(html).toContain('aria-rowcount="1"');
  });

  it('filters like AutoFilter on the text shown, with a filter button on every header (both languages)', () => {
    const rows = makeRows(30);
    const status: GridColumn<Item> = { id: 'status', header: '审查结论', accessor: (r) => (Number(r.id.slice(1)) % 3 === 0 ? 'eligible' : 'attention'), format: (v) => (v === 'eligible' ? '符合' : '需关注') };
    const html = renderToString(
      <Grid rows={rows} columns={[status, ...columns]} getRowId={(r) => r.id} labels={gridLabelsZh} height={2000} columnFilters={[{ id: 'status', value: { values: ['符合'] } }, { id: 's0', value: { min: 10 } }]} />,
    );
    // Rows 0..29, status 符合 every third (i % 3 === 0), score s0 = i % 26 at least 10: 12, 15, 18, 21, 24.
    expect(html).toContain('aria-rowcount="6"');
    expect(html).not.toContain('需关注');
    expect(count(html, 'aria-label="筛选“审查结论” (已筛选)"')).toBe(1);
    expect(html).toContain('aria-label="筛选“论文题目”"');
    const en = renderToString(<Grid rows={rows} columns={columns} getRowId={(r) => r.id} />);
    expect(en).toContain('aria-label="Filter “论文题目”"');
    const none = renderToString(<Grid rows={rows} columns={columns} getRowId={(r) => r.id} columnMenus={false} />);
    expect(none).not.toContain('pd-grid__filter');
  });

  it('scales with the text size: taller rows and wider columns at A+', () => {
    const rows = makeRows(5);
    const html = renderToString(<Grid rows={rows} columns={columns} getRowId={(r) => r.id} textScale={1.5} height={600} />);
    expect(html).toContain('height:48px');
    expect(html).toContain('width:420px');
    expect(html).toContain('height:54px');
  });

  it('shows a refusal on its cell in the language of the labels it is worded with', () => {
    const [item] = makeRows(1);
    let lang: 'zh' | 'en' = 'zh';
    const kept = new Map<string, { message: GridWords; text?: string }>([
      [cellKey('n0', 's0'), { message: (l: GridLabels) => l.refusedValue.replace('{text}', '30').replace('{reason}', describeRefusal({ code: 'out-of-range', min: 0, max: 25 }, l)), text: '30' }],
      [cellKey('n0', 's1'), { message: () => (lang === 'zh' ? '服务器拒绝' : 'Refused by the server') }],
    ]);
    const props = (labels: GridLabels): GridRowProps<Item> => ({
      index: 0, rowId: 'n0', row: item!, top: 0, height: 32, width: 2000, columns, rowNumbers: false, spans: '', multi: false, activeCol: -1, editing: false,
      layout: { widths: columns.map(() => 100), frozen: 0, frozenLeft: [], margins: null, total: 100 * columns.length },
      pending: new Map(), refusals: wordRefusals(kept, labels), pendingLabel: labels.pending, baseId: 'g',
    });
    const zh = renderToString(<GridRow<Item> {...props(gridLabelsZh)} />);
    expect(zh).toContain('title="「30」应在 0 至 25 之间"');
    expect(zh).toContain('title="服务器拒绝"');
    expect(zh).toContain('>30</span>');
    lang = 'en';
    const en = renderToString(<GridRow<Item> {...props(gridLabelsEn)} />);
    expect(en).toContain('title="“30”: Must be between 0 and 25"');
    expect(en).toContain('title="Refused by the server"');
  });
});
