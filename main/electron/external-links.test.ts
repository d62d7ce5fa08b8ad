import type { MessageBoxOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { CANCEL_BUTTON, GESTURE_WINDOW_MS, OPEN_BUTTON, confirmOptions, createExternalLinks, externalLinkDecision, isUserGesture } from './external-links.ts';

const fresh = { now: 10_000, lastGestureAt: 9_800, asking: false };

describe('externalLinkDecision', () => {
  it('asks about an http(s) link right after a gesture, showing the parsed address', () => {
    expect(externalLinkDecision({ ...fresh, url: 'https://www.cast.org.cn/a?b=1' })).toEqual({ kind: 'ask', href: 'https://www.cast.org.cn/a?b=1', host: 'www.cast.org.cn' });
    expect(externalLinkDecision({ ...fresh, url: 'http://www.bast.net.cn/' })).toMatchObject({ kind: 'ask', href: 'http://www.bast.net.cn/' });
    // A look-alike Unicode name is shown as what will really be opened.
    expect(externalLinkDecision({ ...fresh, url: 'https://аpple.com/' })).toMatchObject({ kind: 'ask', host: 'xn--pple-43d.com' });
  });

  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['javascript:alert(1)', 'scheme'],
    ['smb://host/share', 'scheme'],
    ['ms-msdt:/id', 'scheme'],
    ['vscode://x', 'scheme'],
    ['app://paneldesk/', 'scheme'],
    ['data:text/html,x', 'scheme'],
    ['mailto:a@b.c', 'scheme'],
    ['https://user:pw@example.com/', 'credentials'],
    ['https://', 'not-a-link'],
    ['', 'not-a-link'],
    [undefined, 'not-a-link'],
    [`https://example.com/${'a'.repeat(5000)}`, 'not-a-link'],
  ])('drops %s (%s)', (url, reason) => {
    expect(externalLinkDecision({ ...fresh, url })).toEqual({ kind: 'drop', reason });
  });

  it('drops a link with no gesture, a stale one, or while another question is open', () => {
    const url = 'https://example.com/';
    expect(externalLinkDecision({ url, now: 10_000, lastGestureAt: undefined, asking: false })).toEqual({ kind: 'drop', reason: 'no-gesture' });
    expect(externalLinkDecision({ url, now: 10_000, lastGestureAt: 10_000 - GESTURE_WINDOW_MS - 1, asking: false })).toEqual({ kind: 'drop', reason: 'no-gesture' });
    expect(externalLinkDecision({ url, now: 10_000, lastGestureAt: 10_000 - GESTURE_WINDOW_MS, asking: false })).toMatchObject({ kind: 'ask' });
    expect(externalLinkDecision({ url, now: 10_000, lastGestureAt: 10_500, asking: false })).toEqual({ kind: 'drop', reason: 'no-gesture' });
    expect(externalLinkDecision({ url, ...fresh, asking: true })).toEqual({ kind: 'drop', reason: 'busy' });
  });
});

describe('isUserGesture', () => {
  it('counts clicks and key presses, not the mouse moving or the wheel', () => {
    for (const t of ['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'char', 'gestureTap']) expect(isUserGesture(t)).toBe(true);
    for (const t of ['mouseMove', 'mouseEnter', 'mouseWheel', 'keyUp', 'gestureScrollUpdate', undefined, 3]) expect(isUserGesture(t)).toBe(false);
  });
});

describe('confirmOptions', () => {
  it('shows the full address in both languages, Cancel first, default and on Esc', () => {
    const href = 'https://www.cast.org.cn/col/col79/index.html?id=%E4%B8%AD';
    const o = confirmOptions(href, 'www.cast.org.cn');
    expect(o.buttons).toEqual(['取消 Cancel', '打开 Open']);
    expect(o.buttons![CANCEL_BUTTON]).toMatch(/取消.*Cancel/);
    expect(o.buttons![OPEN_BUTTON]).toMatch(/打开.*Open/);
    expect(o.defaultId).toBe(CANCEL_BUTTON);
    expect(o.cancelId).toBe(CANCEL_BUTTON);
    expect(o.detail).toContain(href);
    expect(o.detail).toContain('www.cast.org.cn');
    expect(o.message).toMatch(/[\u4e00-\u9fff]/);
    expect(o.message).toMatch(/Open this address/);
    expect(o.detail).not.toMatch(/未加密/);
    expect(confirmOptions('http://x.cn/', 'x.cn').detail).toMatch(/未加密.*\n.*not encrypted/);
  });
});

describe('createExternalLinks (dialog injected)', () => {
  function setup(answers: number[]) {
    let clock = 1_000;
    const shown: MessageBoxOptions[] = [];
    const opened: string[] = [];
    const pending: ((n: number) => void)[] = [];
    const links = createExternalLinks({
      now: () => clock,
      confirm: (o) => {
        shown.push(o);
        const next = answers.shift();
        return next === undefined ? new Promise<number>((resolve) => pending.push(resolve)) : Promise.resolve(next);
      },
      open: async (href) => { opened.push(href); },
    });
    return { links, shown, opened, pending, tick: (ms: number) => { clock += ms; } };
  }

  it('opens only what the person confirmed, after a gesture in the same window', async () => {
    const s = setup([CANCEL_BUTTON, OPEN_BUTTON]);
    // An imported nomination's link, opened by a script without a click: no dialog, nothing opened.
    expect(await s.links.request('https://example.com/a', 1)).toBe('no-gesture');
    expect(s.shown).toHaveLength(0);
    // A click in another window does not count for this one.
    s.links.noteGesture(2);
    expect(await s.links.request('https://example.com/a', 1)).toBe('no-gesture');

    s.links.noteGesture(1);
    expect(await s.links.request('https://example.com/a', 1)).toBe('cancelled');
    expect(s.shown).toHaveLength(1);
    expect(s.shown[0]!.detail).toContain('https://example.com/a');
    // The gesture was spent on that question.
    expect(await s.links.request('https://example.com/a', 1)).toBe('no-gesture');

    s.links.noteGesture(1);
    s.tick(200);
    expect(await s.links.request('https://example.com/b', 1)).toBe('opened');
    expect(s.opened).toEqual(['https://example.com/b']);

    s.links.noteGesture(1);
    s.tick(GESTURE_WINDOW_MS + 1);
    expect(await s.links.request('https://example.com/c', 1)).toBe('no-gesture');
    s.links.noteGesture(1);
    expect(await s.links.request('file:///etc/passwd', 1)).toBe('scheme');
    expect(await s.links.request('https://example.com/d', 1)).toBe('no-gesture');
    expect(s.shown).toHaveLength(2);
    expect(s.opened).toEqual(['https://example.com/b']);
  });

  it('asks one at a time: a second link while the dialog is open is dropped', async () => {
    const s = setup([]);
    s.links.noteGesture(1);
    const first = s.links.request('https://example.com/1', 1);
    await Promise.resolve();
    s.links.noteGesture(1);
    expect(await s.links.request('https://example.com/2', 1)).toBe('busy');
    expect(s.shown).toHaveLength(1);
    s.pending[0]!(OPEN_BUTTON);
    expect(await first).toBe('opened');
    expect(s.opened).toEqual(['https://example.com/1']);
    // Once answered, the next gesture may ask again.
    expect(await s.links.request('https://example.com/3', 1)).toBe('no-gesture');
  });
});
