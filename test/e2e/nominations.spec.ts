import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { test, expect } from './fixtures.ts';
import { writeZip } from '../../main/xlsx/test-zip.ts';
import { alikeTitle, chemistryWorkbook, disciplineSheetsWorkbook, largeWorkbook, materialsWorkbook, physicsWorkbook } from './nominations-workbooks.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function createPapers(page: Page, name: string) {
  await page.getByRole('link', { name: /新建评审活动/ }).first().click();
  await page.getByRole('radio', { name: /北京地区广受关注学术论文遴选/ }).check();
  await page.getByLabel('名称', { exact: true }).fill(name);
  await page.getByLabel('年度', { exact: true }).fill('2026');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/[^/]+\/setup$/);
  await page.getByRole('navigation').getByRole('link', { name: /推荐/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '推荐与形式审查' })).toBeVisible();
}

async function chooseFile(page: Page, name: string, buffer: Buffer) {
  await page.getByTestId('open-import').click();
  await expect(page.getByRole('dialog', { name: '导入推荐表' })).toBeVisible();
  await page.getByTestId('import-file').setInputFiles({ name, mimeType: XLSX, buffer });
}

/** A cell of the nominations grid, by the row's text and the column's header. */
async function gridCell(page: Page, rowText: string, header: string): Promise<Locator> {
  const grid = page.getByRole('grid', { name: '推荐名单' });
  const col = await grid.locator('[role="columnheader"]', { has: page.locator(`.pd-grid__th-label:text-is("${header}")`) }).getAttribute('aria-colindex');
  return grid.getByRole('row').filter({ hasText: rowText }).locator(`[role="gridcell"][aria-colindex="${col}"]`);
}

test('a secretary imports two societies’ messy workbooks, fixes the mapping, works in the grid, and a re-import changes nothing', async ({ host, page }) => {
  await page.goto(host.url);
  await createPapers(page, '2026年度广受关注学术论文');
  await expect(page.getByText('还没有推荐')).toBeVisible();

  // The Chemical Society's file: title row, headers out of order, full-width digits, bad cells, an unknown header.
  await chooseFile(page, '中国化学会推荐表.xlsx', await chemistryWorkbook());
  const dialog = page.getByRole('dialog', { name: '导入推荐表' });
  await expect(dialog.getByTestId('preview-totals')).toBeVisible();
  // The header was found below the title row; the nominator named in every row is proposed.
  await expect(dialog.getByRole('textbox', { name: '表头在第' })).toHaveValue('2');
  await expect(dialog.getByRole('textbox', { name: '推荐单位' })).toHaveValue('中国化学会');
  await expect(dialog.getByTestId('mapping-source')).toHaveText('已按表头文字自动对应，请核对。');
  await expect(dialog.getByTestId('missing-required')).toContainText('期刊');
  const journal = dialog.getByRole('combobox', { name: '第 F 列“来源载体”对应的字段' });
  await expect(journal).toHaveValue('');

  // Every problem on its cell, in words, with Excel's row and column; the full-width digits were read.
  const preview = dialog.getByRole('grid', { name: '导入预览' });
  await expect(preview.locator('[role="gridcell"][aria-invalid="true"]', { hasText: '“abc”不是有效的年份' })).toBeVisible();
  await expect(preview.locator('[role="gridcell"][aria-invalid="true"]', { hasText: '“not-a-doi”不是 DOI' })).toBeVisible();
  await expect(preview.getByRole('row').filter({ hasText: '高效钙钛矿太阳能电池的界面工程' })).toContainText('2025');
  await expect(preview.getByRole('row').filter({ hasText: '高效钙钛矿太阳能电池的界面工程' })).toContainText('85');
  // The row that cannot be imported is shown as written.
  await expect(preview.getByRole('row').filter({ hasText: '不能导入' })).toContainText('孙八');
  const issues = dialog.getByTestId('import-issues');
  await expect(issues.getByRole('row').filter({ hasText: '“abc”不是有效的年份' })).toContainText(/推荐论文\s*4\s*D\s*发表年份/);
  await expect(issues.getByRole('row').filter({ hasText: '缺少必填的“论文题目”' })).toContainText(/7\s*C\s*论文题目.*此行不导入/);
  // The list jumps to the cell.
  await issues.getByRole('button', { name: '“not-a-doi”不是 DOI（应为 10.xxxx/…）' }).click();
  await expect(preview.locator('.pd-grid__cell--active')).toContainText('not-a-doi');

  // The secretary fixes the mapping: column F is the journal.
  await journal.selectOption('journal');
  await expect(dialog.getByTestId('mapping-source')).toContainText('已按您的修改对应各列');
  await expect(dialog.getByTestId('missing-required')).toHaveCount(0);
  await expect(preview.getByRole('row').filter({ hasText: '拓扑超导体中的马约拉纳零能模' })).toContainText('Physical Review Letters');
  await expect(dialog.getByTestId('preview-totals')).toContainText('新增 4');
  await expect(dialog.getByTestId('preview-totals')).toContainText('不能导入 1');

  // The rows with problems go back to the society as a workbook.
  const rejected = page.waitForEvent('download');
  await dialog.getByRole('button', { name: '导出有问题的行' }).click();
  expect((await rejected).suggestedFilename()).toBe('中国化学会推荐表-需修改.xlsx');

  await dialog.getByRole('button', { name: '导入 4 行' }).click();
  await expect(dialog.getByTestId('import-report')).toContainText('新增 4 项，更新 0 项，无变化 0 项，不能导入 1 行。');
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('显示 4 / 4 项')).toBeVisible();

  // The Physics Society sends one of the same papers (DOI as a link, in capitals) and a new one.
  await chooseFile(page, '中国物理学会.xlsx', await physicsWorkbook());
  await expect(dialog.getByTestId('preview-totals')).toContainText('增加推荐单位 1');
  await expect(dialog.getByTestId('preview-totals')).toContainText('新增 1');
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog.getByTestId('import-report')).toContainText('新增 1 项');
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(page.getByText('显示 5 / 5 项')).toBeVisible();
  // One nomination, both nominators.
  await expect(await gridCell(page, '高效钙钛矿太阳能电池的界面工程', '推荐单位')).toHaveText('中国化学会; 中国物理学会');
  // Where the two disagree, both are shown.
  const citations = await gridCell(page, '高效钙钛矿太阳能电池的界面工程', '被引次数');
  await expect(citations).toHaveClass(/nm-disagree/);
  await citations.click();
  const shared = page.getByTestId('nomination-detail');
  await expect(shared.locator('[data-field="citations"]')).toContainText('来源不一致');
  await expect(shared.locator('[data-field="citations"]')).toContainText('中国化学会：85');
  await expect(shared.locator('[data-field="citations"]')).toContainText('中国物理学会：90');
  await expect(shared).toContainText('各推荐来源的“被引次数”不一致');

  // Filters: by discipline, by status (chips carry the counts).
  await page.getByRole('combobox', { name: '学科' }).selectOption('物理学');
  await expect(page.getByText('显示 2 / 5 项')).toBeVisible();
  await page.getByRole('combobox', { name: '学科' }).selectOption('');
  // 中国科学院物理研究所 is in Beijing (the institutions table knows the academy's institutes).
  await expect(page.getByRole('button', { name: '符合 2' })).toBeVisible();
  await page.getByRole('button', { name: '符合 2' }).click();
  await expect(page.getByText('显示 2 / 5 项')).toBeVisible();
  await expect(page.getByRole('grid', { name: '推荐名单' })).toContainText('人类肠道菌群与代谢疾病的关联研究');
  await expect(page.getByRole('grid', { name: '推荐名单' })).toContainText('量子反常霍尔效应的高温实现');
  await page.getByRole('button', { name: /^全部 5$/ }).click();
  await expect(page.getByText('显示 5 / 5 项')).toBeVisible();

  // Columns: hidden and shown again (remembered on this machine).
  const list = page.getByRole('grid', { name: '推荐名单' });
  await page.getByText('显示列').click();
  await page.getByRole('checkbox', { name: '作者', exact: true }).uncheck();
  await expect(list.locator('.pd-grid__th-label:text-is("作者")')).toHaveCount(0);
  await page.getByRole('checkbox', { name: '第一作者', exact: true }).check();
  await expect(list.locator('.pd-grid__th-label:text-is("第一作者")')).toHaveCount(1);
  await page.getByRole('checkbox', { name: '作者', exact: true }).check();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('checkbox', { name: '作者', exact: true })).toBeHidden();

  // Edit in place: the missing year typed by hand; the paper becomes eligible; the history records it.
  const year = await gridCell(page, '拓扑超导体中的马约拉纳零能模', '发表年份');
  await expect(year).toHaveText('');
  await year.click();
  await page.keyboard.type('２０２５');
  await page.keyboard.press('Enter');
  await expect(year).toHaveText('2025');
  await expect(year).not.toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('button', { name: '符合 3' })).toBeVisible();
  // A bad value is refused by main, in words, on its cell.
  const doi = await gridCell(page, '拓扑超导体中的马约拉纳零能模', 'DOI');
  await doi.click();
  await page.keyboard.type('not-a-doi');
  await page.keyboard.press('Enter');
  await expect(page.locator('.nm-grid .pd-grid__status')).toContainText('DOI：不是 DOI（应为 10.xxxx/…）');
  await expect(doi).toHaveAttribute('aria-invalid', 'true');
  // What was typed stays in the cell, marked, until fixed or Escape, which brings back the saved value.
  await expect(doi).toHaveText('not-a-doi');
  await doi.click();
  await page.keyboard.press('Escape');
  await expect(doi).toHaveText('10.1103/physrevlett.134.0002');

  // The detail panel: every field, the hand edit, the sources, the history.
  await year.click();
  const detail = page.getByTestId('nomination-detail');
  await expect(detail.getByRole('heading', { name: '拓扑超导体中的马约拉纳零能模' })).toBeVisible();
  await expect(detail.locator('[data-field="year"]')).toContainText('2025');
  await expect(detail.locator('[data-field="year"]')).toContainText('手工修改');
  await expect(detail).toContainText('中国化学会推荐表.xlsx · 推荐论文 第 4 行 · 中国化学会');
  await expect(detail.getByTestId('detail-history')).toContainText('发表年份：（空） → 2025');
  // An override needs a note, and is recorded.
  await detail.getByText('人工改判', { exact: true }).click();
  await detail.getByRole('combobox', { name: '改判为' }).selectOption('ineligible');
  await detail.getByRole('button', { name: '记录改判' }).click();
  await expect(detail.getByRole('alert')).toHaveText('请写明改判的理由。');
  await detail.getByRole('textbox', { name: '说明（必填）' }).fill('该论文已获往届推荐');
  await detail.getByRole('button', { name: '记录改判' }).click();
  await expect(detail).toContainText('人工改判为“不符合”（原为“符合”）：该论文已获往届推荐');
  await expect(page.getByRole('button', { name: '不符合 1' })).toBeVisible();

  // The list with statuses and reasons, to Excel.
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: '导出 Excel' }).click();
  const download = await exported;
  expect(download.suggestedFilename()).toMatch(/^2026年度广受关注学术论文-推荐名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const cells: string[] = [];
  book.worksheets[0]!.eachRow((row) => row.eachCell((c) => { cells.push(String(c.text)); }));
  expect(cells).toContain('形式审查 Status');
  expect(cells).toContain('拓扑超导体中的马约拉纳零能模');
  expect(cells.join('\n')).toContain('该论文已获往届推荐');

  // The same file again: the remembered mapping, and nothing changes; the hand edit stays.
  await chooseFile(page, '中国化学会推荐表.xlsx', await chemistryWorkbook());
  await expect(dialog.getByTestId('mapping-source')).toHaveText('已按“中国化学会”上次的设置对应各列。');
  await expect(dialog.getByText('这个文件的内容都已导入过：再次导入不会改变任何内容。')).toBeVisible();
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog.getByTestId('import-report')).toContainText('没有任何变化：这个文件已经导入过。');
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(page.getByText('显示 5 / 5 项')).toBeVisible();
  await expect(await gridCell(page, '拓扑超导体中的马约拉纳零能模', '发表年份')).toHaveText('2025');
});

test('a workbook with a sheet per discipline: the report offers the next sheet, its mapping remembered, and passes over the instructions', async ({ host, page }) => {
  await page.goto(host.url);
  await createPapers(page, '2026年度论文遴选（分学科）');
  await chooseFile(page, '中国化学会分学科推荐.xlsx', await disciplineSheetsWorkbook());
  const dialog = page.getByRole('dialog', { name: '导入推荐表' });
  // The first data sheet is chosen, not the instructions; the journal column is fixed by hand.
  await expect(dialog.getByRole('combobox', { name: '工作表' })).toHaveValue('化学');
  await expect(dialog.getByRole('textbox', { name: '推荐单位' })).toHaveValue('中国化学会');
  await dialog.getByRole('combobox', { name: '第 D 列“来源载体”对应的字段' }).selectOption('journal');
  await expect(dialog.getByTestId('missing-required')).toHaveCount(0);
  await dialog.getByRole('button', { name: '导入 2 行' }).click();

  const report = dialog.getByTestId('import-report');
  await expect(report).toContainText('新增 2 项，更新 0 项，无变化 0 项，不能导入 0 行。');
  await expect(report.getByTestId('report-sheet')).toHaveText('中国化学会分学科推荐.xlsx · 工作表“化学”');
  const sheets = report.getByTestId('report-sheets');
  await expect(sheets.locator('[data-skip="no-header"]')).toHaveText('“填表说明”：已跳过，没有找到表头（像是填表说明）');
  await expect(sheets.getByRole('button', { name: /填表说明/ })).toHaveCount(0);
  // The next sheet is where the keyboard is: Enter previews it, from the same upload.
  const next = sheets.getByRole('button', { name: '预览工作表“物理学”（3 行）' });
  await expect(next).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('heading', { name: '列与字段的对应' })).toBeFocused();
  await expect(dialog.getByRole('combobox', { name: '工作表' })).toHaveValue('物理学');
  await expect(dialog.getByRole('textbox', { name: '表头在第' })).toHaveValue('2');
  // The mapping fixed on the first sheet was remembered for the nominator, and applies here.
  await expect(dialog.getByTestId('mapping-source')).toHaveText('已按“中国化学会”上次的设置对应各列。');
  await expect(dialog.getByRole('combobox', { name: '第 D 列“来源载体”对应的字段' })).toHaveValue('journal');
  await expect(dialog.getByTestId('preview-totals')).toContainText('新增 3');
  await dialog.getByRole('button', { name: '导入 3 行' }).click();

  await expect(report).toContainText('新增 3 项');
  await expect(report.getByTestId('report-sheet')).toContainText('工作表“物理学”');
  await expect(sheets).toContainText('本文件中有数据的工作表都已导入。');
  await expect(sheets.locator('[data-sheet="化学"]')).toHaveText('“化学”：本次已导入');
  await expect(sheets.locator('[data-skip="no-header"]')).toContainText('“填表说明”：已跳过');
  await expect(sheets.getByRole('button')).toHaveCount(0);
  await expect(report.getByRole('button', { name: '完成' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(page.getByText('显示 5 / 5 项')).toBeVisible();
  await expect(page.getByRole('combobox', { name: '学科' })).toContainText('物理学');
});

test('a file that is not a workbook, empty, a zip bomb, password-protected or too large gets a clear message and changes nothing', async ({ host, page }) => {
  await page.goto(host.url);
  await createPapers(page, '2026年度论文遴选');
  await chooseFile(page, '推荐表.xlsx', Buffer.from('序号,论文题目\n1,不是工作簿\n'));
  const dialog = page.getByRole('dialog', { name: '导入推荐表' });
  await expect(dialog.getByTestId('import-problem')).toContainText('这个文件不是 Excel 工作簿（.xlsx 或 .xls）');
  await expect(dialog.getByTestId('import-problem')).toContainText('未做任何更改。');

  // Empty, a zip bomb, a password: each said in words.
  const hostile: [string, Buffer, string][] = [
    ['空文件.xlsx', Buffer.alloc(0), '这个文件是空的'],
    ['炸弹.xlsx', Buffer.from(writeZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.xml', data: '<workbook/>', zip64Size: 10 * 1024 ** 3 }])), '这个文件解压后异常巨大'],
    ['加密.xlsx', Buffer.from(writeZip([{ name: 'xl/workbook.xml', data: '<w/>', flags: 1 }])), '这个工作簿设有打开密码'],
  ];
  for (const [name, buffer, words] of hostile) {
    await dialog.getByTestId('import-file').setInputFiles({ name, mimeType: XLSX, buffer });
    await expect(dialog.getByTestId('import-problem')).toContainText(words);
    await expect(dialog.getByTestId('import-problem')).toContainText('未做任何更改。');
  }

  // Over 50 MB: refused before uploading.
  const big = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-big-')), '大文件.xlsx');
  fs.writeFileSync(big, '');
  fs.truncateSync(big, 51 * 1024 * 1024);
  await dialog.getByTestId('import-file').setInputFiles(big);
  await expect(dialog.getByTestId('import-problem')).toContainText('超过 50 MB 的上限，没有上传');
  fs.rmSync(path.dirname(big), { recursive: true, force: true });

  await dialog.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByText('还没有推荐')).toBeVisible();
});

test('reading a large workbook shows its progress, and Cancel stops it without changing anything', async ({ host, page }) => {
  const big = await largeWorkbook(20_000);
  await page.goto(host.url);
  await createPapers(page, '2026年度论文遴选（大文件）');
  await chooseFile(page, '两万行.xlsx', big);
  const dialog = page.getByRole('dialog', { name: '导入推荐表' });
  const progress = dialog.getByTestId('import-progress');
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect(progress.getByRole('status')).toHaveText(/正在(传送文件|读取文件|解析工作表|对应列)/);
  await progress.getByRole('button', { name: '取消' }).click();
  await expect(dialog.getByRole('status')).toHaveText('已取消：未做任何更改。');
  await expect(progress).toBeHidden();
  // The service is free again: a small file reads at once; nothing of the large one was kept.
  await dialog.getByTestId('import-file').setInputFiles({ name: '中国物理学会.xlsx', mimeType: XLSX, buffer: await physicsWorkbook() });
  await expect(dialog.getByTestId('preview-totals')).toContainText('新增 2');
  await dialog.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByText('还没有推荐')).toBeVisible();
});

test('exporting a few thousand nominations shows its progress and the file arrives; a cancelled export gives no file', async ({ host, page }) => {
  test.setTimeout(90_000);
  await page.goto(host.url);
  await createPapers(page, '2026年度论文遴选（导出）');
  await chooseFile(page, '四千行.xlsx', await largeWorkbook(4_000));
  const dialog = page.getByRole('dialog', { name: '导入推荐表' });
  await expect(dialog.getByTestId('preview-totals')).toContainText('新增 4000', { timeout: 30_000 });
  await dialog.getByTestId('import-confirm').click();
  await dialog.getByRole('button', { name: '完成' }).click({ timeout: 30_000 });
  await expect(page.getByText('显示 4000 / 4000 项')).toBeVisible({ timeout: 30_000 });

  // The export's answer is held once main has written it, so its progress can be seen however fast the machine.
  let release = () => {};
  let gate = Promise.resolve();
  const hold = () => { gate = new Promise<void>((resolve) => { release = resolve; }); };
  await page.route('**/api/nominations.export', async (route) => {
    const response = await route.fetch();
    await gate;
    await route.fulfill({ response });
  });
  let downloads = 0;
  page.on('download', () => { downloads++; });
  const exportButton = page.getByRole('button', { name: '导出 Excel' });
  const downloaded = page.waitForEvent('download');
  hold();
  await exportButton.click();
  const progress = page.getByTestId('export-progress');
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect(progress.getByRole('status')).toHaveText(/^(正在整理要导出的行…|正在写入工作簿…|正在生成文件…|完成)$/);
  // Main has written it: the bar is full.
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100', { timeout: 30_000 });
  await expect(page.getByRole('button', { name: '正在导出…' })).toBeVisible();
  release();
  const download = await downloaded;
  expect(download.suggestedFilename()).toMatch(/^2026年度论文遴选（导出）-推荐名单-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await expect(progress).toBeHidden();
  await expect(page.getByRole('status').filter({ hasText: '已导出' })).toBeVisible();
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  expect(book.worksheets[0]!.rowCount).toBe(4_001);

  // Again, cancelled as it runs: no file, words say so, and the keyboard is back on the export button.
  hold();
  await exportButton.click();
  await progress.getByRole('button', { name: '取消导出' }).click();
  await expect(page.getByRole('status').filter({ hasText: '已取消导出，没有生成文件。' })).toBeVisible();
  await expect(progress).toBeHidden();
  await expect(exportButton).toBeFocused();
  release();
  await page.waitForTimeout(1_000);
  expect(downloads).toBe(1);
});

test('a 20,000-row workbook imported through the UI: every row in the grid, status and title frozen, the near-duplicate search’s limit said', async ({ host, page }) => {
  test.setTimeout(120_000);
  const big = await largeWorkbook(20_000, alikeTitle);
  await page.goto(host.url);
  await createPapers(page, '2026年度论文遴选（两万行）');
  await chooseFile(page, '两万行.xlsx', big);
  const dialog = page.getByRole('dialog', { name: '导入推荐表' });
  await expect(dialog.getByTestId('preview-totals')).toContainText('新增 20000', { timeout: 60_000 });
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog.getByTestId('import-report')).toBeVisible({ timeout: 60_000 });
  await dialog.getByRole('button', { name: '完成' }).click();
  await expect(page.getByText('显示 20000 / 20000 项')).toBeVisible({ timeout: 30_000 });
  const grid = page.getByRole('grid', { name: '推荐名单' });
  await expect(grid).toHaveAttribute('aria-rowcount', '20001');
  expect(await grid.getByRole('row').count()).toBeLessThan(60);
  // So alike a set of titles trips the near-duplicate search's limit: the page says so.
  await expect(page.getByTestId('near-capped')).toContainText('相似比对已达上限');
  await grid.locator('[role=gridcell][data-row="0"][data-col="3"]').click();
  await page.keyboard.press('Control+End');
  await expect(grid.locator('[role=gridcell][data-row="19999"]').last()).toHaveClass(/pd-grid__cell--active/);
  await expect(grid.getByRole('columnheader', { name: '审查结论' })).toBeInViewport();
  await expect(grid.getByRole('columnheader', { name: '论文题目' })).toBeInViewport();
  await expect(grid.locator('[role=gridcell][data-row="19999"][data-col="1"]')).toContainText(alikeTitle(19_999));
});

test('in English: a near match is listed in the preview, and confirmed the same nomination in its details', async ({ host, page }) => {
  await page.goto(host.url);
  await createPapers(page, '2026 papers');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nominations and formal check' })).toBeVisible();
  const dialog = page.getByRole('dialog', { name: 'Import a nominations workbook' });

  await page.getByTestId('open-import').click();
  await dialog.getByTestId('import-file').setInputFiles({ name: 'chemistry.xlsx', mimeType: XLSX, buffer: await chemistryWorkbook() });
  await expect(dialog.getByTestId('missing-required')).toHaveText('No column is matched to these required fields: Journal');
  await expect(dialog.getByTestId('import-issues')).toContainText('“abc” is not a year');
  await dialog.getByRole('combobox', { name: 'Field for column F “来源载体”' }).selectOption('journal');
  await expect(dialog.getByTestId('missing-required')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Import these rows (4)' }).click();
  await expect(dialog.getByTestId('import-report')).toContainText('4 imported, 0 updated, 0 unchanged, 1 rejected.');
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.getByTestId('open-import').click();
  await dialog.getByTestId('import-file').setInputFiles({ name: 'materials.xlsx', mimeType: XLSX, buffer: await materialsWorkbook() });
  await expect(dialog.getByTestId('preview-near')).toContainText('Row 2 “高效钙钛矿太阳能电池的界面工程研究” resembles “高效钙钛矿太阳能电池的界面工程”');
  await dialog.getByTestId('import-confirm').click();
  await expect(dialog.getByTestId('import-report')).toContainText('2 imported');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('6 of 6 shown')).toBeVisible();

  const grid = page.getByRole('grid', { name: 'Nominations' });
  await grid.locator('.pd-grid__text:text-is("高效钙钛矿太阳能电池的界面工程研究")').click();
  const detail = page.getByTestId('nomination-detail');
  await expect(detail).toContainText('Resembles another nomination, “高效钙钛矿太阳能电池的界面工程”');
  await detail.getByTestId('detail-near').getByRole('button', { name: 'Same nomination' }).click();
  await expect(page.getByText('5 of 5 shown')).toBeVisible();
  await expect(detail).toContainText('Nominators: 中国材料研究学会, 中国化学会');
  await expect(detail.locator('[data-field="title"]')).toContainText('Sources disagree');
  await expect(detail.getByTestId('detail-history')).toContainText('Duplicates merged');
});
