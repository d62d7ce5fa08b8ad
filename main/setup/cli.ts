import { Option, type Command } from 'commander';
import { AppError, type CampaignView } from '../../shared/contract/index.ts';
import { CAMPAIGN_KINDS } from '../../shared/campaign/model.ts';
import { addGroup, findGroup, removeGroup, splitList } from '../../shared/campaign/groups.ts';
import type { DisciplineGroup } from '../../shared/campaign/model.ts';
import { parseAssignment } from '../../shared/campaign/set-path.ts';
import type { CampaignSummary } from '../../shared/campaign/campaign.ts';
import { formatCampaign, formatCampaignList } from '../cli/format.ts';
import { answer, call, common, fail, withApp, type Common, type RunContext } from '../cli/kit.ts';

/** `paneldesk campaign create|list|show|set|group`. */
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

  registerGroups(campaign, ctx);
}

const groupLine = (g: DisciplineGroup): string =>
  `${g.id}\t${g.name}${g.nameEn ? ` / ${g.nameEn}` : ''}\t[${g.disciplines.join('、')}]\tleader ${g.leader || '—'}\tquota ${g.quotaShare ?? '—'}${g.everyMemberScores ? '\tevery member scores' : ''}`;

/** `paneldesk campaign group add|remove|list`: the discipline groups (学科评审组), as the setup screen edits them. */
function registerGroups(campaign: Command, ctx: RunContext): void {
  const group = campaign.command('group').description('discipline groups (学科评审组): add, remove, list');

  common(group.command('add').description('a new discipline group').argument('<campaign>'))
    .requiredOption('--name <name>', 'the group\'s name (中文)')
    .option('--name-en <name>', 'its English name')
    .option('--disciplines <list>', 'its disciplines, separated by commas or 、')
    .option('--leader <name>', 'the group leader (组长)')
    .option('--quota <n>', 'its share of the quota')
    .option('--every-member', 'every member scores every nomination of the group')
    .action(async (id: string, opts: Common & { name: string; nameEn?: string; disciplines?: string; leader?: string; quota?: string; everyMember?: boolean }) => {
      const quota = opts.quota === undefined ? null : Number(opts.quota);
      if (quota !== null && !(Number.isInteger(quota) && quota >= 0)) fail(new AppError('BAD_ARGUMENTS', `--quota must be a whole number of 0 or more, not "${opts.quota}"`).toData(), 2);
      await withApp(ctx, opts, async (app) => {
        const c = await call(app, 'campaigns.get', { id });
        const groups = addGroup(c.groups, {
          name: opts.name, nameEn: opts.nameEn, disciplines: opts.disciplines ? splitList(opts.disciplines) : [], leader: opts.leader, quotaShare: quota, everyMemberScores: !!opts.everyMember,
        });
        const next = await call(app, 'campaigns.update', { id, baseUpdatedAt: c.updatedAt, patch: { groups } });
        const added = next.groups.at(-1)!;
        return answer(opts, { group: added, groups: next.groups }, () => `Added ${groupLine(added)}`);
      });
    });

  common(group.command('remove').description('remove a discipline group (by id or name)').argument('<campaign>').argument('<group>'))
    .action(async (id: string, ref: string, opts: Common) => {
      await withApp(ctx, opts, async (app) => {
        const c = await call(app, 'campaigns.get', { id });
        const gone = findGroup(c.groups, ref);
        const next = await call(app, 'campaigns.update', { id, baseUpdatedAt: c.updatedAt, patch: { groups: removeGroup(c.groups, ref) } });
        return answer(opts, { removed: gone.id, groups: next.groups }, () => `Removed ${gone.name}`);
      });
    });

  common(group.command('list').description('the discipline groups of a campaign').argument('<campaign>'))
    .action(async (id: string, opts: Common) => {
      await withApp(ctx, opts, async (app) => {
        const c = await call(app, 'campaigns.get', { id });
        return answer(opts, { groups: c.groups }, () => c.groups.map(groupLine).join('\n') || '(no discipline groups)');
      });
    });
}
