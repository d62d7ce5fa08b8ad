import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import * as XLSX from 'xlsx';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startServe, stopServe } from './fixtures.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shots = path.join(repoRoot, 'test-results', 'meeting');
const TITLES = ['中国化学会第34届学术年会', '中国物理学会秋季学术会议', '中国数学会年会'];

/** A data folder with a scored conferences campaign (quota 3, 6 experts, one declared conflict). */
function seed(dir: string): string {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test/support/seed-meeting.ts'), dir], { cwd: repoRoot, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { campaignId: string }).campaignId;
}

async function cell(page: Page, rowText: string, header: string): Promise<Locator> {
  // The open round's grid is the last one (closed rounds' stay above it).
  const grid = page.getByRole('grid').last();
  const col = await grid.locator('[role="columnheader"]', { has: page.locator(`.pd-grid__th-label:text-is("${header}")`) }).getAttribute('aria-colindex');
  return grid.getByRole('row').filter({ hasText: rowText }).locator(`[role="gridcell"][aria-colindex="${col}"]`);
}

async function typeCounts(page: Page, title: string, counts: [number, number, number]) {
  for (const [k, header] of ['赞成', '反对', '弃权'].entries()) {
    const c = await cell(page, title, header);
    await c.click();
    await page.keyboard.type(String(counts[k]));
    await page.keyboard.press('Enter');
    await expect(c).toHaveText(String(counts[k]));
    await expect(c).not.toHaveAttribute('aria-busy', 'true');
  }
}

test('the meeting: a vote, the charts, the signed result sheet verified and a tampered copy refused, the print view as PDF, the public list', async ({ page }, info) => {
  test.setTimeout(180_000);
  fs.mkdirSync(shots, { recursive: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-meet-'));
  const campaignId = seed(dataDir);
  const host = await startServe(dataDir);
  try {
    await page.goto(host.url);
    await page.goto(`${host.app}#/campaigns/${campaignId}/meeting`);
    await expect(page.getByRole('heading', { name: '会评与结果' })).toBeVisible();
    // Before any vote the rank chart shows the selection by rank and quota.
    await expect(page.getByTestId('chart-rank').locator('svg')).toContainText('按排名入选（未投票）');
    await page.getByRole('button', { name: '开始第 1 轮投票' }).click();
    await expect(page.getByText('第 1 轮投票进行中（名额 3）')).toBeVisible();
    // The conflicted member (专家F) is shown on the second item and left out of its count.
    await expect(await cell(page, TITLES[1]!, '回避')).toHaveText('专家F');
    await typeCounts(page, TITLES[0]!, [6, 0, 0]);
    await typeCounts(page, TITLES[1]!, [4, 1, 0]);
    await typeCounts(page, TITLES[2]!, [3, 3, 0]);
    await expect(page.getByTestId('tally')).toContainText('实到 5 人，赞成 4 票，达到三分之二');
    await page.getByRole('button', { name: '结束投票并计票' }).click();
    await expect(page.getByText('第 1 轮投票已计票')).toBeVisible();
    await expect(page.getByTestId('round-selected')).toContainText(`${TITLES[0]}；${TITLES[1]}`);
    await expect(page.getByTestId('standing')).toHaveText('已入选 2 项，尚余 1 个名额');
    // Fewer passed than seats: the next name on the ranked list goes to a further round.
    await expect(page.getByText('待表决：中国生物化学与分子生物学会全国学术会议')).toBeVisible();
    await page.getByRole('button', { name: '开始第 2 轮投票' }).click();
    await typeCounts(page, '中国生物化学与分子生物学会全国学术会议', [5, 1, 0]);
    await page.getByRole('button', { name: '结束投票并计票' }).click();
    await expect(page.getByTestId('standing')).toHaveText('已入选 3 项，名额已满');

    // The charts: SVG, labelled in Chinese.
    for (const id of ['chart-experts', 'chart-rank', 'chart-disagreement']) await expect(page.getByTestId(id).locator('svg')).toBeVisible();
    await expect(page.getByTestId('chart-experts').locator('svg')).toContainText('专家A');
    await expect(page.getByTestId('chart-rank').locator('svg')).toContainText('入选线');
    // By outcome: two selected in round 1, one in round 2, the rest not selected; the legend says which.
    for (const words of ['第1轮投票当选', '第2轮投票当选', '未入选']) await expect(page.getByTestId('chart-rank').locator('svg')).toContainText(words);
    await expect(page.getByTestId('chart-rank').locator('svg')).not.toContainText('按排名入选');
    await page.getByTestId('chart-rank').screenshot({ path: path.join(shots, 'chart-rank-zh.png') });
    await page.getByTestId('chart-experts').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(shots, 'meeting-zh.png'), fullPage: true });

    // The result sheet: exported, verified, a copy with one number changed refused.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出签名结果表' }).click();
    const sheet = await download;
    const sheetPath = path.join(dataDir, sheet.suggestedFilename());
    await sheet.saveAs(sheetPath);
    await expect(page.getByTestId('export-message')).toContainText('已导出');
    await page.getByTestId('verify-input').setInputFiles(sheetPath);
    await expect(page.getByTestId('verify-result')).toContainText('签名有效，内容未被改动');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(sheetPath);
    wb.getWorksheet('投票 Vote')!.getCell('G2').value = 1;
    const tampered = path.join(dataDir, '改过的结果表.xlsx');
    await wb.xlsx.writeFile(tampered);
    await page.getByTestId('verify-input').setInputFiles(tampered);
    await expect(page.getByTestId('verify-result')).toContainText('核验未通过');
    await expect(page.getByTestId('verify-result')).toContainText('投票 Vote G2：应为“6”，现为“1”');

    // The print view: rendered to PDF, and looked at. In browser mode the browser's print dialog saves PDF: the
    // desktop app's own "save as PDF" button is not offered.
    await expect(page.getByTestId('save-pdf')).toHaveCount(0);
    await page.getByRole('button', { name: '打印页（A4）' }).click();
    const frame = page.getByTestId('print-frame');
    await expect(frame).toBeVisible();
    const html = await frame.getAttribute('srcdoc');
    expect(html).toContain('评审组成员签字');
    const printPage = await page.context().newPage();
    await printPage.setContent(html!);
    await expect(printPage.getByText(TITLES[0]!).first()).toBeVisible();
    await expect(printPage.locator('.sign tbody tr')).toHaveCount(6);
    const pdf = await printPage.pdf({ format: 'A4', printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    fs.writeFileSync(path.join(shots, 'print-zh.pdf'), pdf);
    await printPage.emulateMedia({ media: 'print' });
    await printPage.screenshot({ path: path.join(shots, 'print-zh.png'), fullPage: true });
    await printPage.close();
    await info.attach('print view', { body: pdf, contentType: 'application/pdf' });

    // The public list: no score, no expert.
    const pub = page.waitForEvent('download');
    await page.getByRole('button', { name: '导出公示名单' }).click();
    const pubPath = path.join(dataDir, 'public.xlsx');
    await (await pub).saveAs(pubPath);
    const pbook = XLSX.read(fs.readFileSync(pubPath));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(pbook.Sheets[pbook.SheetNames[0]!]!, { header: 1 });
    expect(rows.slice(1).map((r) => r[1])).toEqual([...TITLES.slice(0, 2), '中国生物化学与分子生物学会全国学术会议']);
    expect(JSON.stringify(rows)).not.toMatch(/得分|专家|Score|Expert/);

    // In English.
    await page.getByRole('button', { name: 'English' }).click().catch(async () => {
      await page.evaluate(() => localStorage.setItem('paneldesk.language', 'en'));
      await page.reload();
    });
    await expect(page.getByRole('heading', { name: 'Meeting and results' })).toBeVisible();
    await expect(page.getByTestId('chart-experts').locator('svg')).toContainText('Expert A');
    for (const words of ['Selected in round 1', 'Selected in round 2', 'Not selected', 'Cut line']) await expect(page.getByTestId('chart-rank').locator('svg')).toContainText(words);
    await page.getByTestId('chart-rank').screenshot({ path: path.join(shots, 'chart-rank-en.png') });
    await page.screenshot({ path: path.join(shots, 'meeting-en.png'), fullPage: true });
  } finally {
    await stopServe(host);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
