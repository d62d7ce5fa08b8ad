import type { AppErrorData, CallArgs, CallName, CallResult, Result } from '../../shared/contract/index.ts';
import { base64Slices, decodeFromJson } from '../../shared/contract/codec.ts';

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

/** The next task: a large file's bytes are encoded a slice per task, so the page keeps answering meanwhile. */
const nextTask = () => new Promise<void>((resolve) => { setTimeout(resolve, 0); });

/**
 * The request's body. Files travel as bytes: wrapped as { $bytes: base64 } in JSON, unwrapped by the host (and
 * the other way back). With bytes, the body is a Blob of that JSON text, its base64 made a slice per task and kept
 * as Blob parts, so neither the encoding nor fetch's copy of a 5 MB string holds the page.
 */
async function requestBody(args: unknown): Promise<string | Blob> {
  const files: Uint8Array[] = [];
  const marker = `\u0000bytes${Math.random().toString(36).slice(2)}#`;
  const json = JSON.stringify(args ?? {}, (_key, v: unknown) => {
    if (!(v instanceof Uint8Array)) return v;
    files.push(v);
    return { $bytes: `${marker}${files.length - 1}` };
  });
  if (files.length === 0) return json;
  // In the JSON text the marker is escaped (\u0000…), and nothing else can read the same.
  const written = JSON.stringify(marker).slice(1, -1);
  const parts: BlobPart[] = [];
  let at = 0;
  for (let i = json.indexOf(written); i >= 0; i = json.indexOf(written, at)) {
    parts.push(json.slice(at, i));
    const digits = /^\d+/.exec(json.slice(i + written.length, i + written.length + 12))![0];
    for (const slice of base64Slices(files[Number(digits)]!)) {
      await nextTask();
      parts.push(new Blob([slice]));
    }
    at = i + written.length + digits.length;
  }
  parts.push(json.slice(at));
  return new Blob(parts, { type: 'application/json' });
}

async function overHttp<N extends CallName>(name: N, args: CallArgs<N>): Promise<Result<CallResult<N>>> {
  let res: Response;
  const body = await requestBody(args);
  try {
    // Relative to the page: the host serves the app and its calls under a secret prefix (/s/<secret>/api/…), the one
    // path its session cookie is sent to.
    res = await fetch(`api/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      credentials: 'same-origin',
      body,
    });
  } catch (e) {
    return { ok: false, error: { code: 'INTERNAL', message: `the host did not answer: ${e instanceof Error ? e.message : String(e)}`, values: { reason: 'offline' } } };
  }
  if (res.status === 401) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'not signed in to this host' } };
  if (res.status === 403) return { ok: false, error: { code: 'FORBIDDEN', message: 'refused by the host' } };
  try {
    const text = await res.text();
    const value: unknown = JSON.parse(text);
    // Only an answer that carries bytes needs the walk that unwraps them (a list of 20,000 rows does not).
    return (text.includes('"$bytes"') ? decodeFromJson(value) : value) as Result<CallResult<N>>;
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
