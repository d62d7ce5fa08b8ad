import { fileURLToPath } from 'node:url';
import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * In development the UI's calls go to a browser-mode host started separately: PANELDESK_HOST is the address it
 * printed (with its one-time token). The dev server signs in once, then forwards `/api/…` under the host's secret
 * prefix with that session's cookie, as the host's own page would send them.
 */
async function devProxy(address: string | undefined): Promise<Record<string, ProxyOptions> | undefined> {
  if (!address) return undefined;
  const url = new URL(address);
  if (!url.searchParams.get('token') || !url.pathname.startsWith('/s/')) {
    throw new Error('PANELDESK_HOST: give the whole address `paneldesk serve` printed (…/s/<secret>/?token=…)');
  }
  const res = await fetch(url, { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie) throw new Error(`PANELDESK_HOST: the host did not sign this dev server in (HTTP ${res.status}); its token is good once — start the host again`);
  const prefix = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return {
    '/api': {
      target: url.origin,
      changeOrigin: true,
      rewrite: (path) => `${prefix}${path.slice(1)}`,
      configure: (proxy) => {
        proxy.on('proxyReq', (req) => {
          req.setHeader('cookie', cookie);
          req.setHeader('origin', url.origin);
          req.removeHeader('sec-fetch-site');
        });
      },
    },
  };
}

// The renderer is served from files (Electron) and from the loopback host (browser mode): relative URLs only.
export default defineConfig(async ({ command }) => ({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: command === 'serve' ? await devProxy(process.env.PANELDESK_HOST) : undefined,
  },
}));
