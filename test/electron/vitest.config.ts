import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The Electron end-to-end suite, runnable on its own: npx vitest run --config test/electron/vitest.config.ts
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
