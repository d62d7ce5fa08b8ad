import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures.ts';

test('browser mode: the printed address opens the app, and nothing is served without its session', async ({ host, page, browser }) => {
  const response = await page.goto(host.url);
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).search).toBe(''); // the token does not stay in the address bar
  expect(page.url()).toBe(host.app);
  await expect(page).toHaveTitle(/评审工作台|PanelDesk/);

  const listed = await page.evaluate(async () => {
    const r = await fetch('api/campaigns.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return r.json() as Promise<unknown>;
  });
  expect(listed).toEqual({ ok: true, value: { campaigns: [] } });

  // Another browser, even with the same address, gets nothing: the token was for one use.
  const stranger = await browser.newContext();
  const other = await stranger.newPage();
  const refused = await other.goto(host.url);
  expect(refused?.status()).toBe(401);
  const api = await other.request.post(`${host.app}api/campaigns.list`, { data: {}, headers: { Origin: host.origin } });
  expect(api.status()).toBe(401);
  await stranger.close();
});

test('browser mode: a page that another program serves on 127.0.0.1 never receives the session cookie', async ({ host, page }) => {
  await page.goto(host.url);
  await expect(page).toHaveTitle(/评审工作台|PanelDesk/);
  // Another local program (any port): it records the Cookie header of every request the browser sends it.
  const seen: { url: string; cookie: string }[] = [];
  const spy = http.createServer((req, res) => {
    seen.push({ url: req.url ?? '', cookie: req.headers.cookie ?? '' });
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>other</title><img src="/pixel.png"><script>fetch("/api/campaigns.list", { method: "POST", credentials: "include" }).catch(() => {})</script>');
  });
  await new Promise<void>((resolve) => spy.listen(0, '127.0.0.1', resolve));
  const spyPort = (spy.address() as AddressInfo).port;
  try {
    await page.goto(`http://127.0.0.1:${spyPort}/`);
    await page.goto(`http://127.0.0.1:${spyPort}/s/`);
    await expect.poll(() => seen.some((r) => r.url === '/api/campaigns.list')).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(3);
    for (const r of seen) expect(r.cookie, r.url).not.toMatch(/pd_session/);
    // The session itself still works where it belongs.
    await page.goto(host.app);
    const listed = await page.evaluate(async () => (await fetch('api/campaigns.list', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status);
    expect(listed).toBe(200);
  } finally {
    spy.closeAllConnections();
    await new Promise<void>((resolve) => spy.close(() => resolve()));
  }
});
