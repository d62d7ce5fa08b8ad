import type { Locator, Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { test, expect } from './fixtures.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function book(sheet: string, rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Conferences nominated by societies: organisers written as departments, in English, as the academy itself. */
const NOMINATIONS = [
  ['2026年度十佳学术会议推荐汇总表'],
  ['会议名称', '主办单位', '学科', '推荐单位'],
  ['全国物理学大会', '清华大学物理系', '物理', '中国物理学会'],
  ['化学前沿论坛', '北京大学化学学院', '化学', '中国化学会'],
  ['凝聚态物理研讨会', 'Institute of Physics, Chinese Academy of Sciences', '物理', '中国物理学会'],
  ['计算机系统大会', '北京理工大学', '计算机', '中国计算机学会'],
  ['材料科学大会', '中国科学院', '物理', '中国材料研究学会'],
];

/** The roster: institutions in Chinese, English and short forms; one row without a name. */
function roster(): Promise<Buffer> {
  return book('评审专家', [
    ['2026年度评审专家名单'],
    ['序号', '姓名', '工作单位', '职称', '学科', '学会任职', '邮箱'],
    [1, '张三', 'Tsinghua University', '教授', '物理', '', 'zhang@example.com'],
    [2, '李四', '北大', '教授', '化学', '', ''],
    [3, '王五', '中科院物理所', '研究员', '物理', '', ''],
    [4, '赵六', '中国人民大学', '教授', '化学', '中国化学会', ''],
    [5, '钱七', '北京航空航天大学', '教授', '计算机', '', ''],
    [6, '', '某单位', '', '', '', ''],
  ]);
}

/** Through the app's own door (the page's session): the groups, and the societies' workbook. */
async function seed(page: Page, campaignId: string) {
  const nominations = (await book('推荐', NOMINATIONS)).toString('base64');
  const r = await page.evaluate(async ({ id, b64 }) => {
    const post = async (name: string, args: unknown) => (await fetch(`api/${name}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(args) })).json();
    await post('campaigns.update', { id, patch: { groups: [
      { id: 'g1', name: '理学组', nameEn: 'Science', disciplines: ['物理', '化学'] },
      { id: 'g2', name: '工学组', nameEn: 'Engineering', disciplines: ['计算机'] },
    ] } });
    await post('campaigns.set', { id, assignments: [{ key: 'assignment.perItem', value: 2 }] });
    const p = await post('nominations.preview', { campaignId: id, file: { name: '推荐.xlsx', bytes: { $bytes: b64 } } });
    return post('nominations.import', { campaignId: id, uploadId: p.value.uploadId });
  }, { id: campaignId, b64: nominations });
  expect(r).toMatchObject({ ok: true, value: { imported: 5 } });
}

async function matrixCell(page: Page, rowText: string, expert: string): Promise<Locator> {
  const grid = page.getByRole('grid', { name: '分配矩阵' });
  const col = await grid.locator('[role="columnheader"]', { has: page.locator('.pd-grid__th-label', { hasText: new RegExp(`^${expert}（`) }) }).getAttribute('aria-colindex');
  return grid.getByRole('row').filter({ hasText: rowText }).locator(`[role="gridcell"][aria-colindex="${col}"]`);
}

test('a secretary imports a roster, sees conflicts with reasons, settles them, assigns, fixes a short nomination by hand, re-runs', async ({ host, page }, info) => {
  await page.goto(host.url);
  await page.getByRole('link', { name: /新建评审活动/ }).first().click();
  await page.getByRole('radio', { name: /十佳影响力学术会议评选/ }).check();
  await page.getByLabel('名称', { exact: true }).fill('2026 十佳会议（专家组）');
  await page.getByLabel('年度', { exact: true }).fill('2026');
  await page.getByRole('button', { name: '创建' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/[^/]+\/setup$/);
  const campaignId = /#\/campaigns\/([^/]+)\//.exec(page.url())![1]!;
  await seed(page, campaignId);

  await page.getByRole('navigation').getByRole('link', { name: /专家组/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: '专家组与分配' })).toBeVisible();
  await expect(page.getByText('还没有专家')).toBeVisible();

  // The roster: header below a title row, one row without a name reported on its cell.
  await page.getByTestId('open-roster').click();
  const dialog = page.getByRole('dialog', { name: '导入专家名单' });
  await dialog.getByTestId('roster-file').setInputFiles({ name: '评审专家名单.xlsx', mimeType: XLSX, buffer: await roster() });
  await expect(dialog.getByTestId('roster-totals')).toContainText('新增 5 位');
  await expect(dialog.getByTestId('roster-totals')).toContainText('表头在第 2 行');
  await expect(dialog.getByTestId('roster-issues')).toContainText('第 8 行 B 列：缺少姓名，该行未导入');
  await expect(dialog.getByRole('row').filter({ hasText: '钱七' })).toContainText('工学组');
  await dialog.getByRole('button', { name: '导入' }).click();
  await expect(dialog.getByTestId('roster-done')).toContainText('新增 5 位');
  await dialog.getByRole('button', { name: '关闭' }).click();
  const experts = page.getByRole('grid', { name: '专家名单' });
  await expect(experts.getByRole('row').filter({ hasText: '张三' })).toContainText('Tsinghua University');
  await expect(experts.getByRole('row').filter({ hasText: '张三' })).toContainText('专家A');
  await expect(page.getByTestId('groups')).toContainText('理学组：4 位专家，4 项推荐');

  // Conflicts, with their reasons in words.
  await page.getByRole('tab', { name: '回避' }).click();
  await page.getByTestId('detect').click();
  const rows = page.getByTestId('conflict-row');
  const zhang = rows.filter({ hasText: '张三' }).filter({ hasText: '全国物理学大会' });
  await expect(zhang).toContainText('专家单位（Tsinghua University）与主办单位（清华大学物理系）相同');
  await expect(zhang).toContainText('需回避');
  await expect(rows.filter({ hasText: '赵六' })).toContainText('专家在推荐单位任职（中国化学会');
  const doubt = rows.filter({ hasText: '王五' }).filter({ hasText: '材料科学大会' });
  await expect(doubt).toContainText('请确认是否为同一单位');
  await expect(doubt).toContainText('待确认');
  // The doubtful one is dismissed with a note; another is declared.
  await doubt.getByRole('button', { name: '排除' }).click();
  await page.getByRole('textbox', { name: '排除的说明（必填）' }).fill('院属研究所，与中国科学院不是同一单位');
  await page.getByRole('button', { name: '确定排除' }).click();
  await expect(doubt).toContainText('已排除');
  await expect(doubt).toContainText('院属研究所，与中国科学院不是同一单位');
  const declare = page.getByRole('form', { name: '申报回避' });
  await declare.getByLabel('专家').selectOption({ label: '李四' });
  await declare.getByLabel('推荐项').selectOption({ label: '全国物理学大会' });
  await declare.getByLabel('申报说明').fill('李四为大会学术委员会委员');
  await declare.getByRole('button', { name: '申报' }).click();
  await expect(rows.filter({ hasText: '李四' }).filter({ hasText: '全国物理学大会' })).toContainText('已申报回避');
  await expect(page.getByTestId('conflict-counts')).toContainText('待确认 0');
  // An institution the built-in table does not know, with its other forms; detection runs again and keeps decisions.
  const inst = page.getByTestId('institutions');
  await inst.getByLabel('中文名称').fill('北京计算科学研究中心');
  await inst.getByLabel('英文名称').fill('Beijing Computational Science Research Center');
  await inst.getByLabel('其他写法').fill('CSRC；北京计算中心');
  await inst.getByRole('button', { name: '保存机构名称' }).click();
  await expect(inst.getByRole('table', { name: '本次补充的机构名称' })).toContainText('CSRC；北京计算中心');
  await expect(page.getByTestId('conflict-counts')).toContainText('待确认 0');
  await expect(rows.filter({ hasText: '李四' }).filter({ hasText: '全国物理学大会' })).toContainText('已申报回避');
  await page.screenshot({ path: info.outputPath('panel-conflicts-zh.png'), fullPage: true });

  // The assignment: K = 2; 工学组 has one expert, so its nomination is short, and says why.
  await page.getByRole('tab', { name: '分配与矩阵' }).click();
  await page.getByTestId('run-assign').click();
  await expect(page.getByTestId('unassigned')).toContainText('计算机系统大会：缺 1 位。“工学组”组专家太少：只有1位，少于每项所需的2位');
  // The matrix of 理学组: conflicts marked, loads in the headers; 张三 is off his own institution's conference.
  await expect(await matrixCell(page, '全国物理学大会', '张三')).toHaveText('✕');
  await expect(await matrixCell(page, '全国物理学大会', '李四')).toHaveText('✕');
  await expect(await matrixCell(page, '全国物理学大会', '王五')).toHaveText('✓');
  await page.screenshot({ path: info.outputPath('panel-matrix-zh.png'), fullPage: true });

  // Fixed by hand, with the keyboard, in the matrix of all groups: 张三 reviews the computer conference too.
  await page.getByRole('combobox', { name: '评审组' }).selectOption({ label: '全部评审组' });
  const cell = await matrixCell(page, '计算机系统大会', '张三');
  await cell.click();
  await page.keyboard.type('assigned');
  await page.keyboard.press('Enter');
  await expect(await matrixCell(page, '计算机系统大会', '张三')).toHaveText('●');
  // A conflicted cell cannot be assigned.
  await (await matrixCell(page, '全国物理学大会', '张三')).click();
  await page.keyboard.type('assigned');
  await page.keyboard.press('Enter');
  await expect(await matrixCell(page, '全国物理学大会', '张三')).toHaveText('✕');
  // Re-run: the hand choice stays, nothing is short now.
  await page.getByTestId('run-assign').click();
  await expect(page.getByTestId('assign-report')).toContainText('已分配');
  await expect(page.getByTestId('unassigned')).toHaveCount(0);
  await expect(await matrixCell(page, '计算机系统大会', '张三')).toHaveText('●');

  // English: the same page in words, never codes.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('tab', { name: 'Conflicts' }).click();
  await expect(rows.filter({ hasText: '张三' }).filter({ hasText: '全国物理学大会' })).toContainText("The expert's institution (Tsinghua University) is that of an organiser (清华大学物理系)");
  await expect(rows.filter({ hasText: '王五' }).filter({ hasText: '材料科学大会' })).toContainText('Dismissed');
  await page.getByRole('tab', { name: 'Assignment and matrix' }).click();
  await expect(page.getByRole('grid', { name: 'Assignment matrix' })).toBeVisible();
  await page.screenshot({ path: info.outputPath('panel-matrix-en.png'), fullPage: true });
});
