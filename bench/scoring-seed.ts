// Data folders for the scoring benches, made through the services as a secretary and an expert make them (no store
// JSON by hand): a conferences campaign (four criteria of 25) with N nominations imported from a workbook, E experts
// added one by one, reviewers assigned by the assignment service (K each), score sheets exported; and, for the expert,
// one of those sheets opened on a second data folder (the expert's workstation).
import * as XLSX from 'xlsx';
import { openApp, type App } from '../main/app.ts';
import type { CallArgs, CallName, CallResult } from '../shared/contract/index.ts';

const DISCIPLINES = ['物理', '化学', '生物', '数学', '计算机', '材料', '地学', '医学'];

export function caller(app: App, actor: string) {
  return async <N extends CallName>(name: N, args: CallArgs<N>): Promise<CallResult<N>> => {
    const r = await app.dispatch(name, args, { door: 'test', actor });
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as CallResult<N>;
  };
}

/** A societies' conferences workbook: title row, Chinese header, N rows. */
export function conferencesWorkbook(n: number): Uint8Array {
  const aoa: unknown[][] = [['2026年度十佳学术会议推荐汇总表'], ['会议名称', '主办单位', '学科', '推荐单位', '举办时间']];
  for (let i = 0; i < n; i++) {
    const d = DISCIPLINES[i % DISCIPLINES.length]!;
    aoa.push([`第${i + 1}届全国${d}前沿学术会议`, `北京某大学第${i % 40}学院`, d, `学会${i % 60}`, '2026年6月8日']);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '推荐汇总');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}

/** The secretary's folder: the campaign, nominations, experts and assignments, ready for `scoring.exportSheets`. */
export async function seedSecretary(dataDir: string, o: { nominations: number; experts: number; perItem: number }): Promise<{ campaignId: string }> {
  const app = await openApp({ dataDir, identityName: '北京市科协秘书处' });
  try {
    const call = caller(app, '秘书处');
    const c = await call('campaigns.create', { template: 'conferences', name: '2026 十佳学术会议（基准）', year: 2026 });
    // One discipline group holding every discipline: the assignment service places nominations by group.
    await call('campaigns.update', { id: c.id, patch: { groups: [{ id: 'g1', name: '综合组', nameEn: 'All disciplines', disciplines: DISCIPLINES }] } });
    const bytes = conferencesWorkbook(o.nominations) as Uint8Array<ArrayBuffer>;
    const preview = await call('nominations.preview', { campaignId: c.id, file: { name: '推荐汇总.xlsx', bytes } });
    await call('nominations.import', { campaignId: c.id, uploadId: preview.uploadId });
    for (let k = 0; k < o.experts; k++) {
      await call('experts.save', { campaignId: c.id, expert: { name: `专家${k + 1}`, institution: `外省大学${k % 30}`, title: '教授', disciplines: [DISCIPLINES[k % DISCIPLINES.length]!], groupId: 'g1' } });
    }
    const r = await call('panel.assign', { campaignId: c.id, perItem: o.perItem });
    if (r.unassigned.length > 0) throw new Error(`bench seed: ${r.unassigned.length} nominations short of reviewers (${JSON.stringify(r.unassigned[0]!.reason)}, ${JSON.stringify(r.warnings[0] ?? null)})`);
    return { campaignId: c.id };
  } finally {
    await app.close();
  }
}

/**
 * A secretary's campaign with one expert assigned every nomination, its sheet exported, and opened on `expertDir`:
 * the expert's workstation the UI bench serves.
 */
export async function seedExpert(secDir: string, expertDir: string, nominations: number): Promise<{ campaignId: string }> {
  const { campaignId } = await seedSecretary(secDir, { nominations, experts: 1, perItem: 1 });
  const sec = await openApp({ dataDir: secDir, identityName: '北京市科协秘书处' });
  let file: { name: string; bytes: Uint8Array };
  try {
    const out = await caller(sec, '秘书处')('scoring.exportSheets', { campaignId });
    file = out.files[0]!;
    if (out.files.length !== 1 || out.files[0]!.items !== nominations) throw new Error(`bench seed: expected one sheet of ${nominations} items`);
  } finally {
    await sec.close();
  }
  const ex = await openApp({ dataDir: expertDir, identityName: '专家1' });
  try {
    await caller(ex, '专家1')('scoring.open', { file: { name: file.name, bytes: file.bytes as Uint8Array<ArrayBuffer> } });
  } finally {
    await ex.close();
  }
  return { campaignId };
}
