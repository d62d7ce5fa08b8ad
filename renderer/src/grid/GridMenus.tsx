// The grid's menus: a context menu (cells: copy, paste, clear, sort, filter by this value; headers: sort, filter, hide)
// and the header's AutoFilter panel (values list with checkboxes and search; a range for number columns). Both are
// keyboard-driven: arrows move, Enter chooses, Escape closes and gives the focus back to the grid.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement, RefObject } from 'react';
import type { ColumnFilterValue, DistinctValue } from './filters.ts';
import { filterFromChoice, searchValues } from './filters.ts';
import type { GridMenuLabels } from './labels.ts';

export interface MenuItem {
  readonly id: string;
  readonly label: string;
  readonly disabled?: boolean;
  readonly run: () => void;
}

/** Closes on a press outside the element. */
function useOutsidePress(ref: RefObject<HTMLElement | null>, onClose: () => void) {
  useEffect(() => {
    const down = (e: MouseEvent) => {
      if (ref.current && !ref.current.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', down, true);
    return () => document.removeEventListener('mousedown', down, true);
  }, [ref, onClose]);
}

/** Keeps a popup inside the window: read once it is laid out (an event's aftermath, not a grid render). */
function useKeepInView(ref: RefObject<HTMLElement | null>, x: number, y: number) {
  const [pos, setPos] = useState({ left: x, top: y });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    const left = Math.max(4, Math.min(x, window.innerWidth - r.width - 4));
    const top = y + r.height > window.innerHeight - 4 ? Math.max(4, window.innerHeight - r.height - 4) : y;
    if (left !== pos.left || top !== pos.top) setPos({ left, top });
  }, [ref, x, y, pos.left, pos.top]);
  return pos;
}

export function ContextMenu(props: { readonly items: readonly MenuItem[]; readonly x: number; readonly y: number; readonly label: string; readonly onClose: () => void }): ReactElement {
  const { items, x, y, label, onClose } = props;
  const ref = useRef<HTMLDivElement>(null);
  useOutsidePress(ref, onClose);
  const pos = useKeepInView(ref, x, y);
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])')?.focus();
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const buttons = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
    const go = (j: number) => buttons[(j + buttons.length) % buttons.length]?.focus();
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(buttons.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div ref={ref} role="menu" aria-label={label} className="pd-grid__menu" style={{ left: pos.left, top: pos.top }} onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}>
      {items.map((it) => (
        <button key={it.id} type="button" role="menuitem" tabIndex={-1} disabled={it.disabled} data-menu-item={it.id} className="pd-grid__menu-item"
          onClick={() => { onClose(); it.run(); }}>
          {it.label}
        </button>
      ))}
    </div>
  );
}

const LIST_CAP = 500;

export interface FilterPanelProps {
  readonly header: string;
  readonly numeric: boolean;
  readonly values: readonly DistinctValue[];
  readonly current: ColumnFilterValue | null;
  readonly labels: GridMenuLabels;
  readonly x: number;
  readonly y: number;
  readonly canSort: boolean;
  readonly canHide: boolean;
  readonly onSort: (desc: boolean | null) => void;
  readonly onHide: () => void;
  readonly onApply: (filter: ColumnFilterValue | null) => void;
  readonly onClose: () => void;
}

const numberOrUndefined = (s: string): number | undefined => {
  const t = s.normalize('NFKC').replace(/[,\s]/g, '');
  if (t === '') return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
};

export function FilterPanel(props: FilterPanelProps): ReactElement {
  const { header, numeric, values, current, labels: L, x, y, canSort, canHide, onSort, onHide, onApply, onClose } = props;
  const ref = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  useOutsidePress(ref, onClose);
  const pos = useKeepInView(ref, x, y);
  const all = useMemo(() => values.map((v) => v.text), [values]);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(() => new Set(current?.values ?? all));
  const [query, setQuery] = useState('');
  const [min, setMin] = useState(current?.min !== undefined ? String(current.min) : '');
  const [max, setMax] = useState(current?.max !== undefined ? String(current.max) : '');
  useEffect(() => searchRef.current?.focus(), []);
  const shown = useMemo(() => searchValues(values, query), [values, query]);
  const listed = shown.slice(0, LIST_CAP);
  const shownAllTicked = shown.length > 0 && shown.every((v) => ticked.has(v.text));
  const title = L.filterOf.replace('{column}', header);

  const toggle = (text: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(text);
    else next.delete(text);
    setTicked(next);
  };
  const toggleShown = (on: boolean) => {
    const next = new Set(ticked);
    for (const v of shown) {
      if (on) next.add(v.text);
      else next.delete(v.text);
    }
    setTicked(next);
  };
  const apply = () => {
    // With a search typed, OK keeps only the matching values ticked (Excel).
    const chosen = query.trim() ? new Set(shown.filter((v) => ticked.has(v.text)).map((v) => v.text)) : ticked;
    onApply(filterFromChoice(all, chosen, numberOrUndefined(min), numberOrUndefined(max)));
    onClose();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    } else if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT' && (e.target as HTMLInputElement).type !== 'checkbox') {
      e.preventDefault();
      apply();
    }
  };

  return (
    <div ref={ref} role="dialog" aria-label={title} className="pd-grid__filter-panel" style={{ left: pos.left, top: pos.top }} onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}>
      {canSort || canHide ? (
        <div className="pd-grid__filter-actions">
          {canSort ? <button type="button" onClick={() => { onSort(false); onClose(); }}>{L.sortAscending}</button> : null}
          {canSort ? <button type="button" onClick={() => { onSort(true); onClose(); }}>{L.sortDescending}</button> : null}
          {canHide ? <button type="button" onClick={() => { onHide(); onClose(); }}>{L.hideColumn}</button> : null}
        </div>
      ) : null}
      {numeric ? (
        <fieldset className="pd-grid__filter-range">
          <legend>{L.range}</legend>
          <label>{L.min} <input type="text" inputMode="decimal" value={min} onChange={(e) => setMin(e.currentTarget.value)} aria-label={`${L.range} ${L.min}`} /></label>
          <label>{L.max} <input type="text" inputMode="decimal" value={max} onChange={(e) => setMax(e.currentTarget.value)} aria-label={`${L.range} ${L.max}`} /></label>
        </fieldset>
      ) : null}
      <input ref={searchRef} type="search" className="pd-grid__filter-search" placeholder={L.search} aria-label={L.search} value={query}
        onChange={(e) => setQuery(e.currentTarget.value)} />
      <div className="pd-grid__filter-list" role="group" aria-label={title}>
        <label className="pd-grid__filter-value pd-grid__filter-value--all">
          <input type="checkbox" checked={shownAllTicked} onChange={(e) => toggleShown(e.currentTarget.checked)} />
          <span>{L.selectAll}</span>
        </label>
        {listed.map((v) => (
          <label key={v.text} className="pd-grid__filter-value">
            <input type="checkbox" checked={ticked.has(v.text)} onChange={(e) => toggle(v.text, e.currentTarget.checked)} />
            <span className="pd-grid__filter-text">{v.text === '' ? L.blank : v.text}</span>
            <span className="pd-grid__filter-count">{v.count}</span>
          </label>
        ))}
        {shown.length > LIST_CAP ? <p className="pd-grid__filter-more">{L.more.replace('{n}', String(shown.length - LIST_CAP))}</p> : null}
      </div>
      <div className="pd-grid__filter-buttons">
        <button type="button" onClick={() => { onApply(null); onClose(); }} disabled={current === null}>{L.clearFilter}</button>
        <span />
        <button type="button" onClick={onClose}>{L.cancel}</button>
        <button type="button" className="pd-grid__filter-ok" onClick={apply}>{L.ok}</button>
      </div>
    </div>
  );
}
