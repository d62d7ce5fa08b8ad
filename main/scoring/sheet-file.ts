import type ExcelJS from 'exceljs';
import type { Campaign } from '../../shared/campaign/campaign.ts';
import type { Criterion } from '../../shared/campaign/model.ts';
import type { VisibleColumns, VisibleRow } from '../../shared/scoring/decide.ts';
import type { AnswerItem } from '../../shared/scoring/payload.ts';
import type { PacketItem } from '../../shared/scoring/slice.ts';
import type { WorkbookData } from '../xlsx/reader.ts';
import { cell, setCell, withQuotePrefix } from '../xlsx/writer.ts';

/**
 * The score sheet file (design.md): a visible sheet the expert fills (only their nominations, the rubric's columns
 * with Excel's data validation of range and step, a recusal and a comment column; everything else locked, the sheet
 * protected, the header frozen, printable on A4), an instructions sheet in Chinese and English, and a very hidden
 * sheet with what the signatures cover. Standard features only, so WPS opens it the same way.
 */

export const META_SHEET = 'PanelDeskMeta';
export const SCORES_SHEET = '评分表 Scores';
export const HELP_SHEET = '说明 Instructions';
/** Excel keeps at most 32,767 characters in a cell: longer meta values continue on the next rows under the same key. */
const PIECE = 30_000;

export interface SheetFileInput {
  readonly campaign: Pick<Campaign, 'id' | 'name' | 'kind' | 'year' | 'criteria'>;
  readonly expert: { readonly name: string; readonly code: string };
  readonly items: readonly PacketItem[];
  /** Canonical package text and the secretary's signature over it. */
  readonly pkg: string;
  readonly packageSignature: string;
  readonly secretary: { readonly name: string; readonly publicKey: string };
  readonly seq: number;
  /** When answered in PanelDesk: the canonical answer, the expert's signature and key, and the answers to show. */
  readonly answer?: { readonly text: string; readonly signature: string; readonly publicKey: string; readonly items: readonly AnswerItem[] };
}

const critLabel = (c: Criterion): string => `${c.name}${c.nameEn ? ` ${c.nameEn}` : ''}（${c.min}–${c.max}）`;

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Where each column is, for a campaign's rubric and kind: shared by the writer and the reader. */
export function sheetColumns(fieldCount: number, criteria: readonly Pick<Criterion, 'id'>[]): VisibleColumns & { total: string; fields: number } {
  const first = 3 + fieldCount;
  return {
    no: 'A',
    criteria: Object.fromEntries(criteria.map((c, i) => [c.id, colLetter(first + i)])),
    total: colLetter(first + criteria.length),
    recused: colLetter(first + criteria.length + 1),
    comment: colLetter(first + criteria.length + 2),
    fields: fieldCount,
  };
}

function stepFormula(c: Criterion, ref: string): string {
  return `AND(ISNUMBER(${ref}),${ref}>=${c.min},${ref}<=${c.max},ABS(MOD(ROUND((${ref}-(${c.min}))/${c.step},9),1))<0.000001)`;
}

function bandsText(c: Criterion, en: boolean): string {
  return c.bands.map((b) => `${b.min}–${b.max} ${en && b.labelEn ? b.labelEn : b.label}`).join('；');
}

export async function writeScoreSheet(input: SheetFileInput): Promise<Uint8Array> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'PanelDesk 评审工作台';
  const { campaign, items } = input;
  const criteria = campaign.criteria;
  const fieldNames = items[0]?.fields.map((f) => `${f.name} ${f.nameEn}`) ?? [];
  const cols = sheetColumns(fieldNames.length, criteria);
  const answers = new Map((input.answer?.items ?? []).map((a) => [a.id, a]));

  const ws = wb.addWorksheet(SCORES_SHEET, { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  const header = ['序号 No.', '推荐项 Nomination', ...fieldNames, ...criteria.map(critLabel), '加权总分 Total', '回避 Recuse', '评语 Comment'];
  ws.addRow(header.map(cell));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
  ws.getRow(1).height = 36;
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 36;
  for (let i = 0; i < fieldNames.length; i++) ws.getColumn(3 + i).width = 18;
  criteria.forEach((c) => (ws.getColumn(cols.criteria[c.id]!).width = 14));
  ws.getColumn(cols.total).width = 10;
  ws.getColumn(cols.recused).width = 9;
  ws.getColumn(cols.comment).width = 40;

  items.forEach((item, i) => {
    const r = i + 2;
    const a = answers.get(item.id);
    const row = ws.getRow(r);
    row.getCell(1).value = i + 1;
    setCell(row.getCell(2), item.label);
    item.fields.forEach((f, j) => setCell(row.getCell(3 + j), f.value));
    for (const c of criteria) {
      const ref = `${cols.criteria[c.id]}${r}`;
      const target = ws.getCell(ref);
      const v = a?.scores[c.id];
      target.value = typeof v === 'number' ? v : null;
      target.protection = { locked: false };
      const msg = `${c.name}：${c.min}–${c.max}，步长 ${c.step}. ${c.nameEn || c.name}: ${c.min}–${c.max}, step ${c.step}.`;
      target.dataValidation = {
        ...(c.step === 1 && Number.isInteger(c.min) ? { type: 'whole' as const, operator: 'between' as const, formulae: [c.min, c.max] } : { type: 'custom' as const, formulae: [stepFormula(c, ref)] }),
        allowBlank: true,
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: '分数无效 Invalid score',
        error: msg.slice(0, 255),
        showInputMessage: true,
        promptTitle: c.name.slice(0, 32),
        prompt: (bandsText(c, false) || msg).slice(0, 255),
      };
    }
    const first = cols.criteria[criteria[0]!.id]!;
    const last = cols.criteria[criteria[criteria.length - 1]!.id]!;
    const terms = criteria.map((c) => `${c.weight}*(${cols.criteria[c.id]}${r}-(${c.min}))/(${c.max - c.min})`).join('+');
    ws.getCell(`${cols.total}${r}`).value = { formula: `IF(COUNT(${first}${r}:${last}${r})=${criteria.length},ROUND(${terms},2),"")` } as ExcelJS.CellFormulaValue;
    const rec = ws.getCell(`${cols.recused}${r}`);
    rec.value = a?.recused ? '是' : null;
    rec.protection = { locked: false };
    rec.dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorTitle: '回避 Recuse', error: '填“是”表示回避（有利益冲突）。Enter 是 to recuse (a conflict of interest).' };
    const com = ws.getCell(`${cols.comment}${r}`);
    setCell(com, a?.comment ? a.comment : null);
    com.protection = { locked: false };
    row.alignment = { vertical: 'top', wrapText: true };
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', horizontalCentered: true };
  ws.headerFooter = { oddHeader: cell(`&L${campaign.name}&R${input.expert.code}`) as string, oddFooter: '&C&P / &N' };

  const help = wb.addWorksheet(HELP_SHEET);
  help.getColumn(1).width = 28;
  help.getColumn(2).width = 14;
  help.getColumn(3).width = 90;
  const lines: unknown[][] = [
    [`${campaign.name}（${campaign.year}）评分表`],
    [`评审专家：${input.expert.code}。请在“${SCORES_SHEET}”中为每个推荐项按各指标打分；有利益冲突请在“回避”列填“是”，此时不需打分。分数超出范围或不符合步长时 Excel/WPS 会拒绝。填写完毕保存后交回秘书处。请勿修改其他单元格、增删行列或重命名工作表。`],
    [`Score sheet of ${campaign.name} (${campaign.year}), reviewer ${input.expert.code}. In “${SCORES_SHEET}”, give each nomination a score for every criterion; where you have a conflict of interest, enter 是 in “Recuse” and leave its scores empty. Excel and WPS refuse a score out of range or off the step. Save the file and return it to the secretariat. Please do not change other cells, add or remove rows or columns, or rename the sheets.`],
    [],
    ['指标 Criterion', '权重 Weight', '分值范围与档次 Range, step and bands'],
    ...criteria.map((c) => [`${c.name} ${c.nameEn}`, c.weight, `${c.min}–${c.max}，步长 step ${c.step}${c.description ? `。${c.description}` : ''}${c.bands.length ? `\n${bandsText(c, false)}\n${bandsText(c, true)}` : ''}`]),
    [],
    ['加权总分 = Σ 权重 × (分数 − 最低分) / (最高分 − 最低分)，满分 100。', '', 'Weighted total = Σ weight × (score − min) / (max − min), out of 100.'],
  ];
  for (const l of lines) help.addRow(l.map(cell)).alignment = { vertical: 'top', wrapText: true };
  help.getRow(1).font = { bold: true, size: 14 };
  help.getRow(5).font = { bold: true };
  help.mergeCells('A2:C2');
  help.mergeCells('A3:C3');
  help.getRow(2).height = 60;
  help.getRow(3).height = 60;
  help.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  const put = (key: string, value: string) => {
    for (let i = 0; i === 0 || i < value.length; i += PIECE) meta.addRow([key, value.slice(i, i + PIECE)]);
  };
  put('format', 'paneldesk.score-sheet');
  put('version', '1');
  put('kind', 'score-sheet');
  put('campaign', JSON.stringify({ id: campaign.id, name: campaign.name, kind: campaign.kind, year: campaign.year, criteria }));
  put('items', JSON.stringify(items));
  put('columns', JSON.stringify(cols));
  put('seq', String(input.seq));
  put('package', input.pkg);
  put('packageSignature', input.packageSignature);
  put('secretaryName', input.secretary.name);
  put('secretaryKey', input.secretary.publicKey);
  if (input.answer) {
    put('answer', input.answer.text);
    put('answerSignature', input.answer.signature);
    put('expertKey', input.answer.publicKey);
  }
  await meta.protect('', {});
  const buf = await wb.xlsx.writeBuffer();
  return withQuotePrefix(new Uint8Array(buf as ArrayBuffer));
}

/** What a score sheet file holds, read back from a workbook (SheetJS, in the worker): the meta values and the rows. */
export interface ReadSheet {
  readonly meta: ReadonlyMap<string, string>;
  readonly rows: readonly VisibleRow[];
  readonly columns: VisibleColumns | null;
}

export function readMeta(wb: WorkbookData): Map<string, string> {
  const sheet = wb.sheets.find((s) => s.name === META_SHEET);
  const meta = new Map<string, string>();
  if (!sheet) return meta;
  for (const r of sheet.rows) {
    const k = r[0];
    const v = r[1];
    if (typeof k !== 'string' || k === '__proto__') continue;
    const text = v === null || v === undefined ? '' : String(v);
    meta.set(k, (meta.get(k) ?? '') + text);
  }
  return meta;
}

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function parseColumns(text: string | undefined): VisibleColumns | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as VisibleColumns;
    const ok = (x: unknown) => typeof x === 'string' && /^[A-Z]{1,3}$/.test(x);
    if (!ok(v.no) || !ok(v.comment) || !ok(v.recused) || typeof v.criteria !== 'object' || v.criteria === null) return null;
    if (!Object.values(v.criteria).every(ok)) return null;
    return { no: v.no, comment: v.comment, recused: v.recused, criteria: Object.fromEntries(Object.entries(v.criteria).filter(([k]) => k !== '__proto__')) };
  } catch {
    return null;
  }
}

export function readScoreSheet(wb: WorkbookData): ReadSheet {
  const meta = readMeta(wb);
  const columns = parseColumns(meta.get('columns'));
  const sheet = wb.sheets.find((s) => s.name === SCORES_SHEET) ?? wb.sheets.find((s) => s.name !== META_SHEET && s.name !== HELP_SHEET);
  if (!sheet || !columns) return { meta, rows: [], columns };
  const at = (r: unknown[], letters: string) => r[columnIndex(letters)] ?? null;
  const rows: VisibleRow[] = [];
  sheet.rows.forEach((r, i) => {
    if (i === 0) return;
    const cells = Object.fromEntries(Object.entries(columns.criteria).map(([id, l]) => [id, at(r, l)]));
    const no = at(r, columns.no);
    const comment = at(r, columns.comment);
    const recused = at(r, columns.recused);
    const empty = no === null && comment === null && recused === null && Object.values(cells).every((v) => v === null);
    if (!empty) rows.push({ row: i + 1, no, cells, comment, recused });
  });
  return { meta, rows, columns };
}
