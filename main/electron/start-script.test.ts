import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

interface StartScript {
  findElectronBinary(o?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; from?: string }): string | undefined;
  electronUnavailableReason(o?: { env?: NodeJS.ProcessEnv; platform?: NodeJS.Platform; binary?: string }): string | undefined;
}
const script = path.resolve(import.meta.dirname, '../../scripts/start.js');
const { findElectronBinary, electronUnavailableReason } = (await import(pathToFileURL(script).href)) as StartScript;

let tmp: string;
let electronDir: string;
let marker: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'paneldesk-start-'));
  fs.writeFileSync(path.join(tmp, 'package.json'), '{"name":"x","private":true}');
  electronDir = path.join(tmp, 'node_modules', 'electron');
  fs.mkdirSync(electronDir, { recursive: true });
  fs.writeFileSync(path.join(electronDir, 'package.json'), '{"name":"electron","main":"index.js"}');
  marker = path.join(tmp, 'downloaded');
  // Electron's index.js downloads on require: ours would leave a marker if anything required it.
  fs.writeFileSync(path.join(electronDir, 'index.js'), `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x'); module.exports = 'x';`);
});

afterEach(() => {
  expect(fs.existsSync(marker), 'electron/index.js was required (it would download)').toBe(false);
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('scripts/start.js: finding Electron without downloading it', () => {
  it('finds nothing where the package has no binary (the state on these machines)', () => {
    expect(findElectronBinary({ env: {}, from: tmp })).toBeUndefined();
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    expect(findElectronBinary({ env: {}, from: tmp })).toBeUndefined();
  });

  it('finds node_modules/electron/dist/<path.txt>', () => {
    fs.writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    fs.mkdirSync(path.join(electronDir, 'dist'));
    fs.writeFileSync(path.join(electronDir, 'dist', 'electron'), '');
    expect(findElectronBinary({ env: {}, from: tmp })).toBe(path.join(electronDir, 'dist', 'electron'));
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH, as electron itself does', () => {
    const dist = path.join(tmp, 'unpacked');
    fs.mkdirSync(dist);
    expect(findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'linux', from: tmp })).toBeUndefined();
    fs.writeFileSync(path.join(dist, 'electron'), '');
    expect(findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'linux', from: tmp })).toBe(path.join(dist, 'electron'));
    fs.writeFileSync(path.join(dist, 'electron.exe'), '');
    expect(findElectronBinary({ env: { ELECTRON_OVERRIDE_DIST_PATH: dist }, platform: 'win32', from: tmp })).toBe(path.join(dist, 'electron.exe'));
  });

  it('says in one line why browser mode opens instead', () => {
    const none = electronUnavailableReason({ env: { DISPLAY: ':0' }, platform: 'linux', binary: undefined });
    expect(none).toMatch(/^Electron's binary is not installed here .*browser mode/);
    expect(none).not.toContain('\n');
    expect(electronUnavailableReason({ env: {}, platform: 'linux', binary: '/x/electron' })).toMatch(/DISPLAY/);
    expect(electronUnavailableReason({ env: { DISPLAY: ':99' }, platform: 'linux', binary: '/x/electron' })).toBeUndefined();
    expect(electronUnavailableReason({ env: {}, platform: 'win32', binary: 'C:\\e\\electron.exe' })).toBeUndefined();
  });
});
