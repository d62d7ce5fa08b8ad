import os from 'node:os';
import path from 'node:path';

/** The desktop app's data folder, as design.md gives it; PANELDESK_DATA overrides. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.PANELDESK_DATA) return path.resolve(env.PANELDESK_DATA);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'PanelDesk');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'PanelDesk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'PanelDesk');
}
