import { AppError } from '../../shared/contract/index.ts';
import type { SheetFileOut, ShortItemView, SupplementView } from '../../shared/contract/scoring.ts';
import { labelOf } from '../../shared/nominations/merge.ts';
import { findNomination } from '../../shared/nominations/slice.ts';
import type { Expert } from '../../shared/panel/model.ts';
import { assignedTo, assignmentsOf, blockingPairs, expertCodes, expertsOf, findExpert } from '../../shared/panel/slice.ts';
import { packetItem } from '../../shared/scoring/packet.ts';
import { packageCriteria, packagePayload, SHEET_FORMAT, type SheetPackage } from '../../shared/scoring/payload.ts';
import { recusalsOf, type SheetRecord } from '../../shared/scoring/slice.ts';
import { shortItems, shortReasonText, shortText, type ShortInput } from '../../shared/scoring/supplement.ts';
import { weightSum } from '../../shared/scoring/total.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import type { StepDeps } from '../deps.ts';
import { sha256Hex } from '../identity/identity.ts';
import type { JobControl } from '../jobs/jobs.ts';
import type { SheetFileInput } from './sheet-file.ts';
import { writeSheetInWorker } from './tasks.ts';

/**
 * Score sheets out: main decides which sheets go (the same sheet again where nothing changed, a new one where its
 * package did), signs each package (the key never leaves main), and the worker pool writes the .xlsx bytes, two at a
 * time, with progress and cancel. Supplementary sheets (nominations a recusal left short) go out the same way.
 */

export function mustDoc(deps: StepDeps, id: string): CampaignDoc {
  const doc = deps.store.get(id);
  if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
  return doc;
}

/** A sheet's file name: the expert's code, never their name; a supplementary sheet says so (and counts from 2 when several). */
export const sheetFileName = (code: string, supplementary = false, n = 1): string =>
  supplementary ? `${code}-补充评分表${n > 1 ? `-${n}` : ''}.xlsx` : `${code}-评分表.xlsx`;

/** One sheet to write: its file, its worker input, and what the store records when it is new. */
interface Planned {
  readonly out: Omit<SheetFileOut, 'bytes'>;
  readonly input: SheetFileInput;
  /** A new sheet to record (null: the same sheet as issued before, written again). */
  readonly record: SheetRecord | null;
  /** The sheet it replaces. */
  readonly withdraw: string | null;
}

function checkRubric(doc: CampaignDoc): void {
  const total = weightSum(doc.campaign.criteria);
  if (Math.abs(total - 100) > 1e-6) throw new AppError('SCORING_RUBRIC_NOT_100', `the rubric's weights total ${total}, not 100`, { values: { total } });
}

function planner(deps: StepDeps, doc: CampaignDoc) {
  const c = doc.campaign;
  const codes = expertCodes(doc);
  const me = deps.identity.view();
  const at = deps.now().toISOString();
  return (e: Expert, itemIds: readonly string[], had: SheetRecord | undefined, supplementary: boolean, fileName: string): Planned => {
    const code = codes.get(e.id) ?? e.name;
    const pkgOf = (sheetId: string, issuedAt: string): SheetPackage => ({
      kind: 'score-sheet', format: SHEET_FORMAT, campaignId: c.id, campaignName: c.name, expertId: e.id, expertName: e.name, expertCode: code,
      sheetId, supplementary, itemIds, criteria: packageCriteria(c.criteria), issuedAt,
    });
    // The same nominations and the same package (name, rubric): the same sheet again, its signature unchanged.
    const sameItems = had !== undefined && had.itemIds.length === itemIds.length && had.itemIds.every((id, i) => itemIds[i] === id);
    let text = sameItems ? packagePayload(pkgOf(had.id, had.issuedAt)) : '';
    let digest = sameItems ? sha256Hex(text) : '';
    const same = sameItems && digest === had.packageDigest;
    const sheetId = same ? had.id : deps.newId('sheet');
    if (!same) {
      text = packagePayload(pkgOf(sheetId, at));
      digest = sha256Hex(text);
    }
    const input: SheetFileInput = {
      campaign: { id: c.id, name: c.name, kind: c.kind, year: c.year, criteria: c.criteria },
      expert: { name: e.name, code },
      items: itemIds.map((id) => packetItem(c, findNomination(doc, id)!)),
      pkg: text, packageSignature: deps.identity.sign(text), secretary: { name: me.name, publicKey: me.publicKey }, seq: 0,
    };
    return {
      out: { expertId: e.id, code, name: fileName, sheetId, items: itemIds.length, supplementary },
      input,
      record: same ? null : { id: sheetId, expertId: e.id, itemIds, issuedAt: at, supplementary, packageDigest: digest, status: 'issued', seq: -1, returns: [] },
      withdraw: !same && had ? had.id : null,
    };
  };
}

/** Write every planned sheet in the pool; progress by sheets written; cancel stops them all. */
async function writeAll(deps: StepDeps, plans: readonly Planned[], job: JobControl | undefined): Promise<SheetFileOut[]> {
  let written = 0;
  const handles = plans.map((p) => writeSheetInWorker(deps.pool, p.input, p.out.name));
  const stopAll = () => handles.forEach((h) => h.cancel());
  job?.onCancel(stopAll);
  try {
    const bytes = await Promise.all(handles.map((h) => h.done.then((b) => {
      written++;
      job?.report('writing', 0.05 + (0.9 * written) / plans.length);
      return b;
    })));
    return plans.map((p, i) => ({ ...p.out, bytes: bytes[i]! }));
  } catch (e) {
    stopAll();
    throw e;
  } finally {
    job?.onCancel(null);
  }
}

/** Every expert's sheet (and their supplementary sheets) out; only `only` experts when given. */
export async function exportSheets(deps: StepDeps, campaignId: string, only: readonly string[] | undefined, actor: string, job?: JobControl): Promise<SheetFileOut[]> {
  const doc = mustDoc(deps, campaignId);
  checkRubric(doc);
  job?.stage('gathering', 0);
  const plan = planner(deps, doc);
  const live = (id: string) => findNomination(doc, id) !== undefined;
  const codes = expertCodes(doc);
  const plans: Planned[] = [];
  const experts = expertsOf(doc).filter((x) => !only || only.includes(x.id));
  for (const [i, e] of experts.entries()) {
    // Packets and signatures for 200 experts take a while: main answers other calls between slices of them.
    if (i > 0 && i % 10 === 0) {
      await new Promise((resolve) => setImmediate(resolve));
      job?.stage('gathering', (0.05 * i) / experts.length);
    }
    const code = codes.get(e.id) ?? e.name;
    const assigned = new Set(assignedTo(doc, e.id));
    const issued = doc.scoring.sheets.filter((s) => s.expertId === e.id && s.status === 'issued');
    const supplements = issued.filter((s) => s.supplementary);
    // Nominations on a supplementary sheet stay on it: the expert's own sheet does not change for them.
    const onSupplement = new Set(supplements.flatMap((s) => s.itemIds));
    const main = assignedTo(doc, e.id).filter((id) => live(id) && !onSupplement.has(id));
    if (main.length > 0) plans.push(plan(e, main, issued.find((s) => !s.supplementary), false, sheetFileName(code)));
    let n = 0;
    for (const s of supplements) {
      const items = s.itemIds.filter((id) => live(id) && assigned.has(id));
      if (items.length > 0) plans.push(plan(e, items, s, true, sheetFileName(code, true, ++n)));
    }
  }
  if (plans.length === 0) throw new AppError('SCORING_NOTHING_TO_SEND', 'no expert has nominations assigned');
  job?.stage('writing', 0.05);
  const files = await writeAll(deps, plans, job);
  job?.stage('saving', 0.95);
  const sheets = plans.flatMap((p) => (p.record ? [p.record] : []));
  const withdraw = plans.flatMap((p) => (p.withdraw ? [p.withdraw] : []));
  if (sheets.length > 0 || withdraw.length > 0) await deps.store.commit(campaignId, { type: 'sheets.issued', sheets, withdraw }, actor);
  return files;
}

function shortInputOf(doc: CampaignDoc): ShortInput {
  return {
    perItem: doc.campaign.settings.assignment.perItem,
    itemIds: doc.nominations.map((n) => n.id),
    expertIds: expertsOf(doc).map((e) => e.id),
    assignments: assignmentsOf(doc),
    recusals: recusalsOf(doc),
    blocking: blockingPairs(doc),
  };
}

/** The board's 缺评 list: what is short, why in words, who may be added; and the supplementary sheets in force. */
export function shortItemsView(doc: CampaignDoc): { perItem: number; items: ShortItemView[]; supplements: SupplementView[] } {
  const codes = expertCodes(doc);
  const name = (id: string) => findExpert(doc, id)?.name ?? '';
  const who = (id: string) => `${codes.get(id) ?? ''} ${name(id)}`.trim();
  const label = (id: string) => {
    const n = findNomination(doc, id);
    return n ? labelOf(doc.campaign.kind, n) : '';
  };
  const input = shortInputOf(doc);
  const items = shortItems(input).map((s): ShortItemView => ({
    id: s.itemId, label: label(s.itemId), have: s.have, need: s.need,
    summary: shortText(s, 'zh-CN'), summaryEn: shortText(s, 'en'),
    reasons: s.reasons.map((r) => ({ code: r.code, message: shortReasonText(r, 'zh-CN', who), messageEn: shortReasonText(r, 'en', who) })),
    eligible: s.eligible.map((x) => ({ expertId: x.expertId, name: name(x.expertId), code: codes.get(x.expertId) ?? '', load: x.load })),
  }));
  const supplements = doc.scoring.sheets.filter((s) => s.supplementary && s.status === 'issued').map((s): SupplementView => ({
    sheetId: s.id, expertId: s.expertId, name: name(s.expertId), code: codes.get(s.expertId) ?? '',
    items: s.itemIds.map((id) => ({ id, label: label(id) })), issuedAt: s.issuedAt, returned: s.seq >= 0,
  }));
  return { perItem: input.perItem, items, supplements };
}

/**
 * A supplementary sheet: every nomination must be short and the expert eligible for it (not assigned, no standing
 * conflict). The sheet is written first; then the expert is assigned to the nominations (so the answers count) and
 * the sheet recorded — a crash between the two leaves the nominations on the expert's own sheet at the next export.
 */
export async function supplement(deps: StepDeps, campaignId: string, expertId: string, itemIds: readonly string[], actor: string): Promise<SheetFileOut> {
  const doc = mustDoc(deps, campaignId);
  checkRubric(doc);
  const e = findExpert(doc, expertId);
  if (!e) throw new AppError('NOT_FOUND', `no expert with id "${expertId}"`, { values: { id: expertId } });
  const ids = [...new Set(itemIds)];
  const short = new Map(shortItems(shortInputOf(doc)).map((s) => [s.itemId, s]));
  const codes = expertCodes(doc);
  for (const id of ids) {
    const s = short.get(id);
    if (!s || !s.eligible.some((x) => x.expertId === expertId)) {
      const n = findNomination(doc, id);
      throw new AppError('SCORING_NOT_ELIGIBLE', `${expertId} cannot take a supplementary sheet for ${id}`, {
        values: { item: n ? labelOf(doc.campaign.kind, n) : id, expert: `${codes.get(expertId) ?? ''} ${e.name}`.trim() },
      });
    }
  }
  const n = doc.scoring.sheets.filter((s) => s.expertId === expertId && s.supplementary && s.status === 'issued').length + 1;
  const p = planner(deps, doc)(e, ids, undefined, true, sheetFileName(codes.get(expertId) ?? e.name, true, n));
  const [file] = await writeAll(deps, [p], undefined);
  for (const id of ids) await deps.store.commit(campaignId, { type: 'assignment.added', itemId: id, expertId }, actor);
  await deps.store.commit(campaignId, { type: 'sheets.issued', sheets: [p.record!], withdraw: [] }, actor);
  return file!;
}
