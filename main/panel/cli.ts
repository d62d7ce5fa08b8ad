import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/contract/index.ts';
import { conflictKindWord, conflictReasonWords, conflictStateWord, rosterIssueWords, unassignedWords } from '../../shared/panel/words.ts';
import { answer, call, common, fail, readInput, withApp, type Common, type RunContext } from '../cli/kit.ts';

const lang = (): string => (/^zh/i.test(process.env.LANG ?? '') ? 'zh-CN' : 'en');

function readOrFail(file: string): Uint8Array<ArrayBuffer> {
  try {
    return readInput(file);
  } catch (e) {
    if (e instanceof AppError) fail(e.toData());
    throw e;
  }
}

/** `paneldesk experts import|list`, `paneldesk conflicts list`, `paneldesk assign`. */
export function register(program: Command, ctx: RunContext): void {
  const experts = program.command('experts').description('the panel (评审专家): import a roster, list');

  common(experts.command('import').description('import an expert roster workbook').argument('<file>'))
    .requiredOption('--campaign <id>', 'the campaign')
    .option('--sheet <name>', 'the sheet to import (default: the first with a roster header)')
    .option('--header-row <n>', 'the Excel row of the header, when the guess is wrong')
    .action(async (file: string, opts: Common & { campaign: string; sheet?: string; headerRow?: string }) => {
      const bytes = readOrFail(file);
      const extra = { ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}), ...(opts.headerRow !== undefined ? { headerRow: Number(opts.headerRow) } : {}) };
      await withApp(ctx, opts, async (app) => {
        const preview = await call(app, 'experts.preview', { campaignId: opts.campaign, file: { name: path.basename(file), bytes }, limit: 0, ...extra });
        const r = await call(app, 'experts.import', { campaignId: opts.campaign, uploadId: preview.uploadId, sheet: preview.sheet, ...(extra.headerRow !== undefined ? { headerRow: extra.headerRow } : {}) });
        const issues = r.issues.map(({ sheet, row, column, field, code, severity }) => ({ sheet, row, column, field, code, severity, message: rosterIssueWords(code, 'en') }));
        const value = { imported: r.imported, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected, sheet: preview.sheet, headerRow: preview.headerRow, issues };
        return answer(opts, value, () => [
          `${preview.sheet}: ${r.imported} imported, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected} rejected`,
          ...r.issues.map((i) => `  ${i.sheet}!${i.column}${i.row}: ${rosterIssueWords(i.code, lang())}`),
        ].join('\n'));
      });
    });

  common(experts.command('list').description('the experts of a campaign'))
    .requiredOption('--campaign <id>', 'the campaign')
    .action(async (opts: Common & { campaign: string }) => {
      await withApp(ctx, opts, async (app) => {
        const ov = await call(app, 'panel.overview', { campaignId: opts.campaign });
        const list = ov.experts.map((e) => ({
          id: e.id, code: e.code, name: e.name, institution: e.institution, department: e.department, title: e.title, disciplines: e.disciplines,
          offices: e.offices, group: e.groupId, groupName: e.groupName, fingerprint: e.fingerprint ?? null, load: e.load, conflicts: e.blocking,
        }));
        return answer(opts, { experts: list }, () => list.map((e) => `${e.code}\t${e.name}\t${e.institution}\t${e.groupName || '-'}\t${e.disciplines.join('、')}\tload ${e.load}`).join('\n') || '(no experts)');
      });
    });

  const conflicts = program.command('conflicts').description('conflicts of interest (回避)');
  common(conflicts.command('list').description('detect conflicts (keeping decisions already made) and list them with their reasons'))
    .requiredOption('--campaign <id>', 'the campaign')
    .action(async (opts: Common & { campaign: string }) => {
      await withApp(ctx, opts, async (app) => {
        const counts = await call(app, 'conflicts.detect', { campaignId: opts.campaign });
        const r = await call(app, 'conflicts.list', { campaignId: opts.campaign });
        const list = r.conflicts.map((c) => ({
          itemId: c.itemId, expertId: c.expertId, kind: c.kind, reason: conflictReasonWords(c.reason, 'en'), reasonCode: c.reason.code, values: c.reason.values,
          state: c.state, note: c.note, expertName: c.expertName, itemTitle: c.itemLabel,
        }));
        return answer(opts, { conflicts: list, counts }, () => r.conflicts.map((c) => `${conflictStateWord(c.state, lang())}\t${c.expertName}\t${c.itemLabel}\t${conflictKindWord(c.kind, lang())}: ${conflictReasonWords(c.reason, lang())}${c.note ? ` (${c.note})` : ''}`).join('\n') || '(no conflicts)');
      });
    });

  common(program.command('assign').description('assign reviewers to the nominations (conflicts detected first; hand choices kept)'))
    .requiredOption('--campaign <id>', 'the campaign')
    .option('--per-item <k>', 'reviewers per nomination (default: the campaign setting assignment.perItem)')
    .action(async (opts: Common & { campaign: string; perItem?: string }) => {
      const perItem = opts.perItem === undefined ? undefined : Number(opts.perItem);
      if (perItem !== undefined && !(Number.isInteger(perItem) && perItem >= 1)) fail({ code: 'BAD_ARGUMENTS', message: `--per-item ${opts.perItem}: give a whole number from 1` }, 2);
      await withApp(ctx, opts, async (app) => {
        const r = await call(app, 'panel.assign', { campaignId: opts.campaign, ...(perItem !== undefined ? { perItem } : {}) });
        const unassigned = r.unassigned.map((u) => ({ itemId: u.itemId, itemTitle: u.itemLabel, missing: u.missing, reason: { code: u.reason.code, message: unassignedWords(u.reason, 'en', u.groupName), values: u.reason.values } }));
        const value = { perItem: r.perItem, assignments: r.assignments, unassigned, loads: r.loads, cost: r.cost, mismatched: r.mismatched, droppedManual: r.droppedManual };
        return answer(opts, value, () => [
          `${r.assignments.length} assignments (K = ${r.perItem}), cost ${r.cost}, ${r.mismatched} outside the nomination's discipline`,
          ...(unassigned.length ? [`${unassigned.length} nominations short of reviewers:`] : []),
          ...r.unassigned.map((u) => `  ${u.itemLabel}: ${u.missing} missing — ${unassignedWords(u.reason, lang(), u.groupName)}`),
        ].join('\n'));
      });
    });
}
