import type { Command } from 'commander';
import { answer, call, common, withApp, type Common, type RunContext } from '../cli/kit.ts';

/** `paneldesk identity show|rename`: this workstation's signing identity. */
export function register(program: Command, ctx: RunContext): void {
  const identity = program.command('identity').description('this workstation\'s signing identity (name and key fingerprint)');

  common(identity.command('show').description('the name and key fingerprint others check your signed files against'))
    .action(async (opts: Common) => {
      await withApp(ctx, opts, async (app) => {
        const v = await call(app, 'identity.show', {});
        return answer(opts, v, () => `${v.name}\nfingerprint: ${v.fingerprint}${v.protected ? '\n(the key is protected by a passphrase)' : ''}`);
      });
    });

  common(identity.command('rename').description('the name shown with your signature').argument('<name>'))
    .action(async (name: string, opts: Common) => {
      await withApp(ctx, opts, async (app) => {
        const v = await call(app, 'identity.rename', { name });
        return answer(opts, v, () => `${v.name}\nfingerprint: ${v.fingerprint}`);
      });
    });
}
