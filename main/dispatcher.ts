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

/** The one place where calls enter main: the name is checked, the arguments validated, errors turned into codes. */
export function createDispatcher(handlers: Handlers, onInternalError: (e: unknown) => void = console.error): Dispatch {
  return async (name, rawArgs, ctx) => {
    if (typeof name !== 'string' || !isCallName(name)) {
      return { ok: false, error: { code: 'UNKNOWN_CALL', message: `unknown call "${String(name)}"` } };
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
      onInternalError(e);
      return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
    }
  };
}
