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

// The steps' layering (setup → nominations → panel → scoring → results → meeting), as VS Code's layering rule does.
describe('step layering', () => {
  const imports = (specs: readonly string[]) => [...specs.map((s, i) => `import * as m${i} from '${s}';`), `export const all = [${specs.map((_, i) => `m${i}`).join(', ')}];`].join('\n');

  it("a step's shared code takes the base model, the contract's errors, its own and earlier steps' contract files and earlier steps; not the store, the rest of the contract, or later steps", async () => {
    const found = await problems('shared/nominations/probe.ts', imports([
      '../campaign/campaign.ts',
      '../contract/errors.ts',
      '../setup/slice.ts',
      './record.ts',
      '../store/doc.ts',
      '../contract/index.ts',
      '../contract/nominations.ts',
      '../contract/panel.ts',
      '../panel/slice.ts',
      '../scoring/total.ts',
      '../meeting/slice.ts',
      'node:fs',
    ]));
    expect(found).toHaveLength(7); // its own contract file (nominations.ts) is let through; a later step's is not
    expect(found.filter((m) => m.includes('shared/store/'))).toHaveLength(1);
    expect(found.filter((m) => m.includes('only errors.ts'))).toHaveLength(2);
    expect(found.filter((m) => m.includes('only earlier steps'))).toHaveLength(3);
    expect(found.filter((m) => m.includes('Node built-ins'))).toHaveLength(1);
  });

  it('a later step may use an earlier one (results uses scoring), never the other way', async () => {
    expect(await problems('shared/results/probe.ts', imports(['../scoring/total.ts', '../nominations/record.ts', '../setup/slice.ts', '../meeting/slice.ts']))).toHaveLength(1);
    expect(await problems('shared/setup/probe.ts', imports(['../campaign/model.ts', '../nominations/record.ts']))).toHaveLength(1);
    expect(await problems('shared/meeting/sub/probe.ts', imports(['../../results/slice.ts', '../../store/doc.ts']))).toHaveLength(1);
  });

  it('main/store imports no step (nor the services); shared/store composes the slices', async () => {
    const found = await problems('main/store/probe.ts', imports([
      '../../shared/store/doc.ts',
      '../../shared/campaign/campaign.ts',
      '../../shared/contract/errors.ts',
      './journal.ts',
      '../../shared/nominations/record.ts',
      '../../shared/setup/slice.ts',
      '../nominations/jobs.ts',
      '../services/campaigns.ts',
    ]));
    expect(found).toHaveLength(4);
    expect(await problems('shared/store/probe.ts', imports(['../setup/slice.ts', '../nominations/slice.ts', '../campaign/history.ts']))).toEqual([]);
  });
});
