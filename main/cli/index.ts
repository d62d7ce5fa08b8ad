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
 * The command line: the same services as the app, for batch work and scripts. With --json every command prints
 * exactly one JSON object on standard output; errors go to standard error (as { error: { code, message } } with
 * --json) with a non-zero exit status.
 */
interface Common {
  data?: string;
  json?: boolean;
}

const DEFAULT_PORT = 47820;
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

function dataDirOf(opts: Common): string {
  return opts.data ? path.resolve(opts.data) : defaultDataDir();
}

/** Open the data folder, or exit with the store's error (locked, unwritable, too new) in the CLI's form. */
async function openOrFail(opts: Common): Promise<App> {
  try {
    return await openApp({ dataDir: dataDirOf(opts) });
  } catch (e) {
    if (e instanceof AppError) fail(opts, e.toData());
    throw e;
  }
}

async function withApp<T>(opts: Common, fn: (app: App) => Promise<T>): Promise<T> {
  const app = await openOrFail(opts);
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
        if (e instanceof AppError) fail(opts, e.toData(), e.code === 'BAD_ARGUMENTS' ? 2 : 1);
        throw e;
      }
      const headerRow = opts.headerRow === undefined ? undefined : Number(opts.headerRow);
      await withApp(opts, async (app) => {
        const shared = {
          campaignId: opts.campaign,
          ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
          ...(headerRow !== undefined ? { headerRow } : {}),
          ...(mapping ? { mapping } : {}),
          ...(opts.nominator !== undefined ? { nominator: opts.nominator } : {}),
        };
        const preview = await call(app, opts, 'nominations.preview', { ...shared, file: { name: path.basename(file), bytes }, limit: 0 });
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
          const r = await call(app, opts, 'nominations.import', { ...shared, uploadId: preview.uploadId, sheet });
          for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
          // One at a time, never push(...list): 180,000 issues as arguments overflow the stack.
          for (const { sheet: s, row, column, field, code, message, severity } of r.issues) issues.push({ sheet: s, row, column, field, code, message, severity });
          perSheet.push({ sheet, imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, duplicates: r.duplicates, importId: r.import?.id ?? null });
        }
        const value = { ...total, issues, sheet: preview.sheet, sheets: perSheet, headerRow: preview.headerRow, mappingSource: preview.mappingSource };
        out(opts, value, () => formatImportReport(value));
      });
    });

  common(nominations.command('list').description('the nominations of a campaign, with their formal check'))
    .requiredOption('--campaign <id>', 'the campaign')
    .action(async (opts: Common & { campaign: string }) => {
      await withApp(opts, async (app) => {
        const r = await call(app, opts, 'nominations.list', { campaignId: opts.campaign });
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
        out(opts, { total: r.total, items }, () => formatNominationList(items));
      });
    });

  common(nominations.command('export').description('write the nominations and their formal check as an Excel workbook').argument('<file>'))
    .requiredOption('--campaign <id>', 'the campaign')
    .action(async (file: string, opts: Common & { campaign: string }) => {
      await withApp(opts, async (app) => {
        const r = await call(app, opts, 'nominations.export', { campaignId: opts.campaign });
        const target = path.resolve(file);
        try {
          fs.writeFileSync(target, r.bytes);
        } catch (e) {
          fail(opts, { code: 'STORE_UNWRITABLE', message: `could not write ${target}: ${(e as Error).message}`, values: { path: target } });
        }
        out(opts, { path: target, bytes: r.bytes.length }, () => `Wrote ${target}`);
      });
    });

  common(program.command('serve').description('browser mode on 127.0.0.1'))
    .option('--port <port>', `port (default ${DEFAULT_PORT}, or any free port when it is taken)`)
    .action(async (opts: Common & { port?: string }) => {
      const dataDir = dataDirOf(opts);
      const app = await openOrFail(opts);
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
