import fs from 'node:fs';
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
import { formatCampaign, formatCampaignList, formatImportReport, formatNominationList } from './format.ts';

/**
 * The command line: the same services as the app, for batch work and scripts. Every command gives ONE answer: with
 * --json, exactly one JSON object on standard output, or, on failure, exactly one { error: { code, message } } line
 * on standard error and a non-zero exit status, nothing else (stacks only with --debug or PANELDESK_DEBUG=1). The
 * answer is printed only once the data folder has been closed, so a failed close is the answer, not a second one.
 */
interface Common {
  data?: string;
  json?: boolean;
  debug?: boolean;
}

/** What main() is given to run with; tests replace openApp (a store whose close fails, a handler that throws). */
export interface CliDeps {
  readonly openApp?: typeof openApp;
}

interface RunContext {
  readonly openApp: typeof openApp;
  readonly json: boolean;
  /** Unexpected failures of calls, with their detail, for --debug. */
  readonly internal: unknown[];
  /** Give the console back (serve: a long-running host's standard error is its log). */
  readonly releaseConsole: () => void;
}

/** The printing of a command's answer, held back until the data folder is closed. */
type Answer = () => void;

/** A failure that is the command's answer: printed once, by main(). */
class CliFailure extends Error {
  constructor(readonly error: AppErrorData, readonly status: number) {
    super(error.message);
  }
}

const INTERNAL_CLI_MESSAGE = 'internal error (run again with --debug for the details)';

const DEFAULT_PORT = 47820;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function common(cmd: Command): Command {
  return cmd
    .option('--data <dir>', 'data folder (default: the desktop app\'s; PANELDESK_DATA also sets it)')
    .option('--json', 'print exactly one JSON object')
    .option('--debug', 'on an unexpected error, print its stack on standard error');
}

function out(opts: Common, value: unknown, human: () => string): void {
  process.stdout.write(opts.json ? JSON.stringify(value, null, 2) + '\n' : human() + '\n');
}

/** The answer of a command that worked, printed by withApp once the store has closed. */
function answer(opts: Common, value: unknown, human: () => string): Answer {
  return () => out(opts, value, human);
}

function fail(error: AppErrorData, status = 1): never {
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

function dataDirOf(opts: Common): string {
  return opts.data ? path.resolve(opts.data) : defaultDataDir();
}

/** Open the data folder, or exit with the store's error (locked, unwritable, too new) in the CLI's form. */
async function openOrFail(ctx: RunContext, opts: Common, logToStderr = false): Promise<App> {
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
async function withApp(ctx: RunContext, opts: Common, fn: (app: App) => Promise<Answer>): Promise<void> {
  const app = await openOrFail(ctx, opts);
  let done: Answer | undefined;
  let failure: unknown;
  try {
    done = await fn(app);
  } catch (e) {
    failure = e;
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

async function call<N extends CallName>(app: App, name: N, args: CallArgs<N>): Promise<CallResult<N>> {
  const result = await app.dispatch(name, args, { door: 'cli', actor: process.env.USER ?? 'cli' });
  if (!result.ok) fail(result.error);
  return result.value as CallResult<N>;
}

/** `C=title`, `论文题目=title`, `H=` (ignore the column). */
function parseMap(text: string): { column: string; field: string | null } {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) throw new AppError('BAD_ARGUMENTS', `--map ${text}: write COLUMN=field, e.g. C=title`, { details: [{ path: '--map', message: text }] });
  const field = text.slice(eq + 1).trim();
  return { column: text.slice(0, eq).trim(), field: field === '' || field === '-' ? null : field };
}

function readInput(file: string): Uint8Array<ArrayBuffer> {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    const code = (e as { code?: string }).code;
    throw new AppError(code === 'ENOENT' ? 'NOT_FOUND' : 'FILE_UNREADABLE', `could not read ${file}: ${(e as Error).message}`, { values: { path: file } });
  }
}

export function buildProgram(ctx: RunContext): Command {
  const program = new Command('paneldesk')
    .description('PanelDesk 评审工作台 — expert review panels, offline')
    .exitOverride();
  // With --json, commander's own words (usage errors, help after them) stay off standard error: main() answers with
  // the one JSON error line. Set before the subcommands, which inherit it.
  if (ctx.json) program.configureOutput({ writeErr: () => undefined, outputError: () => undefined });
  else program.showHelpAfterError();

  const campaign = program.command('campaign').description('review campaigns (评审活动)');

  common(campaign.command('create').description('a new campaign from a template'))
    .addOption(new Option('--template <kind>', 'papers | conferences | talent | topics').choices(CAMPAIGN_KINDS).makeOptionMandatory())
    .requiredOption('--name <name>', 'the campaign\'s name')
    .requiredOption('--year <year>', 'the selection year')
    .action(async (opts: Common & { template: (typeof CAMPAIGN_KINDS)[number]; name: string; year: string }) => {
      const year = Number(opts.year);
      await withApp(ctx, opts, async (app) => {
        const c = await call(app, 'campaigns.create', { template: opts.template, name: opts.name, year });
        return answer(opts, c, () => formatCampaign(c));
      });
    });

  common(campaign.command('list').description('the campaigns in the data folder'))
    .action(async (opts: Common) => {
      await withApp(ctx, opts, async (app) => {
        const r = await call(app, 'campaigns.list', {});
        return answer(opts, r, () => formatCampaignList(r.campaigns as CampaignSummary[]));
      });
    });

  common(campaign.command('show').description('a campaign with all its settings').argument('<id>'))
    .action(async (id: string, opts: Common) => {
      await withApp(ctx, opts, async (app) => {
        const c = await call(app, 'campaigns.get', { id });
        return answer(opts, c, () => formatCampaign(c));
      });
    });

  common(campaign.command('set').description('change settings: KEY=VALUE (quota.total=10, assignment.perItem=3, criteria.<id>.weight=30, name=…)')
    .argument('<id>').argument('<assignments...>'))
    .action(async (id: string, texts: string[], opts: Common) => {
      let assignments;
      try {
        assignments = texts.map(parseAssignment);
      } catch (e) {
        if (e instanceof AppError) fail(e.toData(), 2);
        throw e;
      }
      await withApp(ctx, opts, async (app) => {
        const c: CampaignView = await call(app, 'campaigns.set', { id, assignments });
        return answer(opts, c, () => formatCampaign(c));
      });
    });

  const nominations = program.command('nominations').description('nominations (推荐): import workbooks, list, export');

  common(nominations.command('import').description('import a nominations workbook').argument('<file>'))
    .requiredOption('--campaign <id>', 'the campaign')
    .option('--sheet <name>', 'the sheet to import (default: the one whose header names the nominations)')
    .option('--header-row <n>', 'the Excel row of the header, when the guess is wrong')
    .option('--map <column=field...>', 'correct the mapping: column letters or header text = field id (empty field: ignore the column)')
    .option('--nominator <name>', 'the nominating organisation, for rows that do not name one')
    .action(async (file: string, opts: Common & { campaign: string; sheet?: string; headerRow?: string; map?: string[]; nominator?: string }) => {
      let mapping: { column: string; field: string | null }[] | undefined;
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        mapping = opts.map?.map(parseMap);
        bytes = readInput(file);
      } catch (e) {
        if (e instanceof AppError) fail(e.toData(), e.code === 'BAD_ARGUMENTS' ? 2 : 1);
        throw e;
      }
      const headerRow = opts.headerRow === undefined ? undefined : Number(opts.headerRow);
      await withApp(ctx, opts, async (app) => {
        const shared = {
          campaignId: opts.campaign,
          ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
          ...(headerRow !== undefined ? { headerRow } : {}),
          ...(mapping ? { mapping } : {}),
          ...(opts.nominator !== undefined ? { nominator: opts.nominator } : {}),
        };
        const preview = await call(app, 'nominations.preview', { ...shared, file: { name: path.basename(file), bytes }, limit: 0 });
        // Without --sheet, every sheet with rows to import is (blank templates and instruction sheets are skipped; societies split big lists by discipline);
        // a corrected header row or mapping is about one sheet: the one the preview chose.
        const single = opts.sheet !== undefined || headerRow !== undefined || mapping !== undefined;
        const sheets = single ? [preview.sheet] : [preview.sheet, ...preview.sheets.filter((s) => s.skip === null && s.name !== preview.sheet).map((s) => s.name)];
        const order = new Map(preview.sheets.map((s, i) => [s.name, i]));
        sheets.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
        const total = { imported: 0, updated: 0, unchanged: 0, rejected: 0, duplicates: 0 };
        const issues: { sheet: string; row: number; column: string; field: string; code: string; message: string; severity: string }[] = [];
        const perSheet: { sheet: string; imported: number; updated: number; unchanged: number; rejected: number; duplicates: number; importId: string | null }[] = [];
        for (const sheet of sheets) {
          const r = await call(app, 'nominations.import', { ...shared, uploadId: preview.uploadId, sheet });
          for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
          // One at a time, never push(...list): 180,000 issues as arguments overflow the stack.
          for (const { sheet: s, row, column, field, code, message, severity } of r.issues) issues.push({ sheet: s, row, column, field, code, message, severity });
          perSheet.push({ sheet, imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, duplicates: r.duplicates, importId: r.import?.id ?? null });
        }
        const value = { ...total, issues, sheet: preview.sheet, sheets: perSheet, headerRow: preview.headerRow, mappingSource: preview.mappingSource };
        return answer(opts, value, () => formatImportReport(value));
      });
    });

  common(nominations.command('list').description('the nominations of a campaign, with their formal check'))
    .requiredOption('--campaign <id>', 'the campaign')
    .action(async (opts: Common & { campaign: string }) => {
      await withApp(ctx, opts, async (app) => {
        const r = await call(app, 'nominations.list', { campaignId: opts.campaign });
        const items = r.items.map((n) => ({
          id: n.id,
          key: n.key,
          title: n.label,
          discipline: typeof n.fields.discipline === 'string' ? n.fields.discipline : null,
          nominators: n.nominators,
          status: n.status,
          reasons: n.reasons,
          edited: n.edited,
          disagreements: n.disagreements,
        }));
        return answer(opts, { total: r.total, items }, () => formatNominationList(items));
      });
    });

  common(nominations.command('export').description('write the nominations and their formal check as an Excel workbook').argument('<file>'))
    .requiredOption('--campaign <id>', 'the campaign')
    .action(async (file: string, opts: Common & { campaign: string }) => {
      await withApp(ctx, opts, async (app) => {
        const r = await call(app, 'nominations.export', { campaignId: opts.campaign });
        const target = path.resolve(file);
        try {
          fs.writeFileSync(target, r.bytes);
        } catch (e) {
          fail({ code: 'STORE_UNWRITABLE', message: `could not write ${target}: ${(e as Error).message}`, values: { path: target } });
        }
        return answer(opts, { path: target, bytes: r.bytes.length }, () => `Wrote ${target}`);
      });
    });

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
