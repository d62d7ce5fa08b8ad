/**
 * The IPC door's body, without Electron: the one channel's handler checks who sends (our window's main frame on our
 * own UI, nothing else) before the dispatcher sees the call. main.ts registers it; tests drive it with the preload.
 */
import type { Result } from '../../shared/contract/index.ts';
import { INTERNAL_MESSAGE, logInternalError, type Dispatch } from '../dispatcher.ts';
import { isTrustedSender, type SenderInfo } from './security.ts';

export interface IpcCallDeps<E> {
  /** Who sent this call, as isTrustedSender needs it (frame URL, main frame, webContents ids). */
  readonly sender: (event: E) => SenderInfo;
  /** The open app's dispatcher; undefined before it opened or after it closed. */
  readonly dispatch: () => Dispatch | undefined;
  readonly actor: () => string;
  readonly log?: (e: unknown, name: string) => void;
}

export function createIpcCallHandler<E>(deps: IpcCallDeps<E>): (event: E, name: unknown, args: unknown) => Promise<Result<unknown>> {
  return async (event, name, args) => {
    if (!isTrustedSender(deps.sender(event))) return { ok: false, error: { code: 'FORBIDDEN', message: 'calls are accepted only from the PanelDesk window' } };
    const dispatch = deps.dispatch();
    if (!dispatch) return { ok: false, error: { code: 'INTERNAL', message: 'PanelDesk is not open' } };
    const callName = typeof name === 'string' ? name : String(name);
    try {
      return await dispatch(callName, args, { door: 'ipc', actor: deps.actor() });
    } catch (e) {
      (deps.log ?? logInternalError)(e, callName);
      return { ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } };
    }
  };
}
