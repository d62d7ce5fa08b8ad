import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { openApp } from '../app.ts';
import { startHost } from '../server/host.ts';
import { register as registerSetup } from '../setup/cli.ts';
import { register as registerNominations } from '../nominations/cli.ts';
import { register as registerIdentity } from '../identity/cli.ts';
import { register as registerPanel } from '../panel/cli.ts';
import { register as registerScoring } from '../scoring/cli.ts';
import { register as registerResults } from '../results/cli.ts';
import { register as registerMeeting } from '../meeting/cli.ts';
import { register as registerVerify } from './verify.ts';
import { CliFailure, common, dataDirOf, openOrFail, out, printFailure, type Common, type RunContext } from './kit.ts';

export { printFailure };

/** What main() is given to run with; tests replace openApp (a store whose close fails, a handler that throws). */
export interface CliDeps {
  readonly openApp?: typeof openApp;
}

const INTERNAL_CLI_MESSAGE = 'internal error (run again with --debug for the details)';

const DEFAULT_PORT = 47820;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function buildProgram(ctx: RunContext): Command {
  const program = new Command('paneldesk')
    .description('PanelDesk 评审工作台 — expert review panels, offline')
    .exitOverride()
    // A command's options belong to it, not to its subcommands (`results --campaign` vs `results export --campaign`).
    .enablePositionalOptions();
  // With --json, commander's own words (usage errors, help after them) stay off standard error: main() answers with
  // the one JSON error line. Set before the subcommands, which inherit it.
  if (ctx.json) program.configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  else program.showHelpAfterError();

  // Each step's commands, in the workflow's order (main/<step>/cli.ts).
  registerSetup(program, ctx);
  registerNominations(program, ctx);
  registerIdentity(program, ctx);
  registerPanel(program, ctx);
  registerScoring(program, ctx);
  registerResults(program, ctx);
  registerMeeting(program, ctx);
  registerVerify(program, ctx);

  common(program.command('serve').description('browser mode on 127.0.0.1'))
    .option('--port <port>', `port (default ${DEFAULT_PORT}, or any free port when it is taken)`)
    .action(async (opts: Common & { port?: string }) => {
      const dataDir = dataDirOf(opts);
      ctx.releaseConsole();
      const app = await openOrFail(ctx, opts, true);
      // A steady default port keeps the browser's origin, so the language and text size chosen are remembered.
      const host = await startHost({
        dispatch: app.dispatch,
        staticDir: path.join(repoRoot, 'dist', 'renderer'),
        port: opts.port === undefined ? DEFAULT_PORT : Number(opts.port),
        anyPortIfTaken: opts.port === undefined,
      });
      out(opts, { url: host.url, port: host.port, dataDir }, () => `PanelDesk 评审工作台 is running. Open: ${host.url}\nData folder: ${dataDir}\nPress Ctrl+C to stop.`);
      await new Promise<void>((resolve) => {
        const stop = () => resolve();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await host.close();
      await app.close();
    });

  return program;
}

export async function main(argv: string[], deps: CliDeps = {}): Promise<number> {
  const json = argv.includes('--json');
  const debug = argv.includes('--debug') || process.env.PANELDESK_DEBUG === '1';
  // With --json, standard error is one JSON line: what the services log meanwhile is dropped (shown with --debug).
  const saved = { error: console.error, warn: console.warn, log: console.log, info: console.info };
  const releaseConsole = () => { Object.assign(console, saved); };
  if (json && !debug) {
    const drop = () => undefined;
    Object.assign(console, { error: drop, warn: drop, log: drop, info: drop });
  }
  const ctx: RunContext = { openApp: deps.openApp ?? openApp, json, internal: [], releaseConsole };
  const debugDetail = () => {
    if (!debug) return;
    for (const e of ctx.internal) process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  };
  try {
    await buildProgram(ctx).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CliFailure) {
      const error = e.error.code === 'INTERNAL' && !debug ? { code: e.error.code, message: INTERNAL_CLI_MESSAGE } : e.error;
      printFailure(json, error);
      debugDetail();
      return e.status;
    }
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      if (json) printFailure(true, { code: 'BAD_ARGUMENTS', message: e.message });
      return 2;
    }
    ctx.internal.push(e);
    if (json) printFailure(true, { code: 'INTERNAL', message: INTERNAL_CLI_MESSAGE });
    else process.stderr.write(`paneldesk: internal error: ${e instanceof Error ? e.message : String(e)}${debug ? '' : ' (--debug shows where)'}\n`);
    debugDetail();
    return 1;
  } finally {
    releaseConsole();
  }
}
