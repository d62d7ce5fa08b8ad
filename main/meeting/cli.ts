import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/contract/index.ts';
import { answer, call, common, fail, readInput, withApp, type Common, type RunContext } from '../cli/kit.ts';

/**
 * `paneldesk results export FILE --campaign ID` (the signed result sheet) and `paneldesk verify FILE` (a result
 * sheet). `results` may already be registered by the results step: export is added under it.
 */
export function register(program: Command, ctx: RunContext): void {
  const results = program.commands.find((c) => c.name() === 'results') ?? program.command('results').description('results (结果)');

  common(results.command('export').description('write the signed result sheet (结果表)').argument('<file>'))
    .requiredOption('--campaign <id>', 'the campaign')
    .action(async (file: string, opts: Common & { campaign: string }) => {
      await withApp(ctx, opts, async (app) => {
        const r = await call(app, 'meeting.exportResultSheet', { campaignId: opts.campaign });
        const target = path.resolve(file);
        try {
          fs.writeFileSync(target, r.bytes);
        } catch (e) {
          fail({ code: 'STORE_UNWRITABLE', message: `could not write ${target}: ${(e as Error).message}`, values: { path: target } });
        }
        return answer(opts, { path: target, digest: r.digest }, () => `Wrote ${target}\nSHA-256 of the signed payload: ${r.digest}`);
      });
    });

  common(program.command('verify').description('check a result sheet\'s signature and every value in it').argument('<file>'))
    .action(async (file: string, opts: Common) => {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = readInput(file);
      } catch (e) {
        if (e instanceof AppError) fail(e.toData());
        throw e;
      }
      await withApp(ctx, opts, async (app) => {
        const r = await call(app, 'meeting.verify', { file: { name: path.basename(file), bytes } });
        const human = () => [
          `${r.kind}: ${r.packageSignature === 'valid' ? 'valid 有效' : `${r.packageSignature} 无效`}`,
          `signature ${r.signature}${r.signer ? ` — ${r.signer.name} (${r.signer.fingerprint})` : ''}`,
          ...r.changes.map((c) => `  changed ${c.sheet}!${c.cell}: ${c.expected} → ${c.found}`),
        ].join('\n');
        return answer(opts, r, human);
      });
    });
}
