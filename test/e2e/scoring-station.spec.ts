// The expert's workstation (issue 11): a kill -9 between two edits loses neither; the focused criterion's bands
// beside the grid; messages that follow the language; "remove this campaign from this laptop" after submitting.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, startServe, test } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A secretary's folder made and thrown away; the expert's score sheet it exported stays in `out`. */
function scoreSheet(out: string): { campaignId: string; name: string; buffer: Buffer } {
  const secDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-sec-'));
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/e2e/scoring-station-setup.ts'), secDir, out], { cwd: repoRoot, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const { campaignId, file } = JSON.parse(r.stdout) as { campaignId: string; file: string };
    return { campaignId, name: path.basename(file), buffer: fs.readFileSync(file) };
  } finally {
    fs.rmSync(secDir, { recursive: true, force: true });
  }
}

const cell = (page: Page, row: number, col: number) => page.locator(`[role=gridcell][data-row="${row}"][data-col="${col}"]`);

/** The value shows in the cell and is no longer pending: main answered, so the journal line is fsynced. */
async function saved(page: Page, row: number, col: number, text: string) {
  await expect(cell(page, row, col)).toHaveText(text);
  await expect(cell(page, row, col)).not.toHaveClass(/pd-grid__cell--pending/);
}

async function openSheet(page: Page, sheet: { name: string; buffer: Buffer }) {
  await page.getByTestId('open-sheet-input').setInputFiles({ name: sheet.name, mimeType: XLSX_TYPE, buffer: sheet.buffer });
  await expect(page.getByTestId('expert-sheet')).toBeVisible();
}

async function paste(page: Page, text: string) {
  await page.evaluate((t) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.activeElement?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

test.use({ trace: 'off' });

test('a kill -9 between two edits loses neither', async ({ browser }) => {
  test.setTimeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-kill-'));
  const dataDir = path.join(tmp, 'data');
  const sheet = scoreSheet(tmp);
  let host = await startServe(dataDir);
  const page = await browser.newPage();
  const killAndRestart = async () => {
    const exited = new Promise<NodeJS.Signals | null>((resolve) => host.child.once('exit', (_code, signal) => resolve(signal)));
    host.child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Its lock names a dead process: the new host takes the folder over.
    host = await startServe(dataDir);
    await page.goto(host.url);
    await page.goto(`${host.app}#/campaigns/${sheet.campaignId}/scoring`);
    await expect(page.getByTestId('expert-sheet')).toBeVisible();
  };
  try {
    await page.goto(host.url);
    await openSheet(page, sheet);
    await cell(page, 0, 1).click();
    await page.keyboard.type('38');
    await page.keyboard.press('Tab');
    await saved(page, 0, 1, '38');

    await killAndRestart();
    await saved(page, 0, 1, '38');
    await cell(page, 0, 2).click();
    await page.keyboard.type('28');
    await page.keyboard.press('Enter');
    await saved(page, 0, 2, '28');

    await killAndRestart();
    await saved(page, 0, 1, '38');
    await saved(page, 0, 2, '28');
    await expect(cell(page, 0, 3)).toHaveText('');
  } finally {
    await page.close();
    if (host.child.exitCode === null && host.child.signalCode === null) host.child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the focused criterion\'s bands beside the grid, messages that follow the language, and remove from this laptop after submitting', async ({ host, browser }) => {
  test.setTimeout(120_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-sheet-'));
  const sheet = scoreSheet(tmp);
  fs.rmSync(tmp, { recursive: true, force: true });
  const page = await browser.newPage({ acceptDownloads: true });
  await page.goto(host.url);
  await openSheet(page, sheet);
  const panel = page.getByTestId('band-panel');

  // On the title column: the rubric's summary, and under the grid what the sheet says of that nomination — its
  // proposer and institution, not who nominated it (the campaign is blind).
  await cell(page, 0, 0).click();
  const item = page.getByTestId('item-panel');
  await expect(item.getByRole('heading')).toHaveText((await cell(page, 0, 0).innerText()).trim());
  await expect(item).toContainText(/李四|王五|赵六/);
  await expect(item).not.toContainText(/学会|研究会/);
  await expect(panel).toHaveAttribute('data-criterion', '');
  await expect(panel).toContainText('评分细则');
  await expect(panel).toContainText('交叉性');
  await expect(panel).toContainText('0–40 分，权重 40%');
  // The mouse on a criterion: its range, step and bands, none marked while the cell is empty.
  await cell(page, 0, 1).click();
  await expect(panel).toHaveAttribute('data-criterion', 'cross-disciplinarity');
  await expect(panel).toContainText('分值 0–40，步长 1，权重 40%');
  await expect(panel.getByTestId('band')).toHaveText(['0–15 交叉不明显', '16–27 有一定交叉', '28–35 交叉明显', '36–40 深度交叉，开创新方向']);
  await expect(panel.locator('[aria-current=true]')).toHaveCount(0);
  await expect(panel.getByTestId('band-cell')).toHaveText('本格尚未打分。');
  // Typed, Enter moves down, the keyboard comes back up: the band the score falls in is marked.
  await page.keyboard.type('30');
  await page.keyboard.press('Enter');
  await saved(page, 0, 1, '30');
  await page.keyboard.press('ArrowUp');
  await expect(panel.locator('[aria-current=true]')).toHaveText('28–35 交叉明显');
  await expect(panel.getByTestId('band-cell')).toHaveText('本格分数：30，属于“交叉明显”档');
  // The keyboard to a criterion without bands.
  await page.keyboard.press('Tab');
  await expect(panel).toHaveAttribute('data-criterion', 'frontier');
  await expect(panel).toContainText('此项未设评分档次');

  // Not submitted yet: removing is not offered, and says why.
  await expect(page.getByTestId('forget-campaign')).toBeDisabled();
  await expect(page.getByText('提交评分表之后才能从这台电脑移除。')).toBeVisible();
  // A refusal shown in Chinese is reworded when the language changes.
  await page.getByTestId('submit-sheet').click();
  await expect(page.getByTestId('scoring-message')).toHaveText('还有 3 项未打完分（也未回避），暂不能提交。');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('scoring-message')).toHaveText('3 nominations are not fully scored (nor recused): the sheet cannot be submitted yet.');
  await expect(panel).toContainText('No bands are set for this criterion');
  await cell(page, 0, 1).click();
  await expect(panel.locator('[aria-current=true]')).toHaveText('28–35 Clearly cross-disciplinary');
  await page.getByRole('button', { name: '中文' }).click();

  // A value the grid refuses stays on its cell with the reason, and the reason follows the language too.
  await cell(page, 1, 1).click();
  await paste(page, '50');
  await expect(cell(page, 1, 1)).toHaveText('50');
  await expect(cell(page, 1, 1)).toHaveAttribute('title', '「50」应在 0 至 40 之间');
  await expect(page.locator('.pd-grid__status')).toHaveText('1 个单元格未修改: 应在 0 至 40 之间');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(cell(page, 1, 1)).toHaveAttribute('title', '“50”: Must be between 0 and 40');
  await expect(cell(page, 1, 1)).toHaveText('50');
  await expect(page.locator('.pd-grid__status')).toHaveText('1 cell(s) not changed: Must be between 0 and 40');
  await page.screenshot({ path: test.info().outputPath('refusal-en.png'), fullPage: true });
  await page.getByRole('button', { name: '中文' }).click();
  await expect(cell(page, 1, 1)).toHaveAttribute('title', '「50」应在 0 至 40 之间');
  await page.screenshot({ path: test.info().outputPath('refusal-zh.png'), fullPage: true });

  await cell(page, 0, 1).click();
  await paste(page, '38\t28\t25\r\n20\t15\t10\r\n30\t20\t20\r\n');
  await expect(page.getByTestId('scoring-progress')).toHaveText('已完成 3 / 3');
  await cell(page, 0, 1).click();
  await expect(panel.locator('[aria-current=true]')).toHaveText('36–40 深度交叉，开创新方向');
  const download = page.waitForEvent('download');
  await page.getByTestId('submit-sheet').click();
  expect((await download).suggestedFilename()).toBe('专家A-评分表-1.xlsx');
  await expect(page.getByTestId('scoring-message')).toHaveText('已提交第 1 版，文件已下载。请将其交回秘书处。');
  await page.screenshot({ path: test.info().outputPath('station-zh.png'), fullPage: true });
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('scoring-message')).toHaveText('Submission 1 made and downloaded. Return the file to the secretariat.');
  await expect(panel).toContainText('Cross-disciplinarity');
  await expect(panel.locator('[aria-current=true]')).toHaveText('36–40 Deeply crossed, opens a new field');
  await page.screenshot({ path: test.info().outputPath('station-en.png'), fullPage: true });

  // Remove: the dialog says what goes and what stays; cancel keeps everything.
  await page.getByTestId('forget-campaign').click();
  const dialog = page.getByTestId('forget-dialog');
  await expect(dialog).toContainText('Remove “2026 跨界议题” from this laptop?');
  await expect(dialog).toContainText('the scores in the file of submission 1 you sent');
  await page.screenshot({ path: test.info().outputPath('forget-en.png') });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await page.getByRole('button', { name: '中文' }).click();
  await page.getByTestId('forget-campaign').click();
  await expect(dialog).toContainText('从这台电脑移除“2026 跨界议题”？');
  await expect(dialog).toContainText('您已提交的第 1 版评分表文件中的分数');
  await page.screenshot({ path: test.info().outputPath('forget-zh.png') });
  await dialog.getByTestId('forget-confirm').click();

  // Home, the campaign gone (from the list and from the data folder); the identity stays.
  await expect(page.getByTestId('open-score-sheet')).toBeVisible();
  await expect(page.locator('main')).not.toContainText('2026 跨界议题');
  await expect(page.getByTestId('campaign-picker').locator('option')).toHaveCount(1);
  await page.screenshot({ path: test.info().outputPath('removed-zh.png'), fullPage: true });
  expect(fs.readdirSync(path.join(host.dataDir, 'campaigns'))).toEqual([]);
  expect(fs.readdirSync(path.join(host.dataDir, 'identity')).length).toBeGreaterThan(0);
  await page.close();
});
