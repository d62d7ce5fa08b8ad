import { Option, type Command } from 'commander';
import { aggregationMethods, type AggregationMethod } from '../../shared/campaign/settings.ts';
import type { ResultRow, ResultsSummary } from '../../shared/contract/results.ts';
import { methodName, num, sentence } from '../../shared/results/words.ts';
import { answer, call, common, fail, withApp, type Common, type RunContext } from '../cli/kit.ts';

const PAGE = 5000;

/** Every row of the ranking, page by page (the call answers pages, never the whole store at once). */
async function allRows(app: Parameters<Parameters<typeof withApp>[2]>[0], campaignId: string, method: AggregationMethod | undefined) {
  const rows: ResultRow[] = [];
  let summary: ResultsSummary | null = null;
  for (let offset = 0; ; offset += PAGE) {
    const page = await call(app, 'results.compute', { campaignId, offset, limit: PAGE, ...(method ? { method } : {}) });
    summary = page.summary;
    for (const r of page.rows) rows.push(r);
    if (offset + PAGE >= page.total) break;
  }
  return { rows, summary: summary as ResultsSummary };
}

function human(summary: ResultsSummary, rows: readonly ResultRow[]): string {
  const lines = [`${methodName(summary.method, 'zh-CN')} · ${methodName(summary.method, 'en')}`];
  for (const r of rows) {
    const mark = r.status === 'selected' ? '✓' : r.status === 'tie' ? '=' : ' ';
    lines.push(`${String(r.rank ?? '—').padStart(5)} ${mark} ${r.score === null ? '   —  ' : num(r.score).padStart(6)}  ${r.label}${r.discipline ? `（${r.discipline}）` : ''}`);
  }
  const label = (id: string) => rows.find((r) => r.id === id)?.label ?? id;
  for (const l of summary.lines) {
    lines.push(`— ${l.scope ?? 'quota'} ${l.selected}/${l.quota}: ${l.reasons.map((n) => sentence(n, 'zh-CN', (_k, id) => label(id))).join('；')}`);
  }
  return lines.join('\n');
}

/** `paneldesk results --campaign ID [--method …]`: aggregate and rank. */
export function register(program: Command, ctx: RunContext): void {
  // Positional options: `results export FILE --campaign ID` (the meeting's) gives --campaign to export, not to results.
  common(program.command('results').description('aggregate and rank (汇总排名)').enablePositionalOptions())
    .option('--campaign <id>', 'the campaign (required)')
    .addOption(new Option('--method <method>', 'compare with another method (default: the campaign\'s)').choices(aggregationMethods))
    .action(async (opts: Common & { campaign?: string; method?: AggregationMethod }) => {
      const campaignId = opts.campaign;
      if (!campaignId) fail({ code: 'BAD_ARGUMENTS', message: 'error: required option \'--campaign <id>\' not specified' }, 2);
      await withApp(ctx, opts, async (app) => {
        const { rows, summary } = await allRows(app, campaignId, opts.method);
        const labels = new Map(rows.map((r) => [r.id, r.label]));
        const names = (_kind: 'item' | 'expert', id: string) => labels.get(id) ?? id;
        const out = {
          method: summary.method,
          settings: summary.settings,
          counts: summary.counts,
          quotas: summary.quotas,
          lines: summary.lines,
          items: rows.map((r) => ({
            id: r.id,
            key: r.key,
            title: r.label,
            discipline: r.discipline,
            score: r.score,
            rank: r.rank,
            selected: r.status === 'selected',
            status: r.status,
            n: r.n,
            values: r.values,
            ...(r.paper ? { metricScore: r.paper.metricScore, expertScore: r.paper.expertScore } : {}),
            span: r.span,
            sd: r.sd,
            toDiscuss: r.toDiscuss,
            notes: r.notes.map((n) => ({ code: n.code, zh: sentence(n, 'zh-CN', names), en: sentence(n, 'en', names) })),
          })),
        };
        return answer(opts, out, () => human(summary, rows));
      });
    });
}
