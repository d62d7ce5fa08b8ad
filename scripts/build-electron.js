// Bundles the Electron shell: main/electron/main.ts → dist/electron/main.cjs, preload.ts → dist/electron/preload.cjs.
// The preload runs sandboxed (it may require only 'electron'), so the contract's call names are computed here and
// inlined: zod and the schemas stay out of it.
import { build } from 'esbuild';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'electron');
const contractEntry = path.join(root, 'shared', 'contract', 'index.ts');

/** The contract's call names, by bundling the contract (with zod) into memory and importing it. */
export async function contractCallNames() {
  const result = await build({
    entryPoints: [contractEntry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const names = mod.callNames;
  if (!Array.isArray(names) || names.length === 0 || !names.every((n) => typeof n === 'string')) {
    throw new Error('shared/contract: callNames is not a non-empty list of strings');
  }
  return [...names];
}

/** Replaces shared/contract/index.ts, for the preload only, with its names. */
function inlineCallNames(names) {
  return {
    name: 'inline-call-names',
    setup(b) {
      b.onResolve({ filter: /contract[\\/]index\.ts$/ }, (args) => {
        const resolved = path.resolve(args.resolveDir, args.path);
        return resolved === contractEntry ? { path: 'shared/contract/index.ts', namespace: 'call-names' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'call-names' }, () => ({
        contents: `export const callNames = Object.freeze(${JSON.stringify(names)});\n`,
        loader: 'js',
      }));
    },
  };
}

/** A sandboxed preload that requires anything but 'electron' fails at run time; fail the build instead. */
function checkPreloadRequires(code) {
  const required = [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
  const other = required.filter((r) => r !== 'electron');
  if (other.length > 0) throw new Error(`preload.cjs requires ${other.join(', ')}: a sandboxed preload may require only 'electron'`);
  if (/\bzod\b|ZodError/.test(code)) throw new Error('preload.cjs contains zod: the call names should have been inlined');
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  external: ['electron'],
  legalComments: 'none',
};

/** The sandboxed preload, with the call names inlined; fails if it would require anything but 'electron'. */
export async function buildPreload({ outfile = path.join(outDir, 'preload.cjs'), names, logLevel = 'warning' } = {}) {
  const callNames = names ?? (await contractCallNames());
  await build({
    ...common,
    logLevel,
    entryPoints: [path.join(root, 'main', 'electron', 'preload.ts')],
    outfile,
    plugins: [inlineCallNames(callNames)],
  });
  checkPreloadRequires(await fs.readFile(outfile, 'utf8'));
  return { outfile, names: callNames };
}

export async function buildMain({ outfile = path.join(outDir, 'main.cjs'), logLevel = 'warning' } = {}) {
  await build({
    ...common,
    logLevel,
    entryPoints: [path.join(root, 'main', 'electron', 'main.ts')],
    outfile,
    sourcemap: 'linked',
    // ESM sources bundled to CJS: give import.meta.url a value instead of undefined.
    define: { 'import.meta.url': '__paneldesk_import_meta_url' },
    banner: { js: 'const __paneldesk_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  });
  return { outfile };
}

/** The worker threads' entry (main/worker.ts: every step's tasks), started by main.cjs's pool from beside it. */
export async function buildWorker({ outfile = path.join(outDir, 'worker.cjs'), logLevel = 'warning' } = {}) {
  await build({
    ...common,
    logLevel,
    entryPoints: [path.join(root, 'main', 'worker.ts')],
    outfile,
  });
  return { outfile };
}

export async function buildElectron({ quiet = false } = {}) {
  await fs.mkdir(outDir, { recursive: true });
  const logLevel = quiet ? 'error' : 'warning';
  const { names } = await buildPreload({ logLevel });
  await buildMain({ logLevel });
  await buildWorker({ logLevel });
  if (!quiet) console.log(`built dist/electron/main.cjs, preload.cjs and worker.cjs (${names.length} calls)`);
  return { outDir, names };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  buildElectron().catch((e) => {
    // esbuild has already printed its own errors.
    if (!Array.isArray(e?.errors)) console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
