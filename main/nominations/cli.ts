import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/contract/index.ts';
import { formatImportReport, formatNominationList } from '../cli/format.ts';
import { answer, call, common, fail, readInput, withApp, type Common, type RunContext } from '../cli/kit.ts';

/** `C=title`, `论文题目=title`, `H=` (ignore the column). */
function parseMap(text: string): { column: string; field: string | null } {
  const eq = text.lastIndexOf('=');
  if (eq <= 0) throw new AppError('BAD_ARGUMENTS', `--map ${text}: write COLUMN=field, e.g. C=title`, { details: [{ path: '--map', message: text }] });
  const field = text.slice(eq + 1).trim();
  return { column: text.slice(0, eq).trim(), field: field === '' || field === '-' ? null : field };
}

/** `paneldesk nominations import|list|export`. */
export function register(program: Command, ctx: RunContext): void {
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
}
