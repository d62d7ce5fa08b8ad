import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

// The renderer is served from files (Electron) and from the loopback host (browser mode): relative URLs only.
export default defineConfig({
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
    // In development, calls go to a browser-mode host started separately (PANELDESK_HOST, e.g. http://127.0.0.1:4400).
    proxy: process.env.PANELDESK_HOST ? { '/api': { target: process.env.PANELDESK_HOST, changeOrigin: false } } : undefined,
  },
});
