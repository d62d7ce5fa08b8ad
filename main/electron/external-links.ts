/**
 * Links out of the app (a society's web page, a DOI in an imported nomination): never a new window, and never
 * straight to the system browser. A link is asked about only when it is http(s), only right after the person
 * clicked or pressed a key in that window, and one at a time; a native dialog shows the full address, in Chinese
 * and English, with Cancel as the default. Pure decision + injected dialog, so it is tested without Electron.
 */
import type { MessageBoxOptions } from 'electron';

/** How long after a click or key press a link counts as the answer to it. */
export const GESTURE_WINDOW_MS = 1000;

const MAX_URL_LENGTH = 4096;

/** Input events that are a person acting (not the mouse merely moving). */
const GESTURES: ReadonlySet<string> = new Set(['mouseDown', 'mouseUp', 'rawKeyDown', 'keyDown', 'char', 'gestureTap', 'touchEnd', 'pointerUp']);

export function isUserGesture(inputType: unknown): boolean {
  return typeof inputType === 'string' && GESTURES.has(inputType);
}

export type LinkRefusal = 'not-a-link' | 'scheme' | 'credentials' | 'no-gesture' | 'busy';
export type LinkDecision = { readonly kind: 'ask'; readonly href: string; readonly host: string } | { readonly kind: 'drop'; readonly reason: LinkRefusal };

export interface LinkRequest {
  readonly url: unknown;
  readonly now: number;
  /** When the window that asks last saw a click or key press; undefined if never (or already spent on a link). */
  readonly lastGestureAt: number | undefined;
  /** Whether a dialog about another link is open. */
  readonly asking: boolean;
}

export function externalLinkDecision(r: LinkRequest): LinkDecision {
  if (typeof r.url !== 'string' || r.url.length > MAX_URL_LENGTH) return { kind: 'drop', reason: 'not-a-link' };
  let u: URL;
  try {
    u = new URL(r.url);
  } catch {
    return { kind: 'drop', reason: 'not-a-link' };
  }
  if ((u.protocol !== 'https:' && u.protocol !== 'http:') || u.hostname === '') return { kind: 'drop', reason: 'scheme' };
  if (u.username !== '' || u.password !== '') return { kind: 'drop', reason: 'credentials' };
  if (r.asking) return { kind: 'drop', reason: 'busy' };
  if (r.lastGestureAt === undefined || r.now < r.lastGestureAt || r.now - r.lastGestureAt > GESTURE_WINDOW_MS) return { kind: 'drop', reason: 'no-gesture' };
  // href: the parsed, encoded address (a look-alike Unicode name shows as xn--…), exactly what will be opened.
  return { kind: 'ask', href: u.href, host: u.host };
}

export const CANCEL_BUTTON = 0;
export const OPEN_BUTTON = 1;

/** The question, both languages; Cancel is the default and what Esc answers. */
export function confirmOptions(href: string, host: string): MessageBoxOptions {
  const plain = href.startsWith('http:');
  return {
    type: 'question',
    title: '打开外部链接 / Open an external link',
    message: `在浏览器中打开此地址？\nOpen this address in your web browser?`,
    detail: [
      `网站 Site: ${host}`,
      `完整地址 Full address:\n${href}`,
      ...(plain ? ['此地址未加密（http）。\nThis address is not encrypted (http).'] : []),
    ].join('\n\n'),
    buttons: ['取消 Cancel', '打开 Open'],
    defaultId: CANCEL_BUTTON,
    cancelId: CANCEL_BUTTON,
    noLink: true,
  };
}

export interface ExternalLinkDeps {
  /** Shows the dialog; resolves to the index of the button chosen. */
  readonly confirm: (options: MessageBoxOptions) => Promise<number>;
  readonly open: (href: string) => Promise<void>;
  readonly now: () => number;
}

export type LinkOutcome = 'opened' | 'cancelled' | LinkRefusal;

export interface ExternalLinks {
  /** A click or key press in the window with this id (webContents.id). */
  noteGesture(windowId: number): void;
  /** A link the page tried to open (window.open, target=_blank, a click on an <a>). */
  request(url: unknown, windowId: number): Promise<LinkOutcome>;
}

export function createExternalLinks(deps: ExternalLinkDeps): ExternalLinks {
  const gestures = new Map<number, number>();
  let asking = false;
  return {
    noteGesture(windowId) {
      gestures.set(windowId, deps.now());
    },
    async request(url, windowId) {
      const decision = externalLinkDecision({ url, now: deps.now(), lastGestureAt: gestures.get(windowId), asking });
      // One gesture, one attempt: a script cannot ride a single click to ask again and again.
      gestures.delete(windowId);
      if (decision.kind === 'drop') return decision.reason;
      asking = true;
      try {
        const button = await deps.confirm(confirmOptions(decision.href, decision.host));
        if (button !== OPEN_BUTTON) return 'cancelled';
        await deps.open(decision.href);
        return 'opened';
      } finally {
        asking = false;
      }
    },
  };
}
