import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from '@playwright/test';
import { expect, startServe, stopServe, test } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(repoRoot, 'test-results', 'scoring-supplement');

async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: d.suggestedFilename(), bytes: fs.readFileSync(await d.path()) };
}

test.use({ trace: 'off' });

test('the board: a recusal one score short, a supplementary sheet issued, every sheet in one ZIP with its README', async ({ browser }) => {
  test.setTimeout(120_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-e2e-supp-'));
  const setup = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/e2e/scoring-supplement-setup.ts'), dir], { cwd: repoRoot, encoding: 'utf8' });
  expect(setup.status, setup.stderr).toBe(0);
  const { campaignId } = JSON.parse(setup.stdout) as { campaignId: string };
  const sec = await startServe(dir);
  const page = await browser.newPage({ acceptDownloads: true });
  try {
    await page.goto(sec.url);
    await page.goto(`${sec.app}#/campaigns/${campaignId}/scoring`);
    await expect(page.getByTestId('scoring-board')).toBeVisible();

    // 缺评: the first nomination, with the reason in words and who may step in.
    const short = page.getByTestId('short-item');
    await expect(short).toHaveCount(1);
    await expect(short).toContainText('量子生物学');
    await expect(short).toContainText('缺评 1 份：有效评审 1 / 2 位');
    await expect(short).toContainText('专家B 钱七在评分表上声明回避（利益冲突）');
    await expect(short.getByTestId('supplement-expert').locator('option')).toHaveText(['专家C · 孙八（已分配 0 项）']);
    await page.screenshot({ path: path.join(shots, 'short-zh.png'), fullPage: true });

    // Sheets out (a job with progress), then the supplementary sheet issued through the board.
    await page.getByTestId('export-sheets').click();
    // The writers are worker threads loading ExcelJS on their first task: a loaded machine takes its time.
    await expect(page.getByTestId('sheet-file')).toHaveCount(2, { timeout: 60_000 });
    await short.getByTestId('issue-supplement').click();
    await expect(page.getByTestId('board-message')).toContainText('已为 专家C 孙八 发出补充评分表“专家C-补充评分表.xlsx”', { timeout: 60_000 });
    await expect(page.getByTestId('short-item')).toHaveCount(0);
    await expect(page.getByTestId('supplements')).toContainText('专家C · 孙八：“量子生物学” · 待交回');
    await expect(page.getByTestId('sheet-file')).toHaveText(['⬇ 专家A-评分表.xlsx', '⬇ 专家B-评分表.xlsx', '⬇ 专家C-补充评分表.xlsx']);

    // Every sheet in one ZIP: the three sheets and the README (codes and counts, no names).
    const zip = await download(page, () => page.getByTestId('download-zip').click());
    expect(zip.name).toBe('2026 跨界议题-评分表.zip');
    const entries = unzipSync(new Uint8Array(zip.bytes));
    expect(Object.keys(entries).sort()).toEqual(['专家A-评分表.xlsx', '专家B-评分表.xlsx', '专家C-补充评分表.xlsx', '说明 README.txt']);
    for (const [name, bytes] of Object.entries(entries)) if (name.endsWith('.xlsx')) expect(strFromU8(bytes.subarray(0, 2), true)).toBe('PK');
    const readme = strFromU8(entries['说明 README.txt']!);
    expect(readme).toContain('专家A-评分表.xlsx\t专家A\t3');
    expect(readme).toContain('专家C-补充评分表.xlsx\t专家C\t1\t补充 supplementary');
    for (const name of ['张三', '钱七', '孙八']) expect(readme).not.toContain(name);
    await page.screenshot({ path: path.join(shots, 'issued-zh.png'), fullPage: true });

    // English: the same board in words.
    await page.getByRole('button', { name: 'English' }).click();
    await expect(page.getByTestId('download-zip')).toHaveText('⬇ Download all (ZIP)');
    await expect(page.getByTestId('supplements')).toContainText('专家C · 孙八: “量子生物学” · awaiting return');
    await expect(page.getByTestId('board-message')).toHaveText('3 score sheets and the README packed.');
    await page.screenshot({ path: path.join(shots, 'issued-en.png'), fullPage: true });
  } finally {
    await page.close();
    await stopServe(sec);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
