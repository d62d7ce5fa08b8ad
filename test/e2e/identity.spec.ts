import { test, expect } from './fixtures.ts';

test('a person sees this workstation\'s fingerprint, renames it, protects the key, and the English screen says the same', async ({ host, page }) => {
  await page.goto(host.url);
  await page.getByTestId('identity-button').click();
  const dialog = page.getByTestId('identity-dialog');
  await expect(dialog.getByRole('heading', { name: '本机身份' })).toBeVisible();
  const fingerprint = (await dialog.getByTestId('identity-fingerprint').textContent()) ?? '';
  expect(fingerprint).toMatch(/^([0-9A-F]{4} ){7}[0-9A-F]{4}$/);

  await dialog.getByLabel('签名姓名').fill('王芳（秘书）');
  await dialog.getByRole('button', { name: '保存姓名' }).click();
  await expect(dialog.getByRole('status')).toHaveText('姓名已保存。');
  await dialog.getByLabel('口令').fill('correct horse battery');
  await dialog.getByRole('button', { name: '设置口令' }).click();
  await expect(dialog.getByRole('status')).toHaveText('口令已设置。');
  await expect(dialog).toContainText('已用口令保护（本次已解锁）');
  await page.screenshot({ path: test.info().outputPath('identity-zh.png') });
  await dialog.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('identity-button')).toContainText('王芳（秘书）');

  // A restart: the same key (fingerprint), now locked until the passphrase is given; a wrong one is said.
  await host.restart();
  await page.goto(host.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByTestId('identity-button').click();
  await expect(dialog.getByTestId('identity-fingerprint')).toHaveText(fingerprint);
  await expect(dialog).toContainText('not unlocked in this session');
  await dialog.getByLabel('Passphrase to unlock').fill('wrong');
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(dialog.getByRole('alert')).toContainText('That passphrase does not open this workstation\'s signing key.');
  await dialog.getByLabel('Passphrase to unlock').fill('correct horse battery');
  await dialog.getByRole('button', { name: 'Unlock' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Unlocked: you can sign in this session.');
  await page.screenshot({ path: test.info().outputPath('identity-en.png') });
});
