import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Folders are runtime environments: this keeps the lint rules that say so from quietly going away.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: repoRoot });

async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals').map((m) => m.message);
}

describe('folder boundaries', () => {
  it('shared/ takes no Node, Electron, DOM, React, I/O library, main/ or renderer/', async () => {
    const found = await problems('shared/campaign/probe.ts', [
      "import fs from 'node:fs';",
      "import { ipcMain } from 'electron';",
      "import React from 'react';",
      "import * as XLSX from 'xlsx';",
      "import { openApp } from '../../main/app.ts';",
      "import { App } from '../../renderer/src/App.tsx';",
      'export const all = [fs, ipcMain, React, XLSX, openApp, App, process.env, window];',
    ].join('\n'));
    expect(found).toHaveLength(8);
  });

  it('renderer/ takes no Node, Electron or main/', async () => {
    const found = await problems('renderer/src/probe.ts', [
      "import path from 'node:path';",
      "import { ipcRenderer } from 'electron';",
      "import { openStore } from '../../main/store/store.ts';",
      "import { contract } from '../../shared/contract/index.ts';",
      'export const all = [path, ipcRenderer, openStore, contract];',
    ].join('\n'));
    expect(found).toHaveLength(3);
  });

  it('main/ takes no renderer', async () => {
    const found = await problems('main/probe.ts', "import { App } from '../renderer/src/App.tsx';\nexport const a = App;\n");
    expect(found).toHaveLength(1);
  });
});
