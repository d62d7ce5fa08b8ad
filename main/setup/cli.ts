import { Option, type Command } from 'commander';
import { AppError, type CampaignView } from '../../shared/contract/index.ts';
import { CAMPAIGN_KINDS } from '../../shared/campaign/model.ts';
import { parseAssignment } from '../../shared/campaign/set-path.ts';
import type { CampaignSummary } from '../../shared/campaign/campaign.ts';
import { formatCampaign, formatCampaignList } from '../cli/format.ts';
import { answer, call, common, fail, withApp, type Common, type RunContext } from '../cli/kit.ts';

/** `paneldesk campaign create|list|show|set`. */
export function register(program: Command, ctx: RunContext): void {
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
}
