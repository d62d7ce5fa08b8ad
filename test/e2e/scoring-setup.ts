// Run by test/e2e/scoring.spec.ts (node --import tsx): a secretary's data folder with a campaign, three
// nominations, two experts and their assignments (the panel's own screens are another step's). Prints the ids.
import { openApp } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';

const dataDir = process.argv[2]!;
const app = await openApp({ dataDir, identityName: '王秘书' });
const ctx = { door: 'test' as const, actor: '王秘书' };
const c = await app.dispatch('campaigns.create', { template: 'topics', name: '2026 跨界议题', year: 2026 }, ctx);
if (!c.ok) throw new Error(c.error.message);
const campaignId = (c.value as { id: string }).id;
const rows = [['议题名称', '提出人', '单位', '推荐单位'], ['量子生物学', '李四', '北京大学', '中国物理学会'], ['城市韧性', '王五', '清华大学', '中国城市科学研究会'], ['脑机接口伦理', '赵六', '中科院', '中国心理学会']];
const bytes = xlsxBytes(sheetBook({ Sheet1: rows })) as Uint8Array<ArrayBuffer>;
const p = await app.dispatch('nominations.preview', { campaignId, file: { name: '议题.xlsx', bytes } }, ctx);
if (!p.ok) throw new Error(p.error.message);
await app.dispatch('nominations.import', { campaignId, uploadId: (p.value as { uploadId: string }).uploadId }, ctx);
const expert = (id: string, name: string) => ({ id, name, institution: '复旦大学', department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null });
await app.store.commit(campaignId, { type: 'expert.added', expert: expert('e1', '张三') }, '王秘书');
await app.store.commit(campaignId, { type: 'expert.added', expert: expert('e2', '钱七') }, '王秘书');
const ids = app.store.get(campaignId)!.nominations.map((n) => n.id);
for (const id of ids) await app.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e1' }, '王秘书');
for (const id of ids.slice(0, 2)) await app.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId: 'e2' }, '王秘书');
await app.close();
process.stdout.write(JSON.stringify({ campaignId, ids }));
