import type { AppErrorData, CallArgs, CallName, CallResult, Result } from '../../shared/contract/index.ts';
import { decodeFromJson, encodeForJson } from '../../shared/contract/codec.ts';

/** A call that main answered with `{ ok: false }`: the error's code, words for logs, details and values. */
export class ApiError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message || data.code);
    this.name = 'ApiError';
    this.data = data;
  }
  get code(): AppErrorData['code'] {
    return this.data.code;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

type Bridge = { readonly [N in CallName]: (args: CallArgs<N>) => Promise<Result<CallResult<N>>> };

declare global {
  interface Window {
    /** The Electron preload: one function per contract entry. Absent in browser mode. */
    readonly paneldesk?: Bridge;
  }
}

async function overHttp<N extends CallName>(name: N, args: CallArgs<N>): Promise<Result<CallResult<N>>> {
  let res: Response;
  try {
    res = await fetch(`/api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      // Files travel as bytes: wrapped as { $bytes } in JSON, unwrapped by the host (and the other way back).
      body: JSON.stringify(encodeForJson(args ?? {})),
    });
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: `the host did not answer: ${e instanceof Error ? e.message : String(e)}`, values: { reason: 'offline' } } };
  }
  if (res.status === 401) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'not signed in to this host' } };
  if (res.status === 403) return { ok: false, error: { code: 'FORBIDDEN', message: 'refused by the host' } };
  try {
    return decodeFromJson(await res.json()) as Result<CallResult<N>>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: `the host answered HTTP ${res.status} without a result` } };
  }
}

/** The one way the renderer talks to main: a contract entry by name. Throws ApiError on `{ ok: false }`. */
export async function call<N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const bridge = typeof window !== 'undefined' ? window.paneldesk : undefined;
  const result = bridge
    ? await (bridge[name] as (a: CallArgs<N>) => Promise<Result<CallResult<N>>>)(args)
    : await overHttp(name, args);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
