// Run by test/e2e/scoring-station.spec.ts (node --import tsx): a secretary's data folder with a campaign whose first
// criterion has band descriptors, three nominations assigned to one expert, and that expert's score sheet written
// to OUT. Prints { campaignId, file }.
import fs from 'node:fs';
import path from 'node:path';
import { openApp } from '../../main/app.ts';
import { sheetBook, xlsxBytes } from '../../main/xlsx/test-zip.ts';

const [dataDir, outDir] = [process.argv[2]!, process.argv[3]!];
const app = await openApp({ dataDir, identityName: '王秘书' });
const ctx = { door: 'test' as const, actor: '王秘书' };
async function call(name: string, args: unknown): Promise<unknown> {
  const r = await app.dispatch(name as never, args as never, ctx);
  if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const { id: campaignId } = await call('campaigns.create', { template: 'topics', name: '2026 跨界议题', year: 2026 }) as { id: string };
await call('campaigns.set', {
  id: campaignId,
  assignments: [{
    key: 'criteria.cross-disciplinarity.bands',
    value: [
      { min: 0, max: 15, label: '交叉不明显', labelEn: 'Hardly cross-disciplinary' },
      { min: 16, max: 27, label: '有一定交叉', labelEn: 'Some crossing' },
      { min: 28, max: 35, label: '交叉明显', labelEn: 'Clearly cross-disciplinary' },
      { min: 36, max: 40, label: '深度交叉，开创新方向', labelEn: 'Deeply crossed, opens a new field' },
    ],
  }],
});
const rows = [['议题名称', '提出人', '单位', '推荐单位'], ['量子生物学', '李四', '北京大学', '中国物理学会'], ['城市韧性', '王五', '清华大学', '中国城市科学研究会'], ['脑机接口伦理', '赵六', '中科院', '中国心理学会']];
const { uploadId } = await call('nominations.preview', { campaignId, file: { name: '议题.xlsx', bytes: xlsxBytes(sheetBook({ Sheet1: rows })) } }) as { uploadId: string };
await call('nominations.import', { campaignId, uploadId });
await app.store.commit(campaignId, { type: 'expert.added', expert: { id: 'e1', name: '张三', institution: '复旦大学', department: '', title: '教授', disciplines: [], offices: [], phone: '', email: '', groupId: null } }, '王秘书');
for (const n of app.store.get(campaignId)!.nominations) await app.store.commit(campaignId, { type: 'assignment.added', itemId: n.id, expertId: 'e1' }, '王秘书');
const { files } = await call('scoring.exportSheets', { campaignId }) as { files: { name: string; bytes: Uint8Array }[] };
const file = path.join(outDir, files[0]!.name);
fs.writeFileSync(file, files[0]!.bytes);
await app.close();
process.stdout.write(JSON.stringify({ campaignId, file }));
