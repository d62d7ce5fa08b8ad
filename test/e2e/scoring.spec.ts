import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import type { Page } from '@playwright/test';
import { expect, startServe, stopServe, test } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function paste(page: Page, text: string) {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}
async function edited(bytes: Buffer, fn: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  fn(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
async function downloaded(page: Page, click: () => Promise<void>, count = 1): Promise<{ name: string; bytes: Buffer }[]> {
  const out: { name: string; bytes: Buffer }[] = [];
  const all = new Promise<void>((resolve) => {
    page.on('download', async (d) => {
      out.push({ name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) });
      if (out.length === count) resolve();
    });
  });
  await click();
  await all;
  page.removeAllListeners('download');
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

test.use({ trace: 'off' });

test('secretary and expert on two hosts: sheets out, scored by keyboard and paste, undone, submitted signed, taken back; tampering refused; an Excel-filled sheet accepted unsigned', async ({ host, browser }) => {
  test.setTimeout(120_000);
  // The secretary's folder: the fixture's host is the expert's; the secretary's is set up, then served.
  const secDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-sec-'));
  const setup = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/e2e/scoring-setup.ts'), secDir], { cwd: repoRoot, encoding: 'utf8' });
  expect(setup.status, setup.stderr).toBe(0);
  const { campaignId } = JSON.parse(setup.stdout) as { campaignId: string };
  const sec = await startServe(secDir);
  const secPage = await browser.newPage({ acceptDownloads: true });
  try {
    await secPage.goto(sec.url);
    await secPage.goto(`${sec.app}#/campaigns/${campaignId}/scoring`);
    await expect(secPage.getByTestId('scoring-board')).toBeVisible();
    await secPage.getByTestId('export-sheets').click();
    const sheets = [
      ...await downloaded(secPage, () => secPage.getByTestId('sheet-file').nth(0).click()),
      ...await downloaded(secPage, () => secPage.getByTestId('sheet-file').nth(1).click()),
    ];
    expect(sheets.map((s) => s.name)).toEqual(['专家A-评分表.xlsx', '专家B-评分表.xlsx']);

    // The expert's workstation opens 专家A's sheet.
    const page = await browser.newPage({ acceptDownloads: true });
    await page.goto(host.url);
    await page.getByTestId('open-sheet-input').setInputFiles({ name: sheets[0]!.name, mimeType: XLSX_TYPE, buffer: sheets[0]!.bytes });
    await expect(page.getByTestId('expert-sheet')).toBeVisible();
    const grid = page.getByRole('grid');
    // Keyboard: the first criterion of the first row, typed, Enter moves down.
    await page.locator('[role=gridcell][data-row="0"][data-col="1"]').click();
    await page.keyboard.type('38');
    await page.keyboard.press('Tab');
    await page.keyboard.type('28');
    await page.keyboard.press('Tab');
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('scoring-progress')).toHaveText('已完成 1 / 3');
    // Enter after the Tabs: the next row's first criterion, where the Tabs began (Excel).
    await expect(page.locator('[role=gridcell][data-row="1"][data-col="1"]')).toHaveClass(/pd-grid__cell--active/);
    // Out of range: refused on the cell, with the reason.
    await page.locator('[role=gridcell][data-row="1"][data-col="1"]').click();
    await page.keyboard.type('45');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('expert-sheet')).toContainText('应在 0 至 40 之间');
    await expect(page.getByTestId('scoring-progress')).toHaveText('已完成 1 / 3');
    await page.keyboard.press('Escape');
    // A block pasted from a spreadsheet: rows 2 and 3, three criteria.
    await page.locator('[role=gridcell][data-row="1"][data-col="1"]').click();
    await paste(page, '20\t15\t10\r\n30\t20\t20\r\n');
    await expect(page.getByTestId('scoring-progress')).toHaveText('已完成 3 / 3');
    await expect(grid).toContainText('45.00');
    // Undo the paste, then paste again.
    await page.keyboard.press('Control+z');
    await expect(page.getByTestId('scoring-progress')).toHaveText('已完成 1 / 3');
    await paste(page, '20\t15\t10\r\n30\t20\t20\r\n');
    await expect(page.getByTestId('scoring-progress')).toHaveText('已完成 3 / 3');
    await page.screenshot({ path: test.info().outputPath('expert-zh.png'), fullPage: true });
    const [signed] = await downloaded(page, () => page.getByTestId('submit-sheet').click());
    expect(signed!.name).toBe('专家A-评分表-1.xlsx');

    // The secretary takes it back: a new key held, its fingerprint shown, trusted, accepted.
    await secPage.getByTestId('import-sheets').setInputFiles({ name: signed!.name, mimeType: XLSX_TYPE, buffer: signed!.bytes });
    await expect(secPage.locator('[data-outcome="HELD_NEW_KEY"]')).toBeVisible();
    await expect(secPage.getByTestId('fingerprint').first()).toHaveText(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);
    await secPage.getByTestId('trust-key').click();
    await expect(secPage.locator('[data-outcome="ACCEPTED_SIGNED"]')).toBeVisible();

    // A visible value changed after signing: refused, with the cell and the reason.
    const tampered = await edited(signed!.bytes, (wb) => (wb.getWorksheet('评分表 Scores')!.getCell('G2').value = 40));
    await secPage.getByTestId('import-sheets').setInputFiles({ name: 'tampered.xlsx', mimeType: XLSX_TYPE, buffer: tampered });
    const refused = secPage.locator('[data-outcome="REFUSED_VISIBLE_CHANGED"]');
    await expect(refused).toContainText('不一致');
    await expect(refused).toContainText('G2');

    // 专家B's sheet filled without PanelDesk (ExcelJS): accepted, unsigned.
    const filled = await edited(sheets[1]!.bytes, (wb) => {
      const ws = wb.getWorksheet('评分表 Scores')!;
      ws.getCell('G2').value = 35; ws.getCell('H2').value = 20; ws.getCell('I2').value = 25;
      ws.getCell('G3').value = 30; ws.getCell('H3').value = 10; ws.getCell('I3').value = 12;
    });
    await secPage.getByTestId('import-sheets').setInputFiles({ name: 'excel.xlsx', mimeType: XLSX_TYPE, buffer: filled });
    await expect(secPage.locator('[data-outcome="ACCEPTED_UNSIGNED"]')).toContainText('未签名');
    await expect(secPage.getByTestId('board-table')).toContainText('3 / 3');
    await secPage.screenshot({ path: test.info().outputPath('board-zh.png'), fullPage: true });

    // English, both screens.
    await secPage.getByRole('button', { name: 'English' }).click();
    await expect(secPage.getByTestId('scoring-board')).toContainText('Score sheets out and back');
    await expect(secPage.locator('[data-outcome="REFUSED_VISIBLE_CHANGED"]')).toContainText('visible cells differ from what the expert signed');
    await secPage.screenshot({ path: test.info().outputPath('board-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('scoring-progress')).toHaveText('3 of 3 done');
    await page.screenshot({ path: test.info().outputPath('expert-en.png'), fullPage: true });
    await page.close();
  } finally {
    await secPage.close();
    await stopServe(sec);
    fs.rmSync(secDir, { recursive: true, force: true });
  }
});
