import { newCampaign, type Campaign } from '../../shared/campaign/campaign.ts';
import { CAMPAIGN_KINDS, criterionSchema, type Criterion } from '../../shared/campaign/model.ts';
import { AppError } from '../../shared/contract/index.ts';
import type { MyAnswer, MySheet } from '../../shared/contract/scoring.ts';
import { answerPayload, parsePackage, SHEET_FORMAT, type AnswerItem, type SheetPackage } from '../../shared/scoring/payload.ts';
import type { Answer, ExpertPacket, PacketItem } from '../../shared/scoring/slice.ts';
import { checkScore, scoreProblemText } from '../../shared/scoring/validate.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import type { StepDeps } from '../deps.ts';
import type { Handlers } from '../dispatcher.ts';
import { fingerprintOf, sha256Hex, verifySignature } from '../identity/identity.ts';
import type { WorkbookData } from '../xlsx/reader.ts';
import { readInWorker } from '../xlsx/tasks.ts';
import { readScoreSheet, writeScoreSheet } from './sheet-file.ts';

/**
 * The expert's workstation: a score sheet opened here makes this workstation that expert's for its campaign (only
 * their nominations and rubric); every edit is one durable journal append; a submission signs the answers with the
 * next sequence number and gives back the sheet to return.
 */

type ExpertHandlers = Pick<Handlers, 'scoring.open' | 'scoring.mine' | 'scoring.edit' | 'scoring.submit' | 'scoring.forget'>;

const invalid = (reason: string): AppError => new AppError('SCORE_SHEET_INVALID', `not a valid score sheet: ${reason}`, { values: { reason } });

interface Opened {
  readonly pkg: SheetPackage;
  readonly pkgText: string;
  readonly campaign: Pick<Campaign, 'id' | 'name' | 'kind' | 'year' | 'criteria'>;
  readonly items: readonly PacketItem[];
  readonly secretary: { readonly name: string; readonly publicKey: string };
  readonly packageSignature: string;
  readonly seq: number;
  /** What the sheet already holds: the signed answer (a submission of this expert) or the cells typed in Excel. */
  readonly answers: readonly AnswerItem[];
}

/** A score sheet as the expert's workstation reads it: the secretary's signature must hold, the rubric agree with it. */
function readPacket(wb: WorkbookData): Opened {
  const read = readScoreSheet(wb);
  const m = read.meta;
  const pkgText = m.get('package');
  const pkg = m.get('kind') === 'score-sheet' && pkgText ? parsePackage(pkgText) : null;
  if (!pkg || !pkgText) throw invalid('it has no PanelDesk score sheet data');
  const key = m.get('secretaryKey');
  const sig = m.get('packageSignature');
  if (!key || !sig || !verifySignature(key, pkgText, sig)) throw invalid('the secretariat\'s signature does not match its contents');
  let campaign: Opened['campaign'];
  let items: PacketItem[];
  try {
    const c = JSON.parse(m.get('campaign') ?? '') as { id: string; name: string; kind: string; year: number; criteria: unknown[] };
    const criteria: Criterion[] = c.criteria.map((x) => criterionSchema.parse(x));
    if (!(CAMPAIGN_KINDS as readonly string[]).includes(c.kind) || c.id !== pkg.campaignId) throw new Error('campaign');
    const same = criteria.length === pkg.criteria.length && criteria.every((x, i) => {
      const p = pkg.criteria[i]!;
      return p.id === x.id && p.weight === x.weight && p.min === x.min && p.max === x.max && p.step === x.step;
    });
    if (!same) throw new Error('rubric');
    campaign = { id: c.id, name: String(c.name), kind: c.kind as Campaign['kind'], year: Number(c.year), criteria };
    items = (JSON.parse(m.get('items') ?? '') as PacketItem[]).filter((i) => pkg.itemIds.includes(i.id));
    if (items.length !== pkg.itemIds.length) throw new Error('items');
  } catch {
    throw invalid('its rubric or nominations do not agree with what the secretariat signed');
  }
  let answers: AnswerItem[] = [];
  const answerText = m.get('answer');
  const expertKey = m.get('expertKey');
  const answerSig = m.get('answerSignature');
  if (answerText && expertKey && answerSig && verifySignature(expertKey, answerText, answerSig)) {
    answers = (JSON.parse(answerText) as { items: AnswerItem[] }).items;
  } else if (read.columns) {
    // Typed in Excel before PanelDesk was at hand: the cells that are good scores are kept.
    for (const r of read.rows) {
      const n = Number(r.no);
      const id = Number.isInteger(n) ? pkg.itemIds[n - 1] : undefined;
      if (!id) continue;
      const scores = Object.fromEntries(campaign.criteria.map((c) => {
        const v = checkScore(c, r.cells[c.id]);
        return [c.id, v.ok ? v.value : null];
      }));
      const comment = r.comment === null || r.comment === undefined ? '' : String(r.comment).trim();
      const recused = String(r.recused ?? '').trim() === '是';
      if (recused || comment || Object.values(scores).some((s) => s !== null)) answers.push({ id, scores, comment, recused });
    }
  }
  const seq = Number(m.get('seq'));
  return {
    pkg, pkgText, campaign, items, packageSignature: sig, answers,
    secretary: { name: m.get('secretaryName') ?? '', publicKey: key },
    seq: Number.isInteger(seq) && seq >= 0 ? seq : 0,
  };
}

function view(doc: CampaignDoc): MySheet {
  const mine = doc.scoring.mine;
  if (!mine) throw new AppError('SCORING_NOT_EXPERT_WORKSTATION', `campaign ${doc.campaign.id} was not opened from a score sheet here`);
  const answers: MyAnswer[] = doc.scoring.answers.filter((a) => a.expertId === mine.expertId).map((a) => ({ itemId: a.itemId, scores: a.scores, comment: a.comment, recused: a.recused, source: a.source }));
  return {
    campaignId: doc.campaign.id, campaignName: doc.campaign.name, expertName: mine.expertName, code: mine.code, sheetId: mine.sheetId,
    seq: mine.seq, submittedAt: mine.submittedAt, criteria: doc.campaign.criteria, items: mine.items, answers,
    secretary: { name: mine.secretary.name, fingerprint: mine.secretary.fingerprint },
    supplementary: parsePackage(mine.packageText)?.supplementary ?? false,
  };
}

export function expertHandlers(deps: StepDeps): ExpertHandlers {
  const { store, identity } = deps;
  const mustDoc = (id: string): CampaignDoc => {
    const doc = store.get(id);
    if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
    return doc;
  };

  return {
    'scoring.open': async ({ file, confirm }, ctx) => {
      const wb = await readInWorker(deps.pool, file.bytes, file.name, {}).done;
      const o = readPacket(wb);
      const at = deps.now().toISOString();
      const packet: ExpertPacket = {
        expertId: o.pkg.expertId, expertName: o.pkg.expertName, code: o.pkg.expertCode, sheetId: o.pkg.sheetId, items: o.items, seq: o.seq,
        secretary: { name: o.secretary.name, publicKey: o.secretary.publicKey, fingerprint: fingerprintOf(o.secretary.publicKey) },
        packageText: o.pkgText, packageSignature: o.packageSignature, packageDigest: sha256Hex(o.pkgText), submittedAt: null,
      };
      const toAnswers = (items: readonly AnswerItem[]): Answer[] => items.filter((i) => o.pkg.itemIds.includes(i.id)).map((i) => ({
        expertId: o.pkg.expertId, itemId: i.id, scores: i.scores, comment: i.comment, recused: i.recused, source: { kind: 'workstation' }, at,
      }));
      const existing = store.get(o.pkg.campaignId);
      if (existing) {
        const mine = existing.scoring.mine;
        if (!mine) throw new AppError('SCORING_OWN_CAMPAIGN', 'this workstation runs the campaign as its secretariat');
        if (mine.expertId !== o.pkg.expertId) throw new AppError('SCORING_OTHER_EXPERT', 'this workstation scores the campaign as another expert', { values: { code: mine.code } });
        if (mine.sheetId !== o.pkg.sheetId) {
          // A sheet issued again: the answers given so far stay, for the nominations still on it.
          const kept = existing.scoring.answers.filter((a) => a.expertId === mine.expertId && o.pkg.itemIds.includes(a.itemId));
          await store.commit(existing.campaign.id, { type: 'scoring.opened', packet: { ...packet, seq: Math.max(packet.seq, mine.seq) }, answers: kept }, ctx.actor);
        }
        return view(mustDoc(o.pkg.campaignId));
      }
      const secretariat = store.list().some((d) => d.panel.experts.length > 0 || d.scoring.sheets.length > 0);
      if (secretariat && !confirm) throw new AppError('SCORING_CONFIRM_EXPERT_WORKSTATION', 'this workstation holds a secretariat\'s campaigns: confirm to open the sheet as an expert');
      const base = newCampaign({ template: o.campaign.kind, name: o.campaign.name, year: o.campaign.year }, o.campaign.id, at);
      const campaign: Campaign = { ...base, criteria: o.campaign.criteria, status: 'scoring' };
      await store.commit(campaign.id, { type: 'campaign.created', campaign }, ctx.actor);
      await store.commit(campaign.id, { type: 'scoring.opened', packet, answers: toAnswers(o.answers) }, ctx.actor);
      return view(mustDoc(campaign.id));
    },
    'scoring.mine': ({ campaignId }) => view(mustDoc(campaignId)),
    'scoring.edit': async ({ campaignId, answer }, ctx) => {
      const doc = mustDoc(campaignId);
      const mine = view(doc);
      const item = mine.items.find((i) => i.id === answer.itemId);
      if (!item) throw new AppError('NOT_FOUND', `nomination ${answer.itemId} is not on this sheet`, { values: { id: answer.itemId } });
      const scores: Record<string, number | null> = {};
      for (const c of doc.campaign.criteria) {
        const r = checkScore(c, answer.scores[c.id] ?? null);
        if (!r.ok) throw new AppError('SCORE_INVALID', `${c.id}: ${scoreProblemText(r.problem, 'en')}`, { values: { criterion: c.name, reason: scoreProblemText(r.problem, 'zh-CN') } });
        scores[c.id] = r.value;
      }
      const a: Answer = { expertId: doc.scoring.mine!.expertId, itemId: item.id, scores, comment: answer.comment.trim(), recused: answer.recused, source: { kind: 'workstation' }, at: deps.now().toISOString() };
      await store.commit(campaignId, { type: 'score.edited', answer: a, label: item.label }, ctx.actor);
      return { itemId: a.itemId, scores: a.scores, comment: a.comment, recused: a.recused, source: a.source };
    },
    'scoring.submit': async ({ campaignId }, ctx) => {
      const doc = mustDoc(campaignId);
      const mine = doc.scoring.mine;
      if (!mine) throw new AppError('SCORING_NOT_EXPERT_WORKSTATION', `campaign ${campaignId} was not opened from a score sheet here`);
      const criteria = doc.campaign.criteria;
      const byItem = new Map(doc.scoring.answers.filter((a) => a.expertId === mine.expertId).map((a) => [a.itemId, a]));
      const missing = mine.items.filter((i) => {
        const a = byItem.get(i.id);
        return !a || (!a.recused && criteria.some((c) => typeof a.scores[c.id] !== 'number'));
      }).length;
      if (missing > 0) throw new AppError('SCORING_INCOMPLETE', `${missing} nominations are neither fully scored nor recused`, { values: { missing } });
      const seq = mine.seq + 1;
      const items: AnswerItem[] = mine.items.map((i) => {
        const a = byItem.get(i.id)!;
        return { id: i.id, scores: a.recused ? {} : a.scores, comment: a.comment, recused: a.recused };
      });
      const text = answerPayload({ kind: 'score-answer', format: SHEET_FORMAT, campaignId, expertId: mine.expertId, sheetId: mine.sheetId, seq, packageDigest: mine.packageDigest, items }, criteria);
      const signed = (JSON.parse(text) as { items: AnswerItem[] }).items;
      const me = identity.view();
      const pkgText = packageTextOf(doc);
      const bytes = await writeScoreSheet({
        campaign: doc.campaign, expert: { name: mine.expertName, code: mine.code }, items: mine.items,
        pkg: pkgText, packageSignature: mine.packageSignature, secretary: { name: mine.secretary.name, publicKey: mine.secretary.publicKey }, seq,
        answer: { text, signature: identity.sign(text), publicKey: me.publicKey, items: signed },
      });
      await store.commit(campaignId, { type: 'sheet.submitted', sheetId: mine.sheetId, seq, at: deps.now().toISOString() }, ctx.actor);
      return { name: `${mine.code}-评分表-${seq}.xlsx`, bytes, seq };
    },
    'scoring.forget': async ({ campaignId }) => {
      const doc = mustDoc(campaignId);
      const mine = doc.scoring.mine;
      // Only an expert's campaign: a secretariat's is the panel's record, never dropped from here.
      if (!mine) throw new AppError('SCORING_NOT_EXPERT_WORKSTATION', `campaign ${campaignId} was not opened from a score sheet here`);
      if (mine.seq === 0 || mine.submittedAt === null) throw new AppError('SCORING_NOT_SUBMITTED', `the sheet of campaign ${campaignId} was never submitted`);
      const submittedAt = mine.submittedAt;
      const later = doc.scoring.answers.some((a) => a.expertId === mine.expertId && a.at > submittedAt);
      if (later) throw new AppError('SCORING_EDITED_SINCE_SUBMIT', `scores changed after submission ${mine.seq}`, { values: { seq: mine.seq } });
      await store.remove(campaignId);
      return { campaignId };
    },
  };
}

/** The package as the secretary signed it, rebuilt from the packet (its digest must match, or the sheet would be refused). */
function packageTextOf(doc: CampaignDoc): string {
  const mine = doc.scoring.mine!;
  const text = mine.packageText;
  if (sha256Hex(text) !== mine.packageDigest) throw new AppError('INTERNAL', 'the stored package does not match its digest');
  return text;
}
