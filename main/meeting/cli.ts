import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { answer, call, common, fail, withApp, type Common, type RunContext } from '../cli/kit.ts';

/**
 * `paneldesk results export FILE --campaign ID` (the signed result sheet) (`verify`, for result sheets
 * too, is the CLI's own: main/cli/verify.ts). `results` may already be registered by the results step: export is added under it.
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
}
