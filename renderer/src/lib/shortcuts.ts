import { useEffect, useRef } from 'react';

/** Keybindings as data: a key test and a perform step. `mod` is Cmd on macOS, Ctrl elsewhere. */
export interface Keys {
  readonly mod?: boolean;
  readonly alt?: boolean;
  readonly shift?: boolean;
  /** KeyboardEvent.code, so the binding holds on every keyboard layout and with Chinese input methods. */
  readonly code: string;
  /** What to print for the key. */
  readonly label: string;
}

export interface Shortcut {
  readonly keys: Keys;
  readonly run: () => void;
  readonly enabled?: boolean;
}

export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/i.test(
  (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ?? navigator.platform ?? '',
);

/** "Ctrl+Alt+1" on Windows and Linux, "⌘⌥1" on macOS. */
export function keyLabel(k: Keys): string {
  if (isMac) return `${k.mod ? '⌘' : ''}${k.alt ? '⌥' : ''}${k.shift ? '⇧' : ''}${k.label}`;
  return [k.mod && 'Ctrl', k.alt && 'Alt', k.shift && 'Shift', k.label].filter(Boolean).join('+');
}

export function matches(k: Keys, e: KeyboardEvent): boolean {
  const mod = isMac ? e.metaKey : e.ctrlKey;
  return e.code === k.code && Boolean(k.mod) === mod && Boolean(k.alt) === e.altKey && Boolean(k.shift) === e.shiftKey;
}

export const KEYS = {
  // With Alt: plain Ctrl+= / Ctrl+- are the Electron menu's whole-window zoom; this is the text size only.
  larger: { mod: true, alt: true, code: 'Equal', label: '=' },
  smaller: { mod: true, alt: true, code: 'Minus', label: '-' },
  resetSize: { mod: true, alt: true, code: 'Digit0', label: '0' },
  newCampaign: { mod: true, alt: true, code: 'KeyN', label: 'N' },
  step: (n: number): Keys => ({ mod: true, alt: true, code: `Digit${n}`, label: String(n) }),
} as const;

export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const ref = useRef(shortcuts);
  useEffect(() => {
    ref.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.isComposing) return;
      for (const s of ref.current) {
        if (s.enabled !== false && matches(s.keys, e)) {
          e.preventDefault();
          s.run();
          return;
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
