import { useCallback, useSyncExternalStore } from 'react';

/** Text size for senior experts: scales the root font size; every size in the CSS is in rem. Remembered. */
export const FONT_SCALES = [0.875, 1, 1.125, 1.25, 1.375, 1.5, 1.75] as const;
const KEY = 'paneldesk.fontScale';
const listeners = new Set<() => void>();

function read(): number {
  try {
    const v = Number(globalThis.localStorage?.getItem(KEY));
    return (FONT_SCALES as readonly number[]).includes(v) ? v : 1;
  } catch {
    return 1;
  }
}

let scale = read();

export function applyFontScale(): void {
  document.documentElement.style.fontSize = `${scale * 100}%`;
}

function setScale(next: number): void {
  scale = next;
  try {
    globalThis.localStorage?.setItem(KEY, String(next));
  } catch {
    // no storage: holds for this session
  }
  applyFontScale();
  for (const l of listeners) l();
}

export function stepFontScale(dir: -1 | 0 | 1): void {
  if (dir === 0) return setScale(1);
  const i = FONT_SCALES.indexOf(scale as (typeof FONT_SCALES)[number]);
  const j = Math.min(FONT_SCALES.length - 1, Math.max(0, (i < 0 ? 1 : i) + dir));
  setScale(FONT_SCALES[j]!);
}

export function useFontScale(): { scale: number; step: (dir: -1 | 0 | 1) => void; canGrow: boolean; canShrink: boolean } {
  const value = useSyncExternalStore((l) => {
    listeners.add(l);
    return () => { listeners.delete(l); };
  }, () => scale, () => scale);
  const step = useCallback((dir: -1 | 0 | 1) => stepFontScale(dir), []);
  return { scale: value, step, canGrow: value < FONT_SCALES[FONT_SCALES.length - 1]!, canShrink: value > FONT_SCALES[0] };
}

/**
 * A remembered on/off choice of the layout (the sidebar collapsed, the details panel hidden): kept in local storage,
 * shared by every component that reads the same key.
 */
const flagListeners = new Map<string, Set<() => void>>();
const memo = new Map<string, boolean>();

function readFlag(key: string, fallback: boolean): boolean {
  try {
    const v = globalThis.localStorage?.getItem(key);
    return v === 'true' ? true : v === 'false' ? false : fallback;
  } catch {
    return fallback;
  }
}

export function setFlag(key: string, value: boolean): void {
  try {
    globalThis.localStorage?.setItem(key, String(value));
  } catch {
    // no storage: holds for this session
  }
  memo.set(key, value);
  for (const l of flagListeners.get(key) ?? []) l();
}

export function useFlag(key: string, fallback: boolean): [boolean, (value: boolean) => void] {
  const value = useSyncExternalStore(
    (l) => {
      let set = flagListeners.get(key);
      if (!set) flagListeners.set(key, (set = new Set()));
      set.add(l);
      return () => { set.delete(l); };
    },
    () => {
      if (!memo.has(key)) memo.set(key, readFlag(key, fallback));
      return memo.get(key)!;
    },
    () => fallback,
  );
  const set = useCallback((v: boolean) => setFlag(key, v), [key]);
  return [value, set];
}

/** The layout's remembered choices. */
export const PREF_KEYS = {
  navCollapsed: 'paneldesk.layout.navCollapsed',
  detailHidden: 'paneldesk.layout.detailHidden',
} as const;
