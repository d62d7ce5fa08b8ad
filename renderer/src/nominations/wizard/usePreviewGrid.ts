// The preview's grid: the row, its fate, and one column per mapped column of the sheet, each problem written in its
// cell and shown on it; and what happens to each row (its fate), for the totals and the problem list.
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignView, ImportPreview, PreviewRow } from '../../../../shared/contract/index.ts';
import type { ImportIssue } from '../../../../shared/nominations/map-rows.ts';
import type { GridColumn } from '../../grid/index.ts';
import { cellName, fieldName, formatValue, issueText } from '../format.ts';

export function useFates(preview: ImportPreview | null) {
  const fates = useMemo(() => new Map((preview?.rows ?? []).map((r) => [r.row, r.fate])), [preview]);
  const fateOf = useCallback((row: number) => fates.get(row), [fates]);
  const fateCounts = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of preview?.rows ?? []) m.set(r.fate, (m.get(r.fate) ?? 0) + 1);
    return m;
  }, [preview]);
  return { fateOf, fateCounts };
}

export function usePreviewGrid(preview: ImportPreview, mapping: readonly (string | null)[], kind: CampaignView['kind']) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const mappedColumns = useMemo(() => preview.columns.filter((c) => mapping[c.column]), [preview, mapping]);

  const issuesByCell = useMemo(() => {
    const m = new Map<string, ImportIssue[]>();
    for (const i of preview.issues) {
      const k = `${i.row}:${i.column || '*'}`;
      const l = m.get(k) ?? [];
      l.push(i);
      m.set(k, l);
    }
    return m;
  }, [preview]);

  const lettersWithIssues = useMemo(() => new Set(preview.issues.map((i) => i.column).filter(Boolean)), [preview]);

  const columns = useMemo<GridColumn<PreviewRow>[]>(() => {
    const cols: GridColumn<PreviewRow>[] = [
      { id: 'row', header: t('nominations.wizard.row'), accessor: (r) => r.row, type: 'number', width: 64, resizable: false },
      {
        id: 'fate', header: t('nominations.wizard.fate'), accessor: (r) => r.fate, width: 120,
        format: (v) => t(`nominations.fates.${String(v)}`),
        cellClassName: (v) => `nm-fate nm-fate--${String(v)}`,
      },
    ];
    for (const c of mappedColumns) {
      const field = mapping[c.column]!;
      cols.push({
        id: c.letter,
        header: `${c.letter} · ${fieldName(kind, field, lang)}`,
        description: `${c.letter}: ${c.header} → ${fieldName(kind, field, lang)}`,
        accessor: (r) => (r.cells ? (r.cells[c.letter] ?? '') : formatValue(r.fields[field])),
        // A column with problems is wider, so the words in its cells can be read.
        width: field === 'title' || field === 'name' ? 260 : lettersWithIssues.has(c.letter) ? 240 : field === 'authors' ? 160 : 130,
        // A problem is written in its cell, after the value (the bad value itself was not kept).
        format: (v, r) => {
          const list = issuesByCell.get(`${r.row}:${c.letter}`);
          if (!list || list.length === 0) return String(v ?? '');
          const words = list.map((i) => issueText(i, kind, t, lang)).join('；');
          return v ? `${String(v)} ⚠ ${words}` : `⚠ ${words}`;
        },
      });
    }
    return cols;
  }, [mappedColumns, mapping, kind, lang, t, issuesByCell, lettersWithIssues]);

  const cellError = useCallback((row: PreviewRow, columnId: string): string | null => {
    // Problems of the whole row (no column: a required column missing from the sheet, a repeated row) show on its fate.
    const list = issuesByCell.get(columnId === 'fate' ? `${row.row}:*` : `${row.row}:${columnId}`) ?? [];
    if (list.length === 0) return null;
    return list.map((i) => `${cellName({ row: i.row, column: i.column || '' })} ${issueText(i, kind, t, lang)}`).join('\n');
  }, [issuesByCell, kind, t, lang]);

  return { columns, cellError };
}
