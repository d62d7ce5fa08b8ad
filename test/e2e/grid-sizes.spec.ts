// The grid at every size and finding like Excel (issue 9, items 7 and 8): 1366 and 1024 px, A+, 175 % zoom, the
// sidebar and details remembered, search over every column, AutoFilter, context menus, Ctrl+F, copy as shown, a
// refused value kept in its cell — in Chinese and in English. Screenshots go to test-results/grid-sizes/.
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { largeWorkbook } from './nominations-workbooks.ts';

test.describe.configure({ timeout: 150_000 });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const shots = path.join('test-results', 'grid-sizes');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(shots, `${name}.png`) });

/** A papers campaign with 40 nominations (化学 every 8th, 被引次数 = the row's number). */
async function campaignWith40(page: Page) {
  await page.getByRole('link', { name: /新建评审活动/ }).first().click();
  await page.getByRole('radio', { name: /北京地区广受关注学术论文遴选/ }).check();
  await page.getByLabel('名称', { exact: true }).fill('2026 网格');
  await page.getByLabel('年度', { exact: true }).fill('2026');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/[^/]+\/setup$/);
  await page.getByRole('navigation').getByRole('link', { name: /推荐/ }).click();
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-file').setInputFiles({ name: '学会推荐.xlsx', mimeType: XLSX, buffer: await largeWorkbook(40) });
  const dialog = page.getByRole('dialog', { name: '导入推荐表' });
  await dialog.getByTestId('import-confirm').click();
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(page.getByText('显示 40 / 40 项')).toBeVisible();
}

const rowCount = async (grid: Locator) => Number(await grid.getAttribute('aria-rowcount')) - 1;
const header = (grid: Locator, name: string) => grid.locator('[role="columnheader"]', { has: grid.page().locator(`.pd-grid__th-label:text-is("${name}")`) });
async function cellOf(grid: Locator, rowText: string, name: string): Promise<Locator> {
  const col = await header(grid, name).getAttribute('aria-colindex');
  return grid.getByRole('row').filter({ hasText: rowText }).locator(`[role="gridcell"][aria-colindex="${col}"]`);
}

test('find like Excel: search every column, AutoFilter, context menus, Ctrl+F, copy as shown, a refused value kept (中文, 1366 px, A+)', async ({ host, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.origin });
  await page.goto(host.url);
  await campaignWith40(page);
  const grid = page.getByRole('grid', { name: '推荐名单' });
  await expect.poll(() => rowCount(grid)).toBe(40);
  await shot(page, 'zh-1366');

  // Ctrl+F from the grid goes to the search box; several words, any column, full-width digits.
  await (await cellOf(grid, '第 3 篇', '期刊')).click();
  await page.keyboard.press('Control+f');
  const search = page.getByTestId('nm-search');
  await expect(search).toBeFocused();
  await search.fill('作者１２　期刊 12');
  await expect(page.getByText('显示 1 / 40 项')).toBeVisible();
  await expect(grid.getByRole('row').filter({ hasText: '第 12 篇' })).toBeVisible();
  await search.fill('');
  await expect(page.getByText('显示 40 / 40 项')).toBeVisible();

  // AutoFilter on 学科: a values list with search and checkboxes.
  await header(grid, '学科').getByRole('button', { name: '筛选“学科”' }).click();
  const panel = page.getByRole('dialog', { name: '筛选“学科”' });
  await expect(panel.getByRole('checkbox')).toHaveCount(9);
  await panel.getByRole('searchbox', { name: '搜索值' }).fill('化');
  await expect(panel.getByRole('checkbox')).toHaveCount(2);
  await panel.getByRole('button', { name: '确定' }).click();
  await expect.poll(() => rowCount(grid)).toBe(5);
  await expect(header(grid, '学科')).toHaveAttribute('data-filtered', 'true');

  // A number range on 被引次数 (Excel's "between").
  await header(grid, '被引次数').getByRole('button', { name: '筛选“被引次数”' }).click();
  const numbers = page.getByRole('dialog', { name: '筛选“被引次数”' });
  await numbers.getByLabel('数值范围 从').fill('10');
  await numbers.getByLabel('数值范围 到').fill('２０');
  await numbers.getByRole('searchbox', { name: '搜索值' }).press('Enter');
  await expect.poll(() => rowCount(grid)).toBe(1);
  await expect(grid.getByRole('row').filter({ hasText: '第 16 篇' })).toBeVisible();
  await shot(page, 'zh-filtered');

  // Header context menu: clear the filters, sort descending (the arrow shows), hide a column.
  await header(grid, '被引次数').click({ button: 'right' });
  await page.getByRole('menu', { name: '列操作' }).getByRole('menuitem', { name: '清除筛选' }).click();
  await header(grid, '学科').click({ button: 'right' });
  await page.getByRole('menuitem', { name: '清除筛选' }).click();
  await expect.poll(() => rowCount(grid)).toBe(40);
  await header(grid, '被引次数').click({ button: 'right' });
  await page.getByRole('menuitem', { name: '降序排列' }).click();
  await expect(header(grid, '被引次数')).toHaveAttribute('aria-sort', 'descending');
  await expect(header(grid, '被引次数').locator('.pd-grid__sort--on')).toBeVisible();
  await expect(grid.getByRole('row').nth(1)).toContainText('第 39 篇');
  await header(grid, '下载次数').click({ button: 'right' });
  await page.getByRole('menuitem', { name: '隐藏此列' }).click();
  await expect(header(grid, '下载次数')).toHaveCount(0);

  // Cell context menu from the keyboard (Shift+F10): filter by this value; copy gives what the cell shows.
  const discipline = await cellOf(grid, '第 32 篇', '学科');
  await discipline.click();
  await page.keyboard.press('Shift+F10');
  const cellMenu = page.getByRole('menu', { name: '单元格操作' });
  await expect(cellMenu.getByRole('menuitem').first()).toBeFocused();
  await cellMenu.getByRole('menuitem', { name: '只看“化学”' }).click();
  await expect.poll(() => rowCount(grid)).toBe(5);
  const status = await cellOf(grid, '第 32 篇', '审查结论');
  const shown = (await status.innerText()).trim();
  expect(shown).toMatch(/符合|需关注|不符合/);
  await status.click({ button: 'right' });
  await page.getByRole('menuitem', { name: '复制' }).click();
  expect((await page.evaluate(() => navigator.clipboard.readText())).trim()).toBe(shown);
  await page.keyboard.press('Control+c');

  // A value the store refuses stays in its cell, marked with the reason, until Escape.
  const year = await cellOf(grid, '第 32 篇', '发表年份');
  await year.click();
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await expect(year).toHaveAttribute('aria-invalid', 'true');
  await expect(year).toContainText('abc');
  await expect(year).toHaveAttribute('title', /.+/);
  await year.click();
  await page.keyboard.press('Escape');
  await expect(year).not.toHaveAttribute('aria-invalid', 'true');
  await expect(year).toContainText('2022');

  // A+ enlarges the grid too: taller rows, larger text.
  const rowBox = async () => (await grid.getByRole('row').nth(1).boundingBox())!.height;
  const before = await rowBox();
  await page.getByRole('button', { name: '放大字号' }).click();
  await page.getByRole('button', { name: '放大字号' }).click();
  await expect.poll(rowBox).toBeGreaterThanOrEqual(Math.round(before * 1.25) - 1);
  await shot(page, 'zh-1366-larger');
  await page.getByRole('button', { name: /恢复默认字号|默认字号/ }).click();
});

test('at 1024 px with details open five columns show; the sidebar and details are remembered; 175 % zoom keeps the header apart (English)', async ({ host, page, browser, context }) => {
  await page.goto(host.url);
  await campaignWith40(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.setViewportSize({ width: 1024, height: 768 });
  const grid = page.getByRole('grid', { name: /nominations/i });
  await expect.poll(() => rowCount(grid)).toBe(40);
  await grid.getByRole('row').filter({ hasText: '第 3 篇' }).getByRole('gridcell').nth(1).click();
  await expect(page.getByRole('complementary')).toBeVisible();
  const fullyShown = async () => {
    const box = (await grid.boundingBox())!;
    const heads = await grid.locator('[role="columnheader"]:not(.pd-grid__corner)').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ left: r.left, right: r.right })));
    return heads.filter((h) => h.left >= box.x - 1 && h.right <= box.x + box.width + 1).length;
  };
  await expect.poll(fullyShown).toBeGreaterThanOrEqual(5);
  await shot(page, 'en-1024-details');

  // The sidebar collapses, and details hide; both are remembered after a reload.
  await page.getByRole('button', { name: 'Collapse the sidebar' }).click();
  await page.getByRole('button', { name: /hide details/i }).click();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Expand the sidebar' })).toBeVisible();
  await expect(page.getByRole('complementary')).toHaveCount(0);
  await expect.poll(fullyShown).toBeGreaterThanOrEqual(6);
  await shot(page, 'en-1024-collapsed');

  // The filter panel and menus speak English.
  await page.getByRole('columnheader', { name: /Discipline/ }).getByRole('button', { name: 'Filter “Discipline”' }).click();
  await expect(page.getByRole('dialog', { name: 'Filter “Discipline”' }).getByText('(Select all)')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Filter “Discipline”' })).toHaveCount(0);

  // 175 % zoom: a 1366 px screen gives 780 CSS px; the header's parts do not overlap, nor does it cover the page.
  const zoomed = await browser.newContext({ viewport: { width: 780, height: 490 }, deviceScaleFactor: 1.75, locale: 'zh-CN' });
  const z = await zoomed.newPage();
  await zoomed.addCookies(await context.cookies());
  await z.goto(page.url());
  for (const lang of ['中文', 'English']) {
    await z.getByRole('button', { name: lang, exact: true }).click();
    const parts = await z.locator('.app-header > *').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ l: r.left, r: r.right, t: r.top, b: r.bottom })));
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const a = parts[i]!;
        const b = parts[j]!;
        const overlap = a.l < b.r - 1 && b.l < a.r - 1 && a.t < b.b - 1 && b.t < a.b - 1;
        expect(overlap, `header parts ${i} and ${j} overlap (${lang})`).toBe(false);
      }
    }
    const head = (await z.locator('.app-header').boundingBox())!;
    const main = (await z.locator('#main').boundingBox())!;
    expect(head.y + head.height).toBeLessThanOrEqual(main.y + 1);
    await z.screenshot({ path: path.join(shots, `zoom175-${lang === '中文' ? 'zh' : 'en'}.png`) });
  }
  await zoomed.close();
});
