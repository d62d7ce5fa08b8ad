// The grid in a real browser: keys, editing, clipboard, undo, IME and 20,000 rows. It runs against a fixture
// page (renderer/src/grid/e2e) served by its own Vite server, since the grid is shared by several app screens.
import { test, expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { createServer } from 'vite';
import type { ViteDevServer } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const fixtureRoot = fileURLToPath(new URL('../../renderer/src/grid/e2e/', import.meta.url));
let server: ViteDevServer;
let base = '';

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  server = await createServer({
    root: fixtureRoot,
    configFile: false,
    plugins: [react()],
    logLevel: 'error',
    server: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  await server.listen();
  base = server.resolvedUrls?.local[0] ?? '';
});

test.afterAll(async () => {
  await server?.close();
});

async function open(page: Page, query: string) {
  await page.goto(`${base}?${query}`);
  await page.waitForFunction(() => window.__ready !== undefined, undefined, { timeout: 30_000 });
}

const cell = (page: Page, r: number, c: number) => page.locator(`[role=gridcell][data-row="${r}"][data-col="${c}"]`);
const cellText = (page: Page, r: number, c: number) => cell(page, r, c).locator('.pd-grid__text');
const edits = (page: Page) => page.evaluate(() => window.__edits ?? []);

async function paste(page: Page, text: string) {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

async function copy(page: Page): Promise<string> {
  return page.evaluate(() => {
    const dt = new DataTransfer();
    document.activeElement?.dispatchEvent(new ClipboardEvent('copy', { clipboardData: dt, bubbles: true, cancelable: true }));
    return dt.getData('text/plain');
  });
}

test('20,000 rows × 15 columns: only the rows in view are in the page', async ({ page }) => {
  await open(page, 'rows=20000');
  const grid = page.getByRole('grid', { name: '评分表' });
  await expect(grid).toHaveAttribute('aria-rowcount', '20001');
  const rowsInDom = await page.locator('[role=grid] [role=row]').count();
  expect(rowsInDom).toBeLessThan(45);
  const ready = await page.evaluate(() => window.__ready ?? 0);
  // Jump to the end and back: the active row is rendered and focused wherever it is.
  await cell(page, 1, 3).click();
  await page.keyboard.press('Control+End');
  await expect(cell(page, 19999, 14)).toHaveClass(/pd-grid__cell--active/);
  await expect(page.locator('#active')).toHaveText('n19999');
  expect(await page.evaluate(() => document.activeElement?.className)).toBe('pd-grid__sink');
  await page.keyboard.press('Control+Home');
  await expect(cell(page, 0, 0)).toHaveClass(/pd-grid__cell--active/);
  test.info().annotations.push({ type: 'measure', description: `${rowsInDom} rows in the page; first render ${Math.round(ready)} ms (dev build)` });
});

test('typing, Enter, pending until saved, validation, Escape, F2, Tab out', async ({ page }) => {
  await open(page, 'rows=200&delay=1500');
  await cell(page, 1, 3).click();
  await expect(page.locator('#active')).toHaveText('n1');
  await page.keyboard.type('20');
  await expect(page.locator('.pd-grid__editor')).toHaveValue('20');
  await page.keyboard.press('Enter');
  await expect(cell(page, 1, 3)).toHaveClass(/pd-grid__cell--pending/);
  await expect(cell(page, 2, 3)).toHaveClass(/pd-grid__cell--active/);
  await expect(cell(page, 1, 3)).not.toHaveClass(/pending/);
  await expect(cellText(page, 1, 3)).toHaveText('20');
  expect((await edits(page)).at(-1)).toEqual([{ rowId: 'n1', columnId: 's0', value: 20, previous: null }]);

  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await expect(page.locator('.pd-grid__editor-error')).toHaveText('不是有效数字');
  await page.keyboard.press('Escape');
  await expect(page.locator('.pd-grid__editor')).toHaveCount(0);

  await page.keyboard.type('13');
  await page.keyboard.press('Tab');
  await expect(page.locator('.pd-grid__editor-error')).toHaveText('示例：13 分不允许');
  await page.keyboard.press('Escape');

  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('F2');
  await expect(page.locator('.pd-grid__editor')).toHaveValue('20');
  await page.keyboard.press('Escape');

  // A conflicted (read-only) row ignores typing.
  await cell(page, 0, 3).click();
  await page.keyboard.type('5');
  await expect(page.locator('.pd-grid__editor')).toHaveCount(0);

  // Tab at the last column leaves the grid.
  await cell(page, 1, 14).click();
  await page.keyboard.press('Tab');
  await expect(page.locator('#after')).toBeFocused();
});

test('copy, paste with refusals, one undo step, redo, fill, clear', async ({ page }) => {
  await open(page, 'rows=200&delay=50');
  await cell(page, 1, 3).click();
  await page.keyboard.type('20');
  await page.keyboard.press('Enter');
  await expect(cellText(page, 1, 3)).toHaveText('20');
  await cell(page, 1, 3).click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  expect(await copy(page)).toBe('20\t\r\n\t\r\n');

  await cell(page, 3, 3).click();
  await paste(page, '5\t6\r\nx\t7\r\n');
  expect((await edits(page)).at(-1)?.map((e) => e.value)).toEqual([5, 6, 7]);
  await expect(cell(page, 4, 3)).toHaveClass(/pd-grid__cell--invalid/);
  await expect(cell(page, 4, 3)).toHaveAttribute('title', '「x」不是有效数字');
  await expect(page.locator('.pd-grid__status')).toContainText('1 个单元格未修改');
  await expect(cellText(page, 4, 4)).toHaveText('7');

  await page.keyboard.press('Control+z');
  await expect(cellText(page, 3, 3)).toHaveText('');
  await expect(cellText(page, 3, 4)).toHaveText('');
  await expect(cellText(page, 4, 4)).toHaveText('');
  await page.keyboard.press('Control+y');
  await expect(cellText(page, 4, 4)).toHaveText('7');

  // One value pasted into a larger selection fills it.
  await cell(page, 5, 3).click();
  await cell(page, 7, 4).click({ modifiers: ['Shift'] });
  await paste(page, '9\r\n');
  await expect(cellText(page, 7, 4)).toHaveText('9');
  await expect(cellText(page, 5, 3)).toHaveText('9');
  await page.keyboard.press('Delete');
  await expect(cellText(page, 6, 3)).toHaveText('');

  // Ctrl+Enter writes the typed value into the whole selection; Ctrl+D fills down.
  await cell(page, 5, 5).click();
  await cell(page, 6, 6).click({ modifiers: ['Shift'] });
  await page.keyboard.type('18');
  await page.keyboard.press('Control+Enter');
  await expect(cellText(page, 6, 6)).toHaveText('18');
  await expect(cellText(page, 5, 5)).toHaveText('18');
  await cell(page, 5, 7).click();
  await cell(page, 8, 7).click({ modifiers: ['Shift'] });
  const top = (await cellText(page, 5, 7).textContent()) ?? '';
  await page.keyboard.press('Control+d');
  await expect(cellText(page, 8, 7)).toHaveText(top);

  // Chinese text with a line break and quotes survives a paste into a text column.
  await cell(page, 2, 14).click();
  await paste(page, '"第一行\r\n第二行 ""引"""\r\n');
  await expect(cellText(page, 2, 14)).toHaveText(/第一行/);
  await expect.poll(async () => (await edits(page)).at(-1)?.[0]?.value).toBe('第一行\r\n第二行 "引"');

  // The caller refuses an edit: the typed value stays in the cell, marked, saying why, until Escape brings back the old.
  await cell(page, 3, 14).click();
  await page.keyboard.type('REFUSE');
  await page.keyboard.press('Enter');
  await expect(cell(page, 3, 14)).toHaveAttribute('title', '服务器拒绝');
  await expect(cellText(page, 3, 14)).toHaveText('REFUSE');
  await expect(cell(page, 3, 14)).toHaveAttribute('aria-invalid', 'true');
  // Reasons follow a switch of language: the caller's (a function), a column's validate (a function), the grid's own.
  await cell(page, 4, 3).click();
  await paste(page, '13\t30');
  await expect(cell(page, 4, 3)).toHaveAttribute('title', '「13」示例：13 分不允许');
  await expect(cell(page, 4, 4)).toHaveAttribute('title', '「30」应在 0 至 25 之间');
  await page.locator('#lang').click();
  await expect(cell(page, 3, 14)).toHaveAttribute('title', 'Refused by the server');
  await expect(cell(page, 4, 3)).toHaveAttribute('title', '“13”: Example: 13 is not allowed');
  await expect(cell(page, 4, 4)).toHaveAttribute('title', '“30”: Must be between 0 and 25');
  await expect(page.locator('.pd-grid__status')).toHaveText('2 cell(s) not changed: Example: 13 is not allowed');
  await expect(cellText(page, 3, 14)).toHaveText('REFUSE');
  await page.locator('#lang').click();
  await expect(cell(page, 3, 14)).toHaveAttribute('title', '服务器拒绝');
  await expect(cell(page, 4, 4)).toHaveAttribute('title', '「30」应在 0 至 25 之间');
  await cell(page, 3, 14).click();
  await page.keyboard.press('Escape');
  await expect(cellText(page, 3, 14)).toHaveText('');
  await expect(cell(page, 3, 14)).not.toHaveAttribute('aria-invalid', 'true');
});

test('IME: a composition started while navigating lands in the editor, and Enter after it commits', async ({ page }) => {
  await open(page, 'rows=200&delay=50');
  const cdp = await page.context().newCDPSession(page);
  await cell(page, 2, 14).click();
  await cdp.send('Input.imeSetComposition', { text: 'shen', selectionStart: 4, selectionEnd: 4 });
  await expect(page.locator('.pd-grid__editor')).toHaveCount(1);
  await cdp.send('Input.imeSetComposition', { text: '审', selectionStart: 1, selectionEnd: 1 });
  await cdp.send('Input.insertText', { text: '需复核' });
  await expect(page.locator('.pd-grid__editor')).toHaveValue('需复核');
  await expect(cell(page, 2, 14)).toHaveClass(/pd-grid__cell--active/);
  await page.keyboard.press('Enter');
  await expect(cellText(page, 2, 14)).toHaveText('需复核');
  await expect(cell(page, 3, 14)).toHaveClass(/pd-grid__cell--active/);
});

test('sorting keeps the active row; resizing a column by its header edge', async ({ page }) => {
  await open(page, 'rows=200');
  await cell(page, 5, 3).click();
  await expect(page.locator('#active')).toHaveText('n5');
  const header = page.getByRole('columnheader').nth(4);
  await header.hover(); // an unsorted column's sort button shows on hover
  await header.getByRole('button', { name: '升序' }).click();
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('#active')).toHaveText('n5');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('#active')).toHaveText('n5');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(header).not.toHaveAttribute('aria-sort', /./);
  await page.keyboard.press('Control+Home');
  const title = page.getByRole('columnheader').nth(2);
  const before = (await title.boundingBox())?.width ?? 0;
  const edge = await title.locator('.pd-grid__resizer').boundingBox();
  if (!edge) throw new Error('no resize handle');
  await page.mouse.move(edge.x + 3, edge.y + 5);
  await page.mouse.down();
  await page.mouse.move(edge.x + 83, edge.y + 5, { steps: 4 });
  await page.mouse.up();
  expect(Math.round((await title.boundingBox())?.width ?? 0)).toBe(Math.round(before + 80));
});

test('a wide matrix renders only the columns in view, and End reaches the last one', async ({ page }) => {
  await open(page, 'rows=500&experts=200');
  await expect(page.getByRole('grid')).toHaveAttribute('aria-colcount', '216');
  const perRow = async () => page.locator('[role=row][aria-rowindex="2"] [role=gridcell]').count();
  expect(await perRow()).toBeLessThan(50);
  await cell(page, 0, 3).click();
  await page.keyboard.press('End');
  await expect(cell(page, 0, 214)).toHaveClass(/pd-grid__cell--active/);
  await expect(cell(page, 0, 214)).toBeInViewport();
  await expect(page.getByRole('columnheader', { name: '专家200' })).toBeInViewport();
  expect(await perRow()).toBeLessThan(50);
  await page.keyboard.press('Home');
  await expect(cell(page, 0, 0)).toBeInViewport();
});

test('frozen columns stay in view while the grid scrolls sideways, and a cell scrolls out from under them', async ({ page }) => {
  await open(page, 'rows=500&experts=60&frozen=2');
  await cell(page, 0, 3).click();
  await page.keyboard.press('End');
  await expect(cell(page, 0, 74)).toHaveClass(/pd-grid__cell--active/);
  await expect(cell(page, 0, 74)).toBeInViewport();
  // The key and the title, frozen, are still where they were, over the scrolled columns.
  await expect(cell(page, 0, 0)).toBeInViewport();
  await expect(cell(page, 0, 1)).toBeInViewport();
  await expect(page.getByRole('columnheader', { name: '论文题目' })).toBeInViewport();
  const title = await cell(page, 0, 1).boundingBox();
  const head = await page.getByRole('columnheader', { name: '论文题目' }).boundingBox();
  expect(title?.x).toBe(head?.x);
  expect(await page.evaluate(() => document.querySelector('.pd-grid__scroll')?.scrollLeft ?? 0)).toBeGreaterThan(3000);
  const under = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[role=gridcell]')?.getAttribute('data-col'), { x: (title?.x ?? 0) + 20, y: (title?.y ?? 0) + 10 });
  expect(under).toBe('1');
  // The first column fully out from under the frozen ones; one step left, and the column that was under them
  // scrolls out.
  const edge = (title?.x ?? 0) + (title?.width ?? 0);
  const first = await page.evaluate((x) => {
    const cells = [...document.querySelectorAll<HTMLElement>('[role=gridcell][data-row="0"]')].filter((c) => Number(c.dataset.col) >= 2);
    const shown = cells.filter((c) => c.getBoundingClientRect().left >= x - 1).map((c) => Number(c.dataset.col));
    return Math.min(...shown);
  }, edge);
  await cell(page, 0, first).click();
  await page.keyboard.press('ArrowLeft');
  await expect(cell(page, 0, first - 1)).toHaveClass(/pd-grid__cell--active/);
  const moved = await cell(page, 0, first - 1).boundingBox();
  expect(moved!.x).toBeGreaterThanOrEqual(edge - 1);
  await page.keyboard.press('Home');
  await expect(cell(page, 0, 0)).toBeInViewport();
});
