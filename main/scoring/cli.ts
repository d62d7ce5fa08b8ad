import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/contract/index.ts';
import { answer, call, common, fail, readInput, withApp, type Common, type RunContext } from '../cli/kit.ts';

function readAll(files: readonly string[]): { name: string; bytes: Uint8Array<ArrayBuffer> }[] {
  try {
    return files.map((f) => ({ name: path.basename(f), bytes: readInput(f) }));
  } catch (e) {
    if (e instanceof AppError) fail(e.toData());
    throw e;
  }
}

/** `paneldesk sheets export|import`: score sheets out and back (`verify` is the CLI's own: main/cli/verify.ts). */
export function register(program: Command, ctx: RunContext): void {
  const sheets = program.command('sheets').description('score sheets (评分表): one per expert out, filled ones back');

  common(sheets.command('export').description('one score sheet per expert with assignments, and the supplementary sheets in force, named by the expert\'s code'))
    .requiredOption('--campaign <id>', 'the campaign')
    .requiredOption('--out <dir>', 'the folder to write the sheets into (created if missing)')
    .action(async (opts: Common & { campaign: string; out: string }) => {
      await withApp(ctx, opts, async (app) => {
        const r = await call(app, 'scoring.exportSheets', { campaignId: opts.campaign });
        const dir = path.resolve(opts.out);
        fs.mkdirSync(dir, { recursive: true });
        const files = r.files.map((f) => {
          const p = path.join(dir, f.name);
          fs.writeFileSync(p, f.bytes);
          return { expertId: f.expertId, code: f.code, sheetId: f.sheetId, items: f.items, supplementary: f.supplementary, path: p };
        });
        return answer(opts, { files }, () => files.map((f) => `${f.code}\t${f.items} items\t${f.path}`).join('\n'));
      });
    });

  common(sheets.command('import').description('take filled score sheets back; each is judged: signature, key, sequence, cells').argument('<files...>'))
    .requiredOption('--campaign <id>', 'the campaign')
    .option('--trust <fingerprint>', 'a key fingerprint you have confirmed with the expert (a new or changed key)')
    .option('--accept-unsigned', 'accept an unsigned sheet of an expert whose key is enrolled (held otherwise)')
    .action(async (files: string[], opts: Common & { campaign: string; trust?: string; acceptUnsigned?: boolean }) => {
      const input = readAll(files);
      await withApp(ctx, opts, async (app) => {
        const r = await call(app, 'scoring.importSheets', { campaignId: opts.campaign, files: input, ...(opts.trust ? { trust: opts.trust } : {}), ...(opts.acceptUnsigned ? { acceptUnsigned: true } : {}) });
        const out = {
          sheets: r.sheets.map((s, i) => ({
            file: files[i] ?? s.file, expertId: s.expertId, expertCode: s.expertCode, sheetId: s.sheetId, signature: s.signature, packageSignature: s.packageSignature,
            key: s.key, fingerprint: s.fingerprint, seq: s.seq, accepted: s.accepted, verdict: s.verdict, outcome: s.outcome, message: s.messageEn, scores: s.scores,
            issues: s.issues.map((x) => ({ row: x.row, column: x.column, itemId: x.itemId, criterionId: x.criterionId, code: x.code, message: x.messageEn })),
          })),
        };
        return answer(opts, out, () => out.sheets.map((s) => [
          `${s.file}: ${s.message}${s.fingerprint && s.key !== 'enrolled' ? `\n  key fingerprint: ${s.fingerprint}` : ''}`,
          ...s.issues.map((x) => `  ${x.message}`),
        ].join('\n')).join('\n'));
      });
    });
}
