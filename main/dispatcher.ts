import { contract, isCallName, AppError, type CallName, type CallResult, type ParsedArgs, type Result } from '../shared/contract/index.ts';
import { zodDetails } from '../shared/campaign/set-path.ts';

export interface CallContext {
  /** Which door the call came through: recorded as the actor of any change. */
  readonly door: 'ipc' | 'http' | 'cli' | 'test';
  readonly actor: string;
}

export type Handlers = {
  readonly [N in CallName]: (args: ParsedArgs<N>, ctx: CallContext) => Promise<CallResult<N>> | CallResult<N>;
};

export type Dispatch = (name: string, rawArgs: unknown, ctx: CallContext) => Promise<Result<unknown>>;

/** What a caller is told of an unexpected failure: its detail (messages, paths, stacks) stays in main's log. */
export const INTERNAL_MESSAGE = 'internal error: the details are in the log of the program that holds the data folder';

/** The one place where calls enter main: the name is checked, the arguments validated, errors turned into codes. */
export function createDispatcher(handlers: Handlers, onInternalError: (e: unknown, name: string) => void = logInternalError): Dispatch {
  return async (name, rawArgs, ctx) => {
    if (typeof name !== 'string' || !isCallName(name)) {
      // The name is echoed for the log only as far as it is printable and short.
      const shown = typeof name === 'string' ? name.slice(0, 80).replace(/[^\x20-\x7e]/g, '?') : typeof name;
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: `unknown call "${shown}"` } };
    }
    const parsed = contract[name].args.safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const details = zodDetails(parsed.error);
      return { ok: false, error: { code: 'BAD_ARGUMENTS', message: `${name}: ${details.map((d) => `${d.path || '(arguments)'}: ${d.message}`).join('; ')}`, details } };
    }
    try {
      const handler = handlers[name] as (args: unknown, ctx: CallContext) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toData() };
      onInternalError(e, name);
      return { ok: false, error: { code: 'INTERNAL', message: INTERNAL_MESSAGE } };
    }
  };
}

/** Main's stderr: the call's name and the error with its stack. */
export function logInternalError(e: unknown, name: string): void {
  console.error(`PanelDesk: ${name} failed:`, e);
}
