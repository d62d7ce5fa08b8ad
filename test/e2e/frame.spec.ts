import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

// Every step after setup, each with its own page (their specs drive them: nominations, panel, scoring, results, meeting).
const STEPS = [
  { id: 'nominations', nav: '推荐' },
  { id: 'panel', nav: '专家组' },
  { id: 'scoring', nav: '评分' },
  { id: 'results', nav: '结果' },
  { id: 'meeting', nav: '会评' },
];

async function newCampaign(page: Page, name: string): Promise<string> {
  await page.getByTestId('new-campaign').click();
  await page.getByLabel('名称', { exact: true }).fill(name);
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/[^/]+\/setup$/);
  return page.url().split('/campaigns/')[1]!.split('/')[0]!;
}

const rootFontSize = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).fontSize);

test('the frame: workflow steps say what they will do, text size and focus for senior experts, shortcuts', async ({ host, page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('link', { name: /评审工作台/ })).toBeVisible();
  await expect(page.getByText('还没有评审活动。')).toBeVisible();
  // Steps need a campaign first.
  await expect(page.getByRole('navigation', { name: '评审流程' }).getByRole('link', { name: /推荐/ })).toHaveCount(0);
  await expect(page.getByText('先选择或新建一个评审活动')).toBeVisible();
  // Shortcuts are shown in tooltips, Ctrl outside macOS.
  await expect(page.getByTestId('new-campaign')).toHaveAttribute('title', '新建评审活动（Ctrl+Alt+N）');
  await expect(page.getByRole('button', { name: '放大字号' })).toHaveAttribute('title', '放大字号（Ctrl+Alt+=）');

  const id = await newCampaign(page, '2026年度青年人才托举遴选');
  await expect(page.getByTestId('campaign-picker')).toHaveValue(id);
  const nav = page.getByRole('navigation', { name: '评审流程' });
  await expect(nav.getByRole('link', { name: /设置/ })).toHaveAttribute('aria-current', 'page');

  for (const s of STEPS) {
    await nav.getByRole('link', { name: new RegExp(s.nav) }).click();
    await expect(page).toHaveURL(new RegExp(`#/campaigns/${id}/${s.id}$`));
    // A page of its own, on a campaign with nothing in it yet: a heading, no placeholder, no failure.
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    await expect(page.getByTestId('not-built')).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
  }
  // Ctrl+Alt+1 goes back to setup.
  await page.locator('body').press('Control+Alt+Digit1');
  await expect(page).toHaveURL(new RegExp(`#/campaigns/${id}/setup$`));

  // Text size: A+ twice, remembered across a reload; Ctrl+Alt+- and A bring it back.
  expect(await rootFontSize(page)).toBe('16px');
  await page.getByRole('button', { name: '放大字号' }).click();
  await page.getByRole('button', { name: '放大字号' }).click();
  expect(await rootFontSize(page)).toBe('20px');
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: '评分细则' })).toBeVisible();
  expect(await rootFontSize(page)).toBe('20px');
  await page.locator('body').press('Control+Alt+Minus');
  expect(await rootFontSize(page)).toBe('18px');
  await page.getByRole('button', { name: /恢复默认字号/ }).click();
  expect(await rootFontSize(page)).toBe('16px');

  // Keyboard focus is always visible: a strong ring.
  await page.goto(`${host.app}#/`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const s = getComputedStyle(el);
    return { tag: el.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
  });
  expect(ring.tag).not.toBe('BODY');
  expect(ring.style).toBe('solid');
  expect(ring.width).toBeGreaterThanOrEqual(3);

  // The campaign list: name, kind in words, year, status, last change in Asia/Shanghai.
  const row = page.getByTestId('campaign-table').getByRole('row', { name: /2026年度青年人才托举遴选/ });
  await expect(row).toContainText('青年人才托举');
  await expect(row).toContainText('设置中');
  await expect(row).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
});

test('a damaged data file found on start is said plainly; the last good backup can be restored, and the notice dismissed', async ({ host, page }) => {
  await page.goto(host.url);
  const name = '十佳会议（恢复）';
  const id = await newCampaign(page, name);
  // A restart folds the journal into the snapshot; a second one leaves the first as the backup.
  await host.restart();
  await page.goto(host.url);
  await page.goto(`${host.app}#/campaigns/${id}/setup`);
  const year = page.getByRole('textbox', { name: '年度', exact: true });
  await year.fill('2027');
  await year.press('Tab');
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  await host.restart();

  const snapshot = path.join(host.dataDir, 'campaigns', id, 'snapshot.json');
  expect(fs.existsSync(snapshot)).toBe(true);
  fs.writeFileSync(snapshot, '{"schemaVersion": 1, "seq": 3, "campa');
  await host.restart();

  await page.goto(host.url);
  const banner = page.locator(`[data-recovery="${id}"]`);
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`数据已恢复：${name}`);
  await expect(banner).toContainText('启动时发现此评审活动的数据文件已损坏。');
  await expect(banner).toContainText('损坏的文件没有删除');
  await expect(banner).not.toContainText('snapshot-corrupt');

  await banner.getByRole('button', { name: '恢复到上一个完好的备份' }).click();
  await expect(banner).toContainText('当前数据会先另存，不会被覆盖');
  await banner.getByRole('button', { name: '恢复到上一个完好的备份' }).click();
  await expect(banner).toContainText('已恢复到备份');

  await banner.getByRole('button', { name: '知道了，不再提示' }).click();
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('campaign-table').getByRole('link', { name })).toBeVisible();

  // English words for the same notice, never codes.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Review campaigns' })).toBeVisible();
});
