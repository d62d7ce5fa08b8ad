import type { App } from '../../main/app.ts';
import type { CallArgs, CallName, CallResult } from '../../shared/contract/index.ts';
import type { Expert } from '../../shared/panel/model.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';

/**
 * A campaign ready for the meeting, for integration and end-to-end tests: a conferences campaign with a quota of 3,
 * 8 nominations imported from a workbook through the contract, 6 experts and their scores. The panel and scoring
 * steps' own calls are not on this branch yet, so experts and scores go in as those steps' journal changes
 * (expert.added, conflict.declared, score.entered) through the store: the data a real panel and paper entry make.
 */
export const SEED_TITLES = ['中国化学会第34届学术年会', '中国物理学会秋季学术会议', '中国数学会年会', '中国生物化学与分子生物学会全国学术会议', '中国地理学会年会', '中国计算机大会', '中国力学大会', '中国天文学会学术年会'];
const SCORES = [
  [24, 23, 22, 24], [23, 22, 22, 21], [22, 21, 20, 22], [20, 21, 19, 20], [19, 18, 20, 18], [17, 18, 16, 17], [15, 16, 14, 15], [12, 14, 13, 11],
];

export async function seedMeeting(app: App, opts: { actor?: string } = {}): Promise<{ campaignId: string; experts: string[]; items: string[] }> {
  const ctx = { door: 'test' as const, actor: opts.actor ?? 'secretary' };
  const call = async <N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> => {
    const r = await app.dispatch(name, args, ctx);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as CallResult<N>;
  };
  const c = await call('campaigns.create', { template: 'conferences', name: '2026 十佳学术会议', year: 2026 });
  await call('campaigns.set', { id: c.id, assignments: [{ key: 'quota.total', value: 3 }] });
  const rows = [['会议名称', '主办单位', '学科', '推荐单位', '举办时间'], ...SEED_TITLES.map((t, k) => [t, `学会${k + 1}`, k % 2 ? '物理' : '化学', `推荐学会${k + 1}`, '2026年6月8日'])];
  const bytes = xlsxBytes(sheetBook({ 推荐汇总: rows })) as Uint8Array<ArrayBuffer>;
  const preview = await call('nominations.preview', { campaignId: c.id, file: { name: '推荐汇总.xlsx', bytes } });
  await call('nominations.import', { campaignId: c.id, uploadId: preview.uploadId });
  const list = await call('nominations.list', { campaignId: c.id });
  const byTitle = new Map(list.items.map((n) => [n.label, n.id]));
  const items = SEED_TITLES.map((t) => byTitle.get(t)!);
  const experts: string[] = [];
  for (let k = 0; k < 6; k++) {
    const expert: Expert = { id: `e${k + 1}`, name: `专家${k + 1}`, institution: `大学${k + 1}`, department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null };
    await app.store.commit(c.id, { type: 'expert.added', expert }, ctx.actor);
    experts.push(expert.id);
  }
  // e6 declares a conflict with the second item: out of its scores and of its vote.
  await app.store.commit(c.id, { type: 'conflict.declared', conflict: { itemId: items[1]!, expertId: 'e6', kind: 'declared', reason: { code: 'DECLARED', values: { by: 'e6', text: '同单位' } }, state: 'declared', note: '' } }, ctx.actor);
  const crit = c.criteria.map((x) => x.id);
  for (const [e, expertId] of experts.entries()) {
    const answers = items.map((itemId, i) => ({
      expertId,
      itemId,
      // Expert e1 is harsh, e5 lenient: a spread for the charts.
      scores: Object.fromEntries(crit.map((id, j) => [id, Math.max(0, Math.min(25, SCORES[i]![j]! + (e === 0 ? -3 : e === 4 ? 1 : 0) + ((i + e) % 3) - 1))])),
      comment: '',
      recused: false,
      source: { kind: 'paper' as const, by: ctx.actor, doubleEntry: false },
      at: '2026-03-01T02:00:00.000Z',
    }));
    await app.store.commit(c.id, { type: 'score.entered', expertId, answers }, ctx.actor);
  }
  return { campaignId: c.id, experts, items };
}
