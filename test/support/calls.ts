// The integration tests' way to call a service: through the dispatcher as a door would, a refusal thrown with its code.
import type { App } from '../../main/app.ts';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';

type Ctx = Parameters<App['dispatch']>[2];

/** The call's value, or an Error carrying the refusal's `code` and whole `data`. */
export async function dispatchOrThrow<N extends CallName>(app: Pick<App, 'dispatch'>, name: N, args: CallArgs<N>, ctx: Ctx): Promise<CallResult<N>> {
  const r = await app.dispatch(name, args, ctx);
  if (!r.ok) throw Object.assign(new Error(`${name}: ${r.error.code} ${r.error.message}`), { code: r.error.code, data: r.error });
  return r.value as CallResult<N>;
}

/** The code a call was refused with, or 'no error'. */
export async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code: string }).code;
  }
  return 'no error';
}
