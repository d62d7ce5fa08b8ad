import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { AppError, type AppErrorData, type CallName, type CallArgs, type CallResult, type CampaignView } from '../../shared/contract/index.ts';
import { CAMPAIGN_KINDS } from '../../shared/campaign/model.ts';
import { parseAssignment } from '../../shared/campaign/set-path.ts';
import type { CampaignSummary } from '../../shared/campaign/campaign.ts';
import { openApp, type App } from '../app.ts';
import { defaultDataDir } from '../data-dir.ts';
import { startHost } from '../server/host.ts';
import { formatCampaign, formatCampaignList } from './format.ts';

/**
 * The command line: the same services as the app, for batch work and scripts. With --json every command prints
 * exactly one JSON object on standard output; errors go to standard error (as { error: { code, message } } with
 * --json) with a non-zero exit status.
 */
interface Common {
  data?: string;
  json?: boolean;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

function common(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder (default: the desktop app\'s; PANELDESK_DATA also sets it)')
    .option('--json', 'print exactly one JSON object');
}

function out(opts: Common, value: unknown, human: () => string): void {
  process.stdout.write(opts.json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}

function fail(opts: Common, error: AppErrorData, status = 1): never {
  if (opts.json) {
    process.stderr.write(JSON.stringify({ error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } }) + '\n');
  } else {
    process.stderr.write(`paneldesk: ${error.message}\n`);
    for (const d of error.details ?? []) if (d.path) process.stderr.write(`  ${d.path}: ${d.message}\n`);
  }
  throw new CliExit(status);
}

async function withApp<T>(opts: Common, fn: (app: App) => Promise<T>): Promise<T> {
  const dataDir = opts.data ? path.resolve(opts.data) : defaultDataDir();
  let app: App;
  try {
    app = await openApp({ dataDir });
  } catch (e) {
    if (e instanceof AppError) fail(opts, e.toData());
    throw e;
  }
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

async function call<N extends CallName>(app: App, opts: Common, name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const result = await app.dispatch(name, args, { door: 'cli', actor: process.env.USER ?? 'cli' });
  if (!result.ok) fail(opts, result.error);
  return result.value as CallResult<N>;
}

export function buildProgram(): Command {
  const program = new Command('paneldesk')
    .description('PanelDesk 评审工作台 — expert review panels, offline')
    .showHelpAfterError()
    .exitOverride();

  const campaign = program.command('campaign').description('review campaigns (评审活动)');

  common(campaign.command('create').description('a new campaign from a template'))
    .addOption(new Option('--template <kind>', 'papers | conferences | talent | topics').choices(CAMPAIGN_KINDS).makeOptionMandatory())
    .requiredOption('--name <name>', 'the campaign\'s name')
    .requiredOption('--year <year>', 'the selection year')
    .action(async (opts: Common & { template: (typeof CAMPAIGN_KINDS)[number]; name: string; year: string }) => {
      const year = Number(opts.year);
      await withApp(opts, async (app) => {
        const c = await call(app, opts, 'campaigns.create', { template: opts.template, name: opts.name, year });
        out(opts, c, () => formatCampaign(c));
      });
    });

  common(campaign.command('list').description('the campaigns in the data folder'))
    .action(async (opts: Common) => {
      await withApp(opts, async (app) => {
        const r = await call(app, opts, 'campaigns.list', {});
        out(opts, r, () => formatCampaignList(r.campaigns as CampaignSummary[]));
      });
    });

  common(campaign.command('show').description('a campaign with all its settings').argument('<id>'))
    .action(async (id: string, opts: Common) => {
      await withApp(opts, async (app) => {
        const c = await call(app, opts, 'campaigns.get', { id });
        out(opts, c, () => formatCampaign(c));
      });
    });

  common(campaign.command('set').description('change settings: KEY=VALUE (quota.total=10, assignment.perItem=3, criteria.<id>.weight=30, name=…)')
    .argument('<id>').argument('<assignments...>'))
    .action(async (id: string, texts: string[], opts: Common) => {
      let assignments;
      try {
        assignments = texts.map(parseAssignment);
      } catch (e) {
        if (e instanceof AppError) fail(opts, e.toData(), 2);
        throw e;
      }
      await withApp(opts, async (app) => {
        const c: CampaignView = await call(app, opts, 'campaigns.set', { id, assignments });
        out(opts, c, () => formatCampaign(c));
      });
    });

  common(program.command('serve').description('browser mode on 127.0.0.1'))
    .option('--port <port>', 'port (default: any free port)', '0')
    .action(async (opts: Common & { port: string }) => {
      const dataDir = opts.data ? path.resolve(opts.data) : defaultDataDir();
      let app: App;
      try {
        app = await openApp({ dataDir });
      } catch (e) {
        if (e instanceof AppError) fail(opts, e.toData());
        throw e;
      }
      const host = await startHost({ dispatch: app.dispatch, staticDir: path.join(repoRoot, 'dist', 'renderer'), port: Number(opts.port) });
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

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const wantsJson = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CliExit) return e.code;
    if (e instanceof CommanderError) {
      if (e.exitCode === 0) return 0; // --help, --version
      if (wantsJson) process.stderr.write(JSON.stringify({ error: { code: 'BAD_ARGUMENTS', message: e.message } }) + '\n');
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    if (wantsJson) process.stderr.write(JSON.stringify({ error: { code: 'INTERNAL', message } }) + '\n');
    else process.stderr.write(`paneldesk: internal error: ${message}\n`);
    return 1;
  }
}
