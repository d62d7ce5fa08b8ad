import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, type AppErrorData, type CallName, type CallArgs, type CallResult } from '../../shared/contract/index.ts';
import type { openApp} from '../app.ts';
import { type App } from '../app.ts';
import { defaultDataDir } from '../data-dir.ts';

/**
 * The command line: the same services as the app, for batch work and scripts. Every command gives ONE answer: with
 * --json, exactly one JSON object on standard output, or, on failure, exactly one { error: { code, message } } line
 * on standard error and a non-zero exit status, nothing else (stacks only with --debug or PANELDESK_DEBUG=1). The
 * answer is printed only once the data folder has been closed, so a failed close is the answer, not a second one.
 */
export interface Common {
  data?: string;
  json?: boolean;
  debug?: boolean;
}

/** What main() is given to run with; tests replace openApp (a store whose close fails, a handler that throws). */
export interface RunContext {
  readonly openApp: typeof openApp;
  readonly json: boolean;
  /** Unexpected failures of calls, with their detail, for --debug. */
  readonly internal: unknown[];
  /** Give the console back (serve: a long-running host's standard error is its log). */
  readonly releaseConsole: () => void;
}

/** The printing of a command's answer, held back until the data folder is closed. */
export type Answer = () => void;

/** A failure that is the command's answer: printed once, by main(). */
export class CliFailure extends Error {
  constructor(readonly error: AppErrorData, readonly status: number) {
    super(error.message);
  }
}

export function common(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder (default: the desktop app\'s; PANELDESK_DATA also sets it)')
    .option('--json', 'print exactly one JSON object')
    .option('--debug', 'on an unexpected error, print its stack on standard error');
}

export function out(opts: Common, value: unknown, human: () => string): void {
  process.stdout.write(opts.json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}

/** The answer of a command that worked, printed by withApp once the store has closed. */
export function answer(opts: Common, value: unknown, human: () => string): Answer {
  return () => out(opts, value, human);
}

export function fail(error: AppErrorData, status = 1): never {
  throw new CliFailure(error, status);
}

/** The one error line (or, for people, a few lines) of a failed command. */
export function printFailure(json: boolean, error: AppErrorData): void {
  if (json) {
    process.stderr.write(JSON.stringify({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }) + '\n');
  } else {
    process.stderr.write(`paneldesk: ${error.message}\n`);
    for (const d of error.details ?? []) if (d.path) process.stderr.write(`  ${d.path}: ${d.message}\n`);
  }
}

/** A failed close of the data folder, in the CLI's form: the store's own code, or the system's reason. */
function closeFailure(e: unknown): CliFailure {
  if (e instanceof AppError) return new CliFailure(e.toData(), 1);
  const code = (e as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? code : e instanceof Error ? e.message : String(e);
  return new CliFailure({ code: 'STORE_UNWRITABLE', message: `the data folder could not be written as it was closed (${reason}); the last changes may not be saved`, values: { reason } }, 1);
}

export function dataDirOf(opts: Common): string {
  return opts.data ? path.resolve(opts.data) : defaultDataDir();
}

/** Open the data folder, or exit with the store's error (locked, unwritable, too new) in the CLI's form. */
export async function openOrFail(ctx: RunContext, opts: Common, logToStderr = false): Promise<App> {
  try {
    return await ctx.openApp({ dataDir: dataDirOf(opts), ...(logToStderr ? {} : { onInternalError: (e: unknown) => { ctx.internal.push(e); } }) });
  } catch (e) {
    if (e instanceof AppError) fail(e.toData());
    throw e;
  }
}

/**
 * Open, run, close, and only then print: the answer is the command's if everything (the close included) worked,
 * else the first failure. Never a success followed by an error.
 */
export async function withApp(ctx: RunContext, opts: Common, fn: (app: App) => Promise<Answer>): Promise<void> {
  const app = await openOrFail(ctx, opts);
  let done: Answer | undefined;
  let failure: unknown;
  try {
    done = await fn(app);
  } catch (e) {
    // A refusal of the command's own logic (a pure function's AppError) reads like a refused call.
    failure = e instanceof AppError ? new CliFailure(e.toData(), 1) : e;
  }
  try {
    await app.close();
  } catch (e) {
    if (failure === undefined) failure = closeFailure(e);
    else ctx.internal.push(e);
  }
  if (failure !== undefined) throw failure;
  done!();
}

export async function call<N extends CallName>(app: App, name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const result = await app.dispatch(name, args, { door: 'cli', actor: process.env.USER ?? 'cli' });
  if (!result.ok) fail(result.error);
  return result.value as CallResult<N>;
}

export function readInput(file: string): Uint8Array<ArrayBuffer> {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new AppError(code === 'ENOENT' ? 'NOT_FOUND' : 'FILE_UNREADABLE', `could not read ${file}: ${(e as Error).message}`, { values: { path: file } });
  }
}
