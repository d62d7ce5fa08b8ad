import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { startServe, stopServe } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(repoRoot, 'test-results', 'results-screens');

/** A data folder seeded with a scored campaign (test/fixtures/results-seed.ts, the store's own API), then served. */
test('results: switch methods and see the ranking change, open the discussion list, adjust a rank with a reason', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-results-'));
  const seeded = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/fixtures/results-seed.ts'), dataDir], { cwd: repoRoot, encoding: 'utf8' });
  expect(seeded.status, seeded.stderr).toBe(0);
  const id = seeded.stdout.trim();
  const host = await startServe(dataDir);
  try {
    await page.goto(host.url);
    await page.goto(`${host.app}#/campaigns/${id}/results`);
    await expect(page.getByRole('heading', { name: '汇总结果' })).toBeVisible();
    const line = page.getByTestId('cut-line');
    const rowOf = (text: string) => page.getByRole('row').filter({ hasText: text });

    // The mean: the robot conference and the physics congress take the two seats.
    await expect(line).toContainText('线上最后一名：全国物理学大会（第 2 名');
    await expect(line).toContainText('线下第一名：中国化学会学术年会');
    await expect(rowOf('全国物理学大会')).toContainText('入选');
    await expect(rowOf('未评分的会议')).toContainText('无得分');
    fs.mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'results-zh.png'), fullPage: true });

    // The additive model corrects the harsh and the lenient expert: the chemistry meeting overtakes.
    await page.getByTestId('method').selectOption('additive');
    await expect(line).toContainText('线上最后一名：中国化学会学术年会（第 2 名');
    await expect(rowOf('全国物理学大会')).toContainText('未入选');

    // The discussion list: the materials symposium's three scores under codes, with comments; names on request.
    await page.getByRole('button', { name: /待讨论名单/ }).click();
    const discuss = page.getByTestId('discussion');
    await expect(discuss).toContainText('国际材料科学研讨会');
    await expect(discuss).toContainText('专家A');
    await expect(discuss).toContainText('选题陈旧，组织一般');
    await expect(discuss).not.toContainText('张严格');
    await discuss.getByLabel('显示专家姓名').check();
    await expect(discuss).toContainText('张严格');
    await discuss.getByRole('button', { name: '关闭' }).click();

    // Adjust: select the physics congress by hand, with a reason; it takes a seat and says why.
    await rowOf('全国物理学大会').locator('[role="gridcell"]').nth(2).click();
    await page.getByRole('button', { name: '调整所选项目…' }).click();
    const dialog = page.getByTestId('adjust');
    await dialog.getByRole('combobox').selectOption('select');
    await expect(dialog.getByRole('button', { name: '保存调整' })).toBeDisabled();
    await dialog.getByRole('textbox').fill('会议一致认为其影响力被低估');
    await dialog.getByRole('button', { name: '保存调整' }).click();
    await expect(page.getByRole('status').filter({ hasText: '已保存调整' })).toBeVisible();
    await expect(rowOf('全国物理学大会')).toContainText('手工选入：会议一致认为其影响力被低估');
    await expect(rowOf('中国化学会学术年会')).toContainText('未入选');
    await expect(line).toContainText('1 项为手工选入');

    // English.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByRole('heading', { name: 'Results' })).toBeVisible();
    await expect(line).toContainText('selected by hand');
    await page.screenshot({ path: path.join(shots, 'results-en.png'), fullPage: true });
  } finally {
    await stopServe(host);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
