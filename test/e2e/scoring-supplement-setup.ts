// Run by test/e2e/scoring-supplement.spec.ts (node --import tsx): a secretary's data folder with a campaign of three
// nominations and two reviewers each (K = 2), three experts, and 钱七's recusal on the first nomination typed in from
// paper — so that nomination is one score short. Prints the ids.
import { openApp } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';

const dataDir = process.argv[2]!;
const app = await openApp({ dataDir, identityName: '王秘书' });
const ctx = { door: 'test' as const, actor: '王秘书' };
async function must<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error.message);
  return r.value as T;
}
const { id: campaignId } = await must<{ id: string }>(app.dispatch('campaigns.create', { template: 'topics', name: '2026 跨界议题', year: 2026 }, ctx));
await must(app.dispatch('campaigns.set', { id: campaignId, assignments: [{ key: 'assignment.perItem', value: 2 }] }, ctx));
const rows = [['议题名称', '提出人', '单位', '推荐单位'], ['量子生物学', '李四', '北京大学', '中国物理学会'], ['城市韧性', '王五', '清华大学', '中国城市科学研究会'], ['脑机接口伦理', '赵六', '中科院', '中国心理学会']];
const bytes = xlsxBytes(sheetBook({ Sheet1: rows })) as Uint8Array<ArrayBuffer>;
const p = await must<{ uploadId: string }>(app.dispatch('nominations.preview', { campaignId, file: { name: '议题.xlsx', bytes } }, ctx));
await must(app.dispatch('nominations.import', { campaignId, uploadId: p.uploadId }, ctx));
const expert = (id: string, name: string) => ({ id, name, institution: '复旦大学', department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null });
for (const [id, name] of [['e1', '张三'], ['e2', '钱七'], ['e3', '孙八']] as const) await app.store.commit(campaignId, { type: 'expert.added', expert: expert(id, name) }, '王秘书');
const ids = app.store.get(campaignId)!.nominations.map((n) => n.id);
for (const id of ids) {
  await app.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e1' }, '王秘书');
  await app.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e2' }, '王秘书');
}
await must(app.dispatch('scoring.paperEntry', { campaignId, expertId: 'e2', by: '王秘书', answers: [{ itemId: ids[0]!, scores: {}, comment: '本人是合作者', recused: true }] }, ctx));
await app.close();
process.stdout.write(JSON.stringify({ campaignId, ids }));
