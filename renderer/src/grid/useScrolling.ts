// Scrolling and virtual rows (TanStack Virtual): only the rows in view are rendered, the active row always (so the
// focused input never unmounts), and a move of the active cell scrolls it into view — from what is known without
// measuring, as reading the page's layout inside React's commit would force it for the whole grid.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { RefObject, UIEvent } from 'react';
import type { Column, Row, RowData } from '@tanstack/react-table';
import { defaultRangeExtractor, elementScroll, observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import type { Range as VirtualRange, Virtualizer } from '@tanstack/react-virtual';
import { COLUMN_SCROLL_STEP_PX, fitWidths } from './layout.ts';
import type { ColumnFrame } from './layout.ts';
import type { Features } from './useGridModel.ts';

/**
 * The scroll box's size from a ResizeObserver only. TanStack Virtual's own observer also reads the size at once
 * when the grid mounts, which forces a layout of the whole page inside React's commit (60 ms under the import
 * wizard); the observer reports it after the browser's own layout instead, and `initialRect` covers the first render.
 */
function observeBoxSize(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  const element = instance.scrollElement;
  const win = instance.targetWindow;
  if (!element || !win?.ResizeObserver) return observeElementRect(instance, cb);
  const observer = new win.ResizeObserver((entries) => {
    const box = entries[entries.length - 1]?.contentRect;
    if (box) cb({ width: Math.round(box.width), height: Math.round(box.height) });
  });
  observer.observe(element);
  return () => observer.disconnect();
}

/** Scroll boxes the virtualizer has scrolled (or been told are where they should be). */
const scrolledBoxes = new WeakSet<Element>();

/**
 * TanStack Virtual's scrolling, but for its first call on a new box to where the box already is (the top): that
 * scrollTo would also force a layout of the whole page inside React's commit.
 */
const scrollBox: typeof elementScroll = (offset, options, instance) => {
  const element = instance.scrollElement;
  if (element && !scrolledBoxes.has(element)) {
    scrolledBoxes.add(element);
    if (offset + (options.adjustments ?? 0) === 0) return;
  }
  elementScroll(offset, options, instance);
};

interface ScrollingInput<TRow extends RowData> {
  readonly viewRows: readonly Row<Features, TRow>[];
  readonly leafColumns: readonly Column<Features, TRow>[];
  readonly rowCount: number;
  readonly activeRow: number;
  readonly activeCol: number;
  readonly height: number | string;
  readonly rowHeight: number;
  /** The grid's minVisibleColumns: widths are narrowed as the layout does (layout.ts, fitFactor). */
  readonly minVisible: number;
  readonly scale: number;
  readonly frame: ColumnFrame;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly inputRef: RefObject<HTMLInputElement | null>;
  readonly hasFocusRef: RefObject<boolean>;
}

export function useScrolling<TRow extends RowData>(input: ScrollingInput<TRow>) {
  const { viewRows, leafColumns, rowCount, activeRow, activeCol, height, rowHeight, frame, minVisible, scale, scrollRef, inputRef, hasFocusRef } = input;
  const [scrollLeft, setScrollLeft] = useState(0);
  const scrollLeftRef = useRef(0);
  /** The active cell the view was last scrolled for (a row followed after a sort is taken as scrolled for). */
  const scrolledForRef = useRef({ row: 0, col: 0 });

  const rangeExtractor = useCallback(
    (range: VirtualRange) => {
      const indexes = defaultRangeExtractor(range);
      if (activeRow < range.count && !indexes.includes(activeRow)) {
        indexes.push(activeRow);
        indexes.sort((a, b) => a - b);
      }
      return indexes;
    },
    [activeRow],
  );

  // A new key function would make the virtualizer re-measure every row: keep it stable per row model.
  const getItemKey = useCallback((i: number) => viewRows[i]?.id ?? i, [viewRows]);
  const estimateSize = useCallback(() => rowHeight, [rowHeight]);
  const getScrollElement = useCallback(() => scrollRef.current, [scrollRef]);

  // The virtualizer's functions are not memoisable; React Compiler skips this hook, which is intended.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: viewRows.length,
    getScrollElement,
    estimateSize,
    overscan: 8,
    scrollMargin: frame.headerHeight,
    scrollPaddingStart: frame.headerHeight,
    rangeExtractor,
    getItemKey,
    // Until the box is measured: its given height, so a short grid does not first render a tall one's rows.
    initialRect: { width: 1280, height: typeof height === 'number' ? height : 800 },
    observeElementRect: observeBoxSize,
    scrollToFn: scrollBox,
  });

  // Keep the active cell in view and focused. Only a move of the active cell scrolls: new rows under an unmoved
  // cell must not, as scrolling measures the page (a forced layout of the whole grid).
  const { frozenCount, gutter } = frame;
  useLayoutEffect(() => {
    if (rowCount === 0) return;
    // The active cell's input is new when its row moved (a sort, a filter): give it the focus the grid had.
    if (hasFocusRef.current && document.activeElement !== inputRef.current) inputRef.current?.focus({ preventScroll: true });
    const last = scrolledForRef.current;
    if (last.row === activeRow && last.col === activeCol) return;
    scrolledForRef.current = { row: activeRow, col: activeCol };
    // From what is known without measuring (rows have one height; the box's size and offsets come from the
    // observers and scroll events): reading the page's layout here would force it for the whole grid.
    const box = scrollRef.current;
    const viewHeight = virtualizer.scrollRect?.height ?? (typeof height === 'number' ? height : 600);
    const viewWidth = (virtualizer.scrollRect?.width ?? 1280) - gutter;
    const top = activeRow * rowHeight;
    const offset = virtualizer.scrollOffset ?? 0;
    let toTop: number | null = null;
    if (top < offset) toTop = top;
    else if (top + rowHeight + frame.headerHeight > offset + viewHeight) toTop = top + rowHeight + frame.headerHeight - viewHeight;
    const col = leafColumns[activeCol];
    const frozen = frozenCount;
    let toLeft: number | null = null;
    if (col && activeCol >= frozen) {
      // Frozen columns cover the left of the view: a column scrolls out from under them.
      const widths = fitWidths(leafColumns.map((c) => c.getSize()), minVisible, virtualizer.scrollRect?.width ?? 0, gutter, scale);
      const sum = (to: number) => widths.slice(0, to).reduce((a, b) => a + b, 0);
      const frozenWidth = sum(frozen);
      const left = sum(activeCol);
      const right = left + (widths[activeCol] ?? 0);
      const viewLeft = scrollLeftRef.current + frozenWidth;
      if (left < viewLeft) toLeft = left - frozenWidth;
      else if (right > scrollLeftRef.current + viewWidth) toLeft = right - viewWidth;
    }
    if (box && (toTop !== null || toLeft !== null)) box.scrollTo({ ...(toTop !== null ? { top: toTop } : {}), ...(toLeft !== null ? { left: Math.max(0, toLeft) } : {}) });
    // Only a move of the active cell scrolls; column changes must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [activeRow, activeCol, rowCount]);

  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const x = e.currentTarget.scrollLeft;
    scrollLeftRef.current = x;
    if (frame.virtualCols && (Math.abs(x - scrollLeft) >= COLUMN_SCROLL_STEP_PX || x === 0)) setScrollLeft(x);
  };

  return { virtualizer, scrollLeft, onScroll, scrolledForRef, viewportWidth: virtualizer.scrollRect?.width ?? 1280 };
}
