import { test, expect } from './fixtures.ts';

test('browser mode: the printed address opens the app, and nothing is served without its session', async ({ host, page, browser }) => {
  const response = await page.goto(host.url);
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).search).toBe(''); // the token does not stay in the address bar
  await expect(page).toHaveTitle(/评审工作台|PanelDesk/);

  const listed = await page.evaluate(async () => {
    const r = await fetch('/api/campaigns.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return r.json() as Promise<unknown>;
  });
  expect(listed).toEqual({ ok: true, value: { campaigns: [] } });

  // Another browser, even with the same address, gets nothing: the token was for one use.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  const refused = await other.goto(host.url);
  expect(refused?.status()).toBe(401);
  const api = await other.request.post(`${host.origin}/api/campaigns.list`, { data: {}, headers: { Origin: host.origin } });
  expect(api.status()).toBe(401);
  await stranger.close();
});
