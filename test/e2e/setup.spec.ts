import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const CRITERIA = ['学术价值', '社会影响力', '科技工作者关注度', '服务经济社会发展'];

function weight(page: Page, name: string) {
  return page.getByRole('textbox', { name: `指标“${name}”的权重（分）` });
}

async function expectSaved(page: Page) {
  await expect(page.getByTestId('save-state')).toContainText('已保存');
}

async function createConferences(page: Page, name: string) {
  await page.getByRole('link', { name: /新建评审活动/ }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: '新建评审活动' })).toBeVisible();
  await page.getByRole('radio', { name: /十佳影响力学术会议评选/ }).check();
  // What the template brings is said before creating.
  await expect(page.getByText('原始文件未规定权重：四项暂按各 25 分，需要确认')).toBeVisible();
  await page.getByLabel('名称', { exact: true }).fill(name);
  await page.getByLabel('年度', { exact: true }).fill('2026');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/[^/]+\/setup$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('a secretary sets up a conferences campaign alone, and it is all there after a restart', async ({ host, page }) => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { level: 1, name: '评审活动' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

  const name = '2026年度十佳影响力学术会议评选';
  await createConferences(page, name);

  // The seed's four criteria, 25 points each, marked "to confirm".
  for (const c of CRITERIA) await expect(weight(page, c)).toHaveValue('25');
  await expect(page.locator('tbody[data-criterion]')).toHaveCount(4);
  await expect(page.getByTestId('weight-total')).toContainText('权重合计 100 分');
  await expect(page.getByText('原始文件没有规定权重')).toBeVisible();
  await expect(page.getByTestId('campaign-warnings')).toContainText('有 4 项指标的权重是模板的暂定值');

  // A weight changed: the total says what is over, live, and the campaign's warning says it in words.
  await weight(page, '学术价值').fill('30');
  await expect(page.getByTestId('weight-total')).toContainText('超出 5 分');
  await weight(page, '学术价值').press('Tab');
  await expectSaved(page);
  await expect(page.getByTestId('campaign-warnings')).toContainText('评分细则的权重合计为 105 分，不是 100 分');

  await weight(page, '社会影响力').fill('15');
  await expect(page.getByTestId('weight-total')).toContainText('还差 5 分');
  // Fixed: 30 + 20 + 25 + 25.
  await weight(page, '社会影响力').fill('20');
  await weight(page, '社会影响力').press('Enter');
  await expect(page.getByTestId('weight-total')).toContainText('权重合计 100 分');
  await expectSaved(page);
  await expect(page.locator('[data-warning="RUBRIC_WEIGHTS_NOT_100"]')).toHaveCount(0);

  // The remaining provisional weights are confirmed.
  await page.getByRole('button', { name: '确认这些权重' }).click();
  await expect(page.getByText('原始文件没有规定权重')).toHaveCount(0);
  await expect(page.getByTestId('campaign-warnings')).toHaveCount(0);

  // Disciplines, then a discipline group.
  const newDiscipline = page.getByPlaceholder('输入学科名称后按回车');
  await newDiscipline.fill('计算机科学、电子工程');
  await newDiscipline.press('Enter');
  await expect(page.getByRole('list', { name: '学科' }).getByText('计算机科学')).toBeVisible();
  await expect(page.getByRole('list', { name: '学科' }).getByText('电子工程')).toBeVisible();

  await page.getByRole('button', { name: '添加学科评审组' }).click();
  const group = page.locator('tbody[data-group]').first();
  await expect(group).toBeVisible();
  const groupName = group.locator('[data-field$=".name"]');
  await groupName.fill('信息科学组');
  await groupName.press('Tab');
  await expectSaved(page);
  // A group's disciplines are picked from the campaign's list.
  const picker = group.locator('[data-field$=".disciplines"]');
  await picker.locator('summary').click();
  await picker.getByRole('checkbox', { name: '计算机科学' }).check();
  await picker.getByRole('checkbox', { name: '电子工程' }).check();
  await picker.locator('summary').click();
  await expect(picker.locator('summary')).toHaveText('计算机科学、电子工程');
  await group.locator('[data-field$=".leader"]').fill('张伟');
  await group.locator('[data-field$=".leader"]').press('Tab');
  await group.locator('[data-field$=".quotaShare"]').fill('4');
  await group.locator('[data-field$=".quotaShare"]').press('Tab');
  await group.getByRole('checkbox').check();
  await expectSaved(page);
  await expect(group.getByRole('checkbox')).toBeChecked();

  // Group quotas over the campaign's quota are flagged beside the field, and the flag goes once they fit.
  const share = group.locator('[data-field$=".quotaShare"]');
  await share.fill('400');
  await share.press('Tab');
  await expect(group.getByTestId('quota-over')).toContainText('超过活动名额');
  await share.fill('4');
  await share.press('Tab');
  await expect(group.getByTestId('quota-over')).toHaveCount(0);

  // A setting with its default shown once changed.
  const perItem = page.getByLabel('每项评审专家数（K）');
  await perItem.fill('7');
  await perItem.press('Tab');
  await expectSaved(page);
  await expect(page.locator('.field-row', { has: perItem })).toContainText('默认 5');

  // Changes are recorded.
  await expect(page.locator('.history')).toContainText('指标“学术价值”的权重');
  await expect(page.locator('.history')).toContainText('25 → 30');

  // Restart the host on the same data folder: everything is there.
  const url = page.url();
  const id = url.split('/campaigns/')[1]!.split('/')[0]!;
  await host.restart();
  await page.goto(host.url);
  await expect(page.getByRole('table').getByRole('link', { name })).toBeVisible();
  await page.getByRole('table').getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`#/campaigns/${id}/setup$`));
  await expect(weight(page, '学术价值')).toHaveValue('30');
  await expect(weight(page, '社会影响力')).toHaveValue('20');
  await expect(weight(page, '科技工作者关注度')).toHaveValue('25');
  await expect(weight(page, '服务经济社会发展')).toHaveValue('25');
  await expect(page.getByTestId('weight-total')).toContainText('权重合计 100 分');
  await expect(page.locator('.badge-confirm')).toHaveCount(0);
  const again = page.locator('tbody[data-group]').first();
  await expect(again.locator('[data-field$=".name"]')).toHaveValue('信息科学组');
  await expect(again.locator('[data-field$=".disciplines"] summary')).toHaveText('计算机科学、电子工程');
  await expect(again.locator('[data-field$=".leader"]')).toHaveValue('张伟');
  await expect(again.locator('[data-field$=".quotaShare"]')).toHaveValue('4');
  await expect(again.getByRole('checkbox')).toBeChecked();
  await expect(page.getByLabel('每项评审专家数（K）')).toHaveValue('7');

  // English, and back; the choice is remembered.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { level: 2, name: 'Rubric' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Weight (points) of criterion “Academic value”' })).toHaveValue('30');
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Discipline groups' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 2, name: '评分细则' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: '学科评审组' })).toBeVisible();
});

test('a bad value is said in words next to the field, and what was typed is kept', async ({ host, page }) => {
  await page.goto(host.url);
  await createConferences(page, '十佳会议（校验）');

  const w = weight(page, '学术价值');
  await w.fill('-5');
  await w.press('Tab');
  const row = page.locator('tbody[data-criterion="academic-value"]');
  await expect(row.getByRole('alert')).toHaveText('指标“学术价值”的权重须在 0 到 100 之间。');
  await expect(w).toHaveValue('-5');
  await expect(w).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('save-state')).toContainText('未保存');

  await w.fill('150');
  await w.press('Enter');
  await expect(row.getByRole('alert')).toHaveText('指标“学术价值”的权重须在 0 到 100 之间。');
  await expect(w).toHaveValue('150');

  // Other fields still save while this one waits to be corrected; nothing else is lost.
  const nameEn = row.locator('[data-field="criteria.academic-value.nameEn"]');
  await nameEn.fill('Academic merit');
  await nameEn.press('Tab');
  await expect(nameEn).toHaveValue('Academic merit');
  await expect(w).toHaveValue('150');

  // Text that is not a number is refused before it is sent.
  const k = page.getByLabel('每项评审专家数（K）');
  await k.fill('五');
  await k.press('Tab');
  await expect(page.locator('.field-row', { has: k }).getByRole('alert')).toHaveText('请输入数字。');
  await k.fill('0');
  await k.press('Tab');
  await expect(page.locator('.field-row', { has: k }).getByRole('alert')).toHaveText('每项评审专家数（K）须在 1 到 50 之间。');
  await expect(k).toHaveValue('0');

  // Corrected: saved, message gone. Adding a criterion straight after (while the weight may still be saving)
  // loses neither. A reload shows what main holds.
  await w.fill('40');
  await page.getByRole('button', { name: '添加指标' }).click();
  await expect(row.getByRole('alert')).toHaveCount(0);
  await expect(page.locator('tbody[data-criterion]')).toHaveCount(5);
  await k.fill('3');
  await k.press('Tab');
  await expect(page.getByTestId('save-state')).toContainText('已保存');
  await page.reload();
  await expect(weight(page, '学术价值')).toHaveValue('40');
  await expect(row.locator('[data-field="criteria.academic-value.nameEn"]')).toHaveValue('Academic merit');
  await expect(page.getByLabel('每项评审专家数（K）')).toHaveValue('3');
  await expect(page.locator('tbody[data-criterion]')).toHaveCount(5);
  await expect(page.getByRole('textbox', { name: '指标“新指标”的权重（分）' })).toHaveValue('0');
  await expect(page.getByTestId('weight-total')).toContainText('超出 15 分');
});

test('two windows on one campaign: a list edit from an older copy is refused in words and the campaign reloaded, never overwritten', async ({ host, page, context }) => {
  await page.goto(host.url);
  await createConferences(page, '十佳会议（两个窗口）');
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(weight(other, '学术价值')).toHaveValue('25');

  // The first window adds a criterion; the second, still showing four, adds a discipline group.
  await page.getByRole('button', { name: '添加指标' }).click();
  await expect(page.locator('tbody[data-criterion]')).toHaveCount(5);
  await other.getByRole('button', { name: '添加学科评审组' }).click();
  await expect(other.getByText('这个评审活动刚在别处（另一个窗口）被修改过')).toBeVisible();
  await expect(other.locator('tbody[data-criterion]')).toHaveCount(5);

  // Done again on the fresh copy, it goes through; the first window's criterion is still there.
  await other.getByRole('button', { name: '添加学科评审组' }).click();
  await expect(other.locator('tbody[data-group]')).toHaveCount(1);
  await page.reload();
  await expect(page.locator('tbody[data-criterion]')).toHaveCount(5);
  await expect(page.locator('tbody[data-group]')).toHaveCount(1);
});
