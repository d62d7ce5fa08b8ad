import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../shared/contract/index.ts';
import { answer, common, fail, readInput, withApp, type Common, type RunContext } from './kit.ts';

interface Checked {
  readonly kind: string;
  readonly packageSignature: string;
  readonly signature: string;
  readonly signer: { readonly name: string; readonly fingerprint: string } | null;
  readonly changes?: readonly { sheet: string; cell: string; expected: string; found: string }[];
}

/**
 * `paneldesk verify FILE`: any signed PanelDesk file. A score sheet is the scoring step's to check, a result sheet the
 * meeting's; the file says which by what its hidden sheet holds, so each is asked in turn.
 */
export function register(program: Command, ctx: RunContext): void {
  common(program.command('verify').description('check a score sheet\'s or a result sheet\'s signatures and every value in it').argument('<file>'))
    .action(async (file: string, opts: Common) => {
      let bytes: Uint8Array<ArrayBuffer>;
      try {
        bytes = readInput(file);
      } catch (e) {
        if (e instanceof AppError) fail(e.toData());
        throw e;
      }
      const input = { name: path.basename(file), bytes };
      await withApp(ctx, opts, async (app) => {
        const asked = await app.dispatch('scoring.verify', { file: input }, { door: 'cli', actor: process.env.USER ?? 'cli' });
        let v: Checked;
        if (asked.ok) v = asked.value as Checked;
        else if (asked.error.code !== 'FILE_NOT_PANELDESK') fail(asked.error);
        else {
          const sealed = await app.dispatch('meeting.verify', { file: input }, { door: 'cli', actor: process.env.USER ?? 'cli' });
          // Neither a score sheet nor a result sheet: the answer is that it is no PanelDesk file.
          if (!sealed.ok) fail(sealed.error.code === 'NOT_A_RESULT_SHEET' ? asked.error : sealed.error);
          v = sealed.value as Checked;
        }
        return answer(opts, v, () => [
          `${v.kind}: package signature ${v.packageSignature}, signature ${v.signature}`,
          v.signer ? `signed by: ${v.signer.name} (${v.signer.fingerprint})` : 'signed by: —',
          ...(v.changes ?? []).map((c) => `  changed ${c.sheet}!${c.cell}: ${c.expected} → ${c.found}`),
        ].join('\n'));
      });
    });
}
