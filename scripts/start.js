// `npm start`: build the UI (and the Electron shell when it can run), then open the desktop app, or browser mode where Electron's
// binary is not installed. Electron downloads its binary lazily on the first require('electron'); that download
// cannot succeed offline, so the binary is looked for here without requiring the package.
//   npm start [-- --browser] [-- ARGS...]   --browser forces browser mode; other ARGS go to Electron or `serve`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const DEFAULT_EXECUTABLE = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

/**
 * The Electron executable if one is installed, else undefined; never triggers electron's download. Follows
 * electron's own index.js: ELECTRON_OVERRIDE_DIST_PATH first, then node_modules/electron/dist/<path.txt>.
 */
export function findElectronBinary({ env = process.env, platform = process.platform, from = root } = {}) {
  let electronDir;
  try {
    electronDir = path.dirname(createRequire(path.join(from, 'package.json')).resolve('electron/package.json'));
  } catch {
    electronDir = path.join(from, 'node_modules', 'electron');
  }
  let relative;
  try {
    relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim() || undefined;
  } catch {
    relative = undefined;
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const candidates = [relative, DEFAULT_EXECUTABLE[platform], 'electron'].filter(Boolean);
    return candidates.map((c) => path.join(env.ELECTRON_OVERRIDE_DIST_PATH, c)).find(isFile);
  }
  if (!relative) return undefined;
  const binary = path.join(electronDir, 'dist', relative);
  return isFile(binary) ? binary : undefined;
}

/** Why Electron cannot open a window here, or undefined when it can. */
export function electronUnavailableReason({ env = process.env, platform = process.platform, binary = findElectronBinary({ env, platform }) } = {}) {
  if (!binary) return "Electron's binary is not installed here (no download possible); opening browser mode instead.";
  if (platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return 'No display for a window here (DISPLAY is not set); opening browser mode instead.';
  return undefined;
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${[command, ...args].join(' ')} failed (exit ${result.status ?? result.signal})`);
}

function npmRun(script) {
  // Under `npm start`, npm_execpath is npm's own CLI: run it with this Node (no shell, no npm.cmd on Windows).
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.(c|m)?js$/.test(npmCli)) run(process.execPath, [npmCli, 'run', script]);
  else run(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', script]);
}

/** Run a child in the foreground: signals go to it, its exit status becomes ours. */
function foreground(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  const forward = (signal) => child.kill(signal);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, forward);
  child.on('error', (e) => {
    console.error(`could not start ${command}: ${e.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    process.exitCode = code ?? (signal ? 1 : 0);
  });
}

async function main(argv) {
  const forceBrowser = argv.includes('--browser');
  const rest = argv.filter((a) => a !== '--browser');

  npmRun('build:renderer');
  const binary = findElectronBinary();
  const reason = forceBrowser ? undefined : electronUnavailableReason({ binary });
  if (binary && !reason && !forceBrowser) {
    const { buildElectron } = await import('./build-electron.js');
    await buildElectron();
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    const args = [root, ...rest];
    // Chromium refuses to start as root with its OS sandbox; the renderer stays sandboxed in Electron's sense.
    if (process.platform === 'linux' && process.getuid?.() === 0) {
      console.warn('Running as root: starting Electron with --no-sandbox (development only).');
      args.push('--no-sandbox');
    }
    foreground(binary, args, env);
    return;
  }
  if (reason) console.log(reason);
  const cli = path.join(root, 'bin', 'paneldesk.js');
  if (!isFile(cli)) throw new Error('bin/paneldesk.js is missing: browser mode is not available');
  foreground(process.execPath, [cli, 'serve', ...rest], process.env);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((e) => {
    if (!Array.isArray(e?.errors)) console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
