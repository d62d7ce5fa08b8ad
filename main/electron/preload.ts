/**
 * The renderer's only way into main: window.paneldesk has one function per contract entry, each sending one
 * message on one channel. No ipcRenderer, no generic invoke. Bundled to a single CJS file (a sandboxed preload can
 * require only 'electron'); the build inlines the call names so zod and the schemas stay out of it.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { callNames, type Result } from '../../shared/contract/index.ts';
import { IPC_CHANNEL } from './channel.ts';

export type PaneldeskApi = Readonly<Record<string, (args?: unknown) => Promise<Result<unknown>>>>;

export function buildApi(names: readonly string[], invoke: (channel: string, name: string, args: unknown) => Promise<unknown>): PaneldeskApi {
  const api: Record<string, (args?: unknown) => Promise<Result<unknown>>> = {};
  for (const name of names) {
    api[name] = (args?: unknown) => invoke(IPC_CHANNEL, name, args ?? {}) as Promise<Result<unknown>>;
  }
  return Object.freeze(api);
}

contextBridge.exposeInMainWorld('paneldesk', buildApi(callNames, (channel, name, args) => ipcRenderer.invoke(channel, name, args)));
