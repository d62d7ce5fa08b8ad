import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, startServe, stopServe, test } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Types one row of scores from its first criterion: value, Tab, value, …, Enter. */
async function typeRow(page: Page, row: number, values: string[]) {
  await page.locator(`[data-testid=paper-entry-screen] [role=gridcell][data-row="${row}"][data-col="1"]`).click();
  for (const [i, v] of values.entries()) {
    await page.keyboard.type(v);
    await page.keyboard.press(i === values.length - 1 ? 'Enter' : 'Tab');
  }
}

test.use({ trace: 'off' });

test('paper entry (代录): typed by keyboard, a wrong value refused with its reason, a blind second entry that differs is shown, fixed, saved; the board follows', async ({ browser }) => {
  test.setTimeout(120_000);
  // The secretary's folder (scoring-setup.ts): 专家A (张三) has three nominations, 专家B (钱七) two; rubric 40/30/30.
  const secDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-paper-'));
  const setup = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/e2e/scoring-setup.ts'), secDir], { cwd: repoRoot, encoding: 'utf8' });
  expect(setup.status, setup.stderr).toBe(0);
  const { campaignId } = JSON.parse(setup.stdout) as { campaignId: string };
  const sec = await startServe(secDir);
  const page = await browser.newPage();
  try {
    await page.goto(sec.url);
    await page.goto(`${sec.app}#/campaigns/${campaignId}/scoring`);
    const board = page.getByTestId('board-table');
    await expect(board.locator('tbody tr').nth(0)).toContainText('0 / 3');
    await board.locator('tbody tr').nth(0).getByTestId('paper-entry').click();
    const screen = page.getByTestId('paper-entry-screen');
    await expect(screen).toContainText('代录纸质评分表');
    await expect(screen.getByTestId('paper-intro')).toContainText('专家A（张三）：3 项');
    // Entered by: this workstation's identity name, unless changed.
    await expect(screen.getByTestId('paper-by')).toHaveValue('王秘书');
    await screen.getByTestId('paper-double').check();
    await screen.getByTestId('paper-second-by').fill('李录入');

    // First entry, by keyboard. 45 is above the first criterion's 40: refused on the cell with the reason.
    await typeRow(page, 0, ['38', '28', '25']);
    await page.locator('[data-testid=paper-entry-screen] [role=gridcell][data-row="1"][data-col="1"]').click();
    await page.keyboard.type('45');
    await page.keyboard.press('Enter');
    await expect(screen).toContainText('应在 0 至 40 之间');
    await page.keyboard.press('Escape');
    await typeRow(page, 1, ['30', '20', '20']);
    await typeRow(page, 2, ['20', '15', '10']);
    // The live weighted total: 38 + 28 + 25 on a 40/30/30 rubric whose maxima are the weights.
    await expect(screen.getByRole('grid')).toContainText('91.00');
    await expect(screen.getByRole('grid')).toContainText('45.00');

    // The second entry is blind: the first is hidden; the second typist makes one mistake (21 for 20).
    await screen.getByTestId('paper-start-second').click();
    await expect(screen.getByTestId('paper-which')).toHaveText('第二次录入');
    await expect(screen.getByRole('grid')).not.toContainText('91.00');
    await typeRow(page, 0, ['38', '28', '25']);
    await typeRow(page, 1, ['30', '21', '20']);
    await typeRow(page, 2, ['20', '15', '10']);
    await screen.getByTestId('paper-save').click();
    await expect(screen.getByTestId('paper-message')).toContainText('两次录入有 1 处不一致');
    await expect(screen.getByTestId('paper-diffs')).toHaveText('城市韧性 · 前沿性：第一次 20，第二次 21');
    await expect(screen.locator('[role=gridcell].paper-diff')).toHaveCount(1);
    await expect(screen.locator('[role=gridcell].paper-diff')).toHaveText('21');
    await expect(screen.getByTestId('paper-save')).toBeDisabled();
    // Nothing saved yet.
    await expect(board.locator('tbody tr').nth(0)).toContainText('0 / 3');
    await page.screenshot({ path: test.info().outputPath('paper-differ-zh.png'), fullPage: true });

    // Corrected against the paper sheet: the two agree, and then it is saved.
    await page.locator('[data-testid=paper-entry-screen] [role=gridcell][data-row="1"][data-col="2"]').click();
    await page.keyboard.type('20');
    await page.keyboard.press('Enter');
    await expect(screen.getByTestId('paper-agree')).toBeVisible();
    await expect(screen.locator('[role=gridcell].paper-diff')).toHaveCount(0);
    await screen.getByTestId('paper-save').click();
    await expect(screen.getByTestId('paper-message')).toHaveText('已保存 3 项，记为代录（录入人：王秘书／李录入）。');
    // What was saved is the first entry now (double entry off, ready for another sheet).
    await expect(screen.getByTestId('paper-double')).not.toBeChecked();
    await expect(screen.getByTestId('paper-save')).toHaveText('保存');
    await expect(screen.getByRole('grid')).toContainText('70.00');
    await page.screenshot({ path: test.info().outputPath('paper-saved-zh.png'), fullPage: true });
    await screen.getByTestId('paper-close').click();
    await expect(screen).toBeHidden();
    await expect(board.locator('tbody tr').nth(0)).toContainText('3 / 3');
    await page.screenshot({ path: test.info().outputPath('paper-board-zh.png'), fullPage: true });

    // English: 专家B's sheet, a single entry; a value off the screen's range refused in English, the rest kept.
    await page.getByRole('button', { name: 'English' }).click();
    await board.locator('tbody tr').nth(1).getByTestId('paper-entry').click();
    await expect(screen).toContainText('Enter a paper score sheet');
    await expect(screen.getByTestId('paper-intro')).toContainText('专家B (钱七): 2 nominations');
    await typeRow(page, 0, ['35', '20', '31']);
    await expect(screen).toContainText('between 0 and 30');
    await page.keyboard.press('Escape');
    await page.keyboard.type('25');
    await page.keyboard.press('Enter');
    await expect(screen.getByRole('grid')).toContainText('80.00');
    await page.screenshot({ path: test.info().outputPath('paper-en.png'), fullPage: true });
    await screen.getByTestId('paper-save').click();
    await expect(screen.getByTestId('paper-message')).toHaveText('1 nominations saved as a paper entry (entered by 王秘书).');
    await screen.getByTestId('paper-close').click();
    await expect(board.locator('tbody tr').nth(1)).toContainText('1 / 2');

    // The history records the paper entries; the blind setting is on the setup page, on by default, in both languages.
    await page.goto(`${sec.app}#/campaigns/${campaignId}/setup`);
    await expect(page.locator('.history')).toContainText('Paper scores typed in');
    // Each line in words: who typed the sheet in, and each score by its nomination, expert code and criterion.
    await expect(page.locator('.history')).toContainText('Expert B\'s paper scores · typed in by');
    await expect(page.locator('.history')).toContainText('王秘书／李录入');
    await expect(page.locator('.history')).toContainText('Expert A\'s paper scores · entered twice');
    await expect(page.locator('.history')).toContainText(/“[^”]+” · Expert B · /);
    await page.locator('.history').screenshot({ path: test.info().outputPath('paper-history-en.png') });
    const blind = page.locator('[data-setting="scoring.blind"]');
    await expect(blind).toBeChecked();
    const row = page.locator('.field-row', { has: blind });
    await expect(row).toContainText('Blind review (nominator hidden from experts)');
    await blind.uncheck();
    await expect(row).toContainText('default Yes');
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('blind-setting-en.png') });
    await page.getByRole('button', { name: '中文' }).click();
    await expect(row).toContainText('匿名评审（不向专家显示推荐单位）');
    await expect(row).toContainText('默认 是');
    await page.screenshot({ path: test.info().outputPath('blind-setting-zh.png') });
    await page.reload();
    await expect(page.locator('[data-setting="scoring.blind"]')).not.toBeChecked();
  } finally {
    await page.close();
    await stopServe(sec);
    fs.rmSync(secDir, { recursive: true, force: true });
  }
});
