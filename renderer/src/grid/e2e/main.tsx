// A fixture page for the grid's end-to-end test (test/e2e/grid.spec.ts), served by Vite from this folder.
// Not part of the app. Query: ?rows=N&delay=MS&lang=en&experts=N&frozen=N
import { StrictMode, useCallback, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { Grid } from '../Grid.tsx';
import type { EditOutcome } from '../Grid.tsx';
import type { GridColumn } from '../columns.ts';
import type { CellEdit } from '../types.ts';
import { gridLabelsEn, gridLabelsZh } from '../labels.ts';

interface Item {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly discipline: string;
  readonly scores: readonly (number | null)[];
  readonly grade: string | null;
  readonly note: string;
}

declare global {
  interface Window {
    __edits?: CellEdit[][];
    __ready?: number;
  }
}

const params = new URLSearchParams(location.search);
// The language of the moment, as an app's i18n holds it: the caller's refusals are functions that read it when shown.
let language: 'zh' | 'en' = params.get('lang') === 'en' ? 'en' : 'zh';
const words = (zh: string, en: string) => () => (language === 'en' ? en : zh);
const N = Number(params.get('rows') ?? 2000);
const delay = Number(params.get('delay') ?? 100);
const disciplines = ['数学', '物理学', '化学', '生物学', '计算机科学与技术', '材料科学', '临床医学'];
const titles = ['基于深度学习的蛋白质结构预测方法研究', '高温超导材料中的电子配对机制', '面向碳中和的新型催化剂设计', 'Quantum error correction with surface codes'];
const criteria = ['学术价值', '社会影响力', '科技工作者关注度', '服务经济社会发展', '创新性', '学术影响', '社会关注与传播', '可行性', '前沿性', '交叉性'];

function makeRows(): Item[] {
  return Array.from({ length: N }, (_, i) => ({
    id: `n${i}`,
    key: `2026-${String(i + 1).padStart(5, '0')}`,
    title: `${titles[i % titles.length] ?? ''}（${i + 1}）`,
    discipline: disciplines[i % disciplines.length] ?? '',
    // Rows 0-29 have no scores yet in the first three criteria.
    scores: criteria.map((_, k) => (i < 30 && k < 3 ? null : (i * 7 + k * 3) % 26)),
    grade: i % 3 === 0 ? 'A' : i % 3 === 1 ? 'B' : null,
    // Every 11th item is a conflict of interest: its scores are read-only.
    note: i % 11 === 0 ? '作者与评审专家同单位，需回避' : '',
  }));
}

const columns: GridColumn<Item>[] = [
  { id: 'key', header: '编号', accessor: (r) => r.key, width: 110 },
  { id: 'title', header: '论文题目', accessor: (r) => r.title, width: 280 },
  { id: 'discipline', header: '学科', accessor: (r) => r.discipline, width: 120 },
  ...criteria.map(
    (name, k): GridColumn<Item> => ({
      id: `s${k}`,
      header: name,
      type: 'number',
      min: 0,
      max: 25,
      step: 1,
      width: 96,
      editable: (r) => !r.note,
      description: `${name}（0–25）`,
      accessor: (r) => r.scores[k],
      validate: (v) => (v === 13 ? words('示例：13 分不允许', 'Example: 13 is not allowed') : null),
    }),
  ),
  {
    id: 'grade',
    header: '推荐等级',
    type: 'select',
    options: [
      { value: 'A', label: '优秀' },
      { value: 'B', label: '良好' },
      { value: 'C', label: '一般' },
    ],
    accessor: (r) => r.grade,
    editable: true,
    width: 100,
  },
  { id: 'note', header: '备注', accessor: (r) => r.note, width: 220, editable: true },
];

// ?experts=N adds N read-only columns, one per expert, like the panel matrix.
const experts = Number(params.get('experts') ?? 0);
const allColumns: GridColumn<Item>[] = [
  ...columns,
  ...Array.from(
    { length: experts },
    (_, k): GridColumn<Item> => ({ id: `e${k}`, header: `专家${k + 1}`, width: 72, type: 'number', accessor: (r) => ((r.scores[k % 10] ?? 0) + k) % 26 }),
  ),
];

function apply(rows: Item[], edits: readonly CellEdit[]): Item[] {
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const next = rows.slice();
  for (const e of edits) {
    const i = index.get(e.rowId);
    const r = i === undefined ? undefined : next[i];
    if (i === undefined || !r) continue;
    if (e.columnId === 'grade') next[i] = { ...r, grade: e.value as string | null };
    else if (e.columnId === 'note') next[i] = { ...r, note: String(e.value ?? '') };
    else {
      const scores = r.scores.slice();
      scores[Number(e.columnId.slice(1))] = e.value as number | null;
      next[i] = { ...r, scores };
    }
  }
  return next;
}

function App() {
  const [rows, setRows] = useState(makeRows);
  const [active, setActive] = useState<string | null>(null);
  const [lang, setLang] = useState(language);
  const onEdit = useCallback((edits: CellEdit[]): Promise<EditOutcome> => {
    window.__edits = [...(window.__edits ?? []), edits];
    return new Promise((resolve) =>
      setTimeout(() => {
        // The "store" refuses notes reading REFUSE.
        const refused = edits.filter((e) => e.value === 'REFUSE').map((e) => ({ rowId: e.rowId, columnId: e.columnId, message: words('服务器拒绝', 'Refused by the server') }));
        setRows((prev) => apply(prev, edits.filter((e) => e.value !== 'REFUSE')));
        resolve({ refused });
      }, delay),
    );
  }, []);
  return (
    <>
      <div id="active">{active ?? '-'}</div>
      <Grid
        rows={rows}
        columns={allColumns}
        getRowId={(r) => r.id}
        onEdit={onEdit}
        onActiveRowChange={(id) => setActive(id)}
        labels={lang === 'en' ? gridLabelsEn : gridLabelsZh}
        ariaLabel="评分表"
        height={600}
        frozenColumns={Number(params.get('frozen') ?? 0)}
      />
      <button id="after" type="button">
        after
      </button>
      <button
        id="lang"
        type="button"
        onClick={() => {
          language = language === 'en' ? 'zh' : 'en';
          setLang(language);
        }}
      >
        中文/English
      </button>
    </>
  );
}

const t0 = performance.now();
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  requestAnimationFrame(() =>
    setTimeout(() => {
      window.__ready = performance.now() - t0;
    }, 0),
  );
}
