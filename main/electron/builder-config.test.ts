import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUSES } from './security.ts';

// electron-builder's own loader pieces (js-yaml and its schema validator), installed with electron-builder.
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(k: string, v: unknown): void }): Promise<void>;
};

const root = path.resolve(import.meta.dirname, '../..');
const config = yaml.load(fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as Record<string, unknown> & {
  electronFuses: Record<string, unknown>;
  files: string[];
  directories: Record<string, unknown>;
  linux: Record<string, unknown>;
};
const logger = { isEnabled: false, add: () => undefined };

describe('electron-builder.yml', () => {
  it('passes electron-builder\'s schema', async () => {
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
  });

  it('the schema check does catch a misspelt option', async () => {
    await expect(validateConfiguration({ ...config, electronFuses: { ...config.electronFuses, runAsNod: false } }, logger)).rejects.toThrow(/electronFuses/);
  });

  it('flips the fuses security.ts names', () => {
    expect(config.electronFuses).toEqual(FUSES);
    expect(FUSES).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('packs only the built app, publishes nothing, and matches package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string; devDependencies: Record<string, string> };
    expect(config).toMatchObject({ productName: 'PanelDesk', asar: true, publish: null, directories: { output: 'release' } });
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z]+)+$/);
    expect(config.files).toContain('package.json');
    expect(config.files.every((f) => f === 'package.json' || f.startsWith('dist/') || f.startsWith('!'))).toBe(true);
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(config.electronVersion).toBe(pkg.devDependencies.electron);
    expect(config.linux).toMatchObject({ category: 'Office', target: ['AppImage', 'deb'] });
    expect(config.linux.maintainer).toBeTruthy();
  });
});
