// Workbooks as societies really send them, made with ExcelJS for the nominations end-to-end tests.
import ExcelJS from 'exceljs';

async function book(sheet: string, rows: unknown[][], merge?: string, notes = false): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  if (merge) ws.mergeCells(merge);
  if (notes) wb.addWorksheet('填表说明').addRow(['请按模板填写，每篇论文一行。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The Chemical Society's file: a merged title row above the header (row 2), Chinese headers out of order, a
 * 序号 column, a journal column headed 来源载体 that no guess maps, full-width digits (２０２５, ８５), a year
 * that is not one (D4: abc), a DOI that is not one (G5: not-a-doi), a row without a title or DOI (row 7: rejected).
 */
export function chemistryWorkbook(): Promise<Buffer> {
  return book('推荐论文', [
    ['2026年度北京地区广受关注学术论文推荐汇总表（中国化学会）'],
    ['序号', '学科', '论文题目', '发表年份', '作者', '来源载体', 'DOI', '引用次数', '第一作者单位', '推荐单位'],
    [1, '化学', '高效钙钛矿太阳能电池的界面工程', '２０２５', '张三；李四', 'Nature Energy', '10.1038/s41560-025-0001', '８５', '清华大学', '中国化学会'],
    [2, '物理学', '拓扑超导体中的马约拉纳零能模', 'abc', '王五', 'Physical Review Letters', '10.1103/PhysRevLett.134.0002', '12', '北京大学', '中国化学会'],
    [3, '化学', '单原子催化剂用于二氧化碳电还原', 2024, '赵六', 'JACS', 'not-a-doi', '30', '中国科学院化学研究所', '中国化学会'],
    [4, '生物学', '人类肠道菌群与代谢疾病的关联研究', 2025, '钱七', 'Cell', '10.1016/j.cell.2025.0004', '1,240', '北京协和医学院', '中国化学会'],
    [5, '化学', '', 2025, '孙八', 'Angewandte Chemie', '', '7', '北京化工大学', '中国化学会'],
  ], 'A1:J1', true);
}

/**
 * The Physics Society's file: header on row 1, other header words; one paper the Chemical Society also sent (its DOI
 * as a link in capitals), counting 90 citations where the Chemical Society counted 85.
 */
export function physicsWorkbook(): Promise<Buffer> {
  return book('Sheet1', [
    ['题目', '作者', '刊名', '年份', 'DOI', '学科', '被引频次', '单位', '推荐学会'],
    ['高效钙钛矿太阳能电池的界面工程', '张三; 李四', 'Nature Energy', 2025, 'https://doi.org/10.1038/S41560-025-0001', '化学', 90, '清华大学', '中国物理学会'],
    ['量子反常霍尔效应的高温实现', '周九', 'Science', 2025, '10.1126/science.2025.0009', '物理学', 310, '中国科学院物理研究所', '中国物理学会'],
  ]);
}

const disciplines = ['化学', '物理学', '生物学', '数学', '计算机科学', '材料科学', '医学', '地球科学'];
const distinctTitle = (i: number) => `第 ${i} 篇：${disciplines[i % 8]}方向的研究进展 ${(i * 7919) % 10007}`;
/** Titles so alike that the near-duplicate search stops at its limit (5,000 pairs). */
/** Titles alike but for words (a differing number, 第13项 or 2025, would set two nominations apart). */
const wordTag = (i: number) => [...String(i).padStart(5, '0')].map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('');
export const alikeTitle = (i: number) => `面向${disciplines[i % 8]}的研究：多尺度方法与可重复的实验验证（${wordTag(i)}）`;

/** A large file (rows × 10 columns), for progress and cancel. */
export function largeWorkbook(rows: number, titleOf: (i: number) => string = distinctTitle): Promise<Buffer> {
  const data: unknown[][] = [['论文题目', '作者', '期刊', '发表年份', 'DOI', '学科', '第一作者单位', '推荐单位', '被引次数', '下载次数']];
  for (let i = 0; i < rows; i++) {
    data.push([titleOf(i), `作者${i % 300}`, `期刊 ${i % 50}`, 2020 + (i % 6), `10.1000/p${i}`, disciplines[i % 8], '北京大学', `学会${i % 40}`, i % 500, (i * 13) % 9000]);
  }
  return book('推荐论文', data);
}

/** The Materials Research Society's file: one paper under a slightly different title, without a DOI. */
export function materialsWorkbook(): Promise<Buffer> {
  return book('推荐', [
    ['论文题目', '作者', '期刊', '发表年份', '学科', '单位', '推荐单位'],
    ['高效钙钛矿太阳能电池的界面工程研究', '张三', 'Nature Energy', 2025, '化学', '清华大学', '中国材料研究学会'],
    ['新型锂硫电池正极材料', '吴十', 'Advanced Materials', 2025, '材料科学', '北京理工大学', '中国材料研究学会'],
  ]);
}

/**
 * One society's workbook with a sheet per discipline: an instructions sheet first (填表说明, no header), then
 * 化学 (2 papers) and 物理学 (3 papers, a title row above the header). The journal column is headed 来源载体, which
 * no guess maps: fixed on the first sheet, the nominator's remembered mapping must apply to the second.
 */
export async function disciplineSheetsWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const notes = wb.addWorksheet('填表说明');
  for (const line of ['填表说明', '1. 每个学科一个工作表，每篇论文一行。', '2. 论文题目、期刊、发表年份为必填项。', '3. 请勿修改表头。']) notes.addRow([line]);
  const header = ['序号', '论文题目', '作者', '来源载体', '发表年份', 'DOI', '学科', '第一作者单位', '推荐单位'];
  const chemistry = wb.addWorksheet('化学');
  chemistry.addRow(header);
  chemistry.addRow([1, '金属有机框架材料的水稳定性研究', '陈一', 'JACS', 2025, '10.1021/jacs.2025.1001', '化学', '北京大学', '中国化学会']);
  chemistry.addRow([2, '手性催化剂的不对称合成新策略', '林二', 'Nature Chemistry', 2024, '10.1038/nchem.2024.1002', '化学', '清华大学', '中国化学会']);
  const physics = wb.addWorksheet('物理学');
  physics.addRow(['物理学科推荐论文']);
  physics.addRow(header);
  physics.addRow([1, '二维材料中的激子凝聚', '黄三', 'Physical Review Letters', 2025, '10.1103/PhysRevLett.135.2001', '物理学', '中国科学院物理研究所', '中国化学会']);
  physics.addRow([2, '超冷原子气体中的拓扑相变', '周四', 'Nature Physics', 2025, '10.1038/nphys.2025.2002', '物理学', '北京大学', '中国化学会']);
  physics.addRow([3, '高压下氢化物超导的新证据', '吴五', 'Science', 2024, '10.1126/science.2024.2003', '物理学', '中国人民大学', '中国化学会']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
