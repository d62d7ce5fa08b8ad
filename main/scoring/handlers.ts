import { AppError } from '../../shared/contract/index.ts';
import type { BoardRow, ScoringBoard, SheetFileOut, SheetImportOutcome } from '../../shared/contract/scoring.ts';
import { labelOf } from '../../shared/nominations/merge.ts';
import { findNomination } from '../../shared/nominations/slice.ts';
import { assignedTo, expertCodes, expertsOf, findExpert } from '../../shared/panel/slice.ts';
import { decideSheet, type SheetContext } from '../../shared/scoring/decide.ts';
import { packageCriteria, packagePayload, SHEET_FORMAT, type SheetPackage } from '../../shared/scoring/payload.ts';
import { packetItem } from '../../shared/scoring/packet.ts';
import { answersOf, type Answer, type SheetRecord, type SheetReturn } from '../../shared/scoring/slice.ts';
import { weightSum } from '../../shared/scoring/total.ts';
import { checkScore, scoreProblemText } from '../../shared/scoring/validate.ts';
import { issueText, outcomeText } from '../../shared/scoring/words.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import type { StepDeps } from '../deps.ts';
import type { Handlers } from '../dispatcher.ts';
import { sha256Hex } from '../identity/identity.ts';
import { readInWorker } from '../xlsx/tasks.ts';
import { expertHandlers } from './expert.ts';
import { writeScoreSheet } from './sheet-file.ts';
import { incomingSheet, verifyWorkbook } from './verify.ts';

type ScoringHandlers = Pick<Handlers,
  'scoring.exportSheets' | 'scoring.importSheets' | 'scoring.board' | 'scoring.close' | 'scoring.paperEntry' | 'scoring.verify'
  | 'scoring.open' | 'scoring.mine' | 'scoring.edit' | 'scoring.submit' | 'scoring.forget'
  | 'scoring.expertAnswers'>;

export function mustDoc(deps: StepDeps, id: string): CampaignDoc {
  const doc = deps.store.get(id);
  if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
  return doc;
}

const fpKey = (fp: string): string => fp.replace(/\s+/g, '').toUpperCase();

/** A sheet's file name: the expert's code, never their name. */
export const sheetFileName = (code: string): string => `${code}-评分表.xlsx`;

export function scoringHandlers(deps: StepDeps): ScoringHandlers {
  const { store, identity } = deps;

  async function exportSheets(campaignId: string, only: readonly string[] | undefined, actor: string): Promise<SheetFileOut[]> {
    const doc = mustDoc(deps, campaignId);
    const c = doc.campaign;
    const total = weightSum(c.criteria);
    if (Math.abs(total - 100) > 1e-6) throw new AppError('SCORING_RUBRIC_NOT_100', `the rubric's weights total ${total}, not 100`, { values: { total } });
    const codes = expertCodes(doc);
    const me = identity.view();
    const experts = expertsOf(doc).filter((e) => !only || only.includes(e.id));
    const files: SheetFileOut[] = [];
    const issued: SheetRecord[] = [];
    const withdraw: string[] = [];
    const at = deps.now().toISOString();
    for (const e of experts) {
      const itemIds = assignedTo(doc, e.id).filter((id) => findNomination(doc, id));
      if (itemIds.length === 0) continue;
      const code = codes.get(e.id) ?? e.name;
      const had = doc.scoring.sheets.find((s) => s.expertId === e.id && s.status === 'issued' && !s.supplementary);
      // The same nominations: the same sheet again (its package and signature unchanged), else a new one replaces it.
      const same = had && had.itemIds.length === itemIds.length && had.itemIds.every((id, i) => itemIds[i] === id);
      const sheetId = same ? had.id : deps.newId('sheet');
      const issuedAt = same ? had.issuedAt : at;
      const pkg: SheetPackage = {
        kind: 'score-sheet', format: SHEET_FORMAT, campaignId, campaignName: c.name, expertId: e.id, expertName: e.name, expertCode: code,
        sheetId, supplementary: false, itemIds, criteria: packageCriteria(c.criteria), issuedAt,
      };
      const text = packagePayload(pkg);
      const digest = sha256Hex(text);
      if (same && had.packageDigest !== digest) {
        // The expert's name or the rubric changed since: a new issue of the sheet.
        return exportAgain(campaignId, e.id);
      }
      const bytes = await writeScoreSheet({
        campaign: c, expert: { name: e.name, code }, items: itemIds.map((id) => packetItem(c, findNomination(doc, id)!)),
        pkg: text, packageSignature: identity.sign(text), secretary: { name: me.name, publicKey: me.publicKey }, seq: 0,
      });
      files.push({ expertId: e.id, code, name: sheetFileName(code), bytes, sheetId, items: itemIds.length });
      if (!same) {
        issued.push({ id: sheetId, expertId: e.id, itemIds, issuedAt, supplementary: false, packageDigest: digest, status: 'issued', seq: -1, returns: [] });
        if (had) withdraw.push(had.id);
      }
    }
    if (files.length === 0) throw new AppError('SCORING_NOTHING_TO_SEND', 'no expert has nominations assigned');
    if (issued.length > 0) await store.commit(campaignId, { type: 'sheets.issued', sheets: issued, withdraw }, actor);
    return files;

    // A sheet whose package changed: withdrawn and issued anew under a new id (the rest as they are).
    async function exportAgain(cid: string, expertId: string): Promise<SheetFileOut[]> {
      const d = mustDoc(deps, cid);
      const old = d.scoring.sheets.find((s) => s.expertId === expertId && s.status === 'issued' && !s.supplementary)!;
      await store.commit(cid, { type: 'sheets.issued', sheets: [], withdraw: [old.id] }, actor);
      return exportSheets(cid, only, actor);
    }
  }

  function board(doc: CampaignDoc): ScoringBoard {
    const codes = expertCodes(doc);
    const answers = answersOf(doc);
    const experts: BoardRow[] = expertsOf(doc).map((e) => {
      const mine = answers.filter((a) => a.expertId === e.id);
      const full = mine.filter((a) => !a.recused && doc.campaign.criteria.every((c) => typeof a.scores[c.id] === 'number'));
      const sheet = [...doc.scoring.sheets].reverse().find((s) => s.expertId === e.id && !s.supplementary);
      const last = sheet?.returns.at(-1);
      const key = doc.scoring.keys.find((k) => k.expertId === e.id);
      return {
        expertId: e.id, name: e.name, code: codes.get(e.id) ?? '', assigned: assignedTo(doc, e.id).length,
        scored: full.length, recused: mine.filter((a) => a.recused).length, fingerprint: key?.fingerprint ?? null,
        sheet: sheet ? { id: sheet.id, seq: sheet.seq, status: sheet.status, supplementary: sheet.supplementary } : null,
        last: last ? { at: last.at, file: last.file, outcome: last.outcome, signature: last.signature, key: last.key, accepted: last.accepted } : null,
      };
    });
    return { closed: doc.scoring.closed, experts };
  }

  async function importOne(campaignId: string, file: { name: string; bytes: Uint8Array }, trust: string | undefined, acceptUnsigned: boolean, actor: string): Promise<SheetImportOutcome> {
    const wb = await readInWorker(deps.pool, file.bytes, file.name, {}).done;
    const inc = incomingSheet(wb, file.name, file.bytes, identity.view().publicKey);
    const doc = mustDoc(deps, campaignId);
    const at = deps.now().toISOString();
    const ctx: SheetContext = {
      campaignId, criteria: doc.campaign.criteria, closed: doc.scoring.closed, sheets: doc.scoring.sheets,
      expertOnPanel: (id) => findExpert(doc, id) !== undefined,
      assigned: (id) => new Set(assignedTo(doc, id)),
      live: (id) => findNomination(doc, id) !== undefined,
      keys: doc.scoring.keys,
      current: (id) => answersOf(doc).filter((a) => a.expertId === id),
      trust: trust && inc.signer && fpKey(trust) === fpKey(inc.signer.fingerprint) ? inc.signer.fingerprint : null,
      acceptUnsigned, at,
    };
    const d = decideSheet(inc, ctx);
    const sheet = d.sheetId ? doc.scoring.sheets.find((s) => s.id === d.sheetId && s.expertId === d.expertId) : undefined;
    // What is recorded: every judged return of a sheet this workstation sent (not a repeat of one already in).
    if (sheet && d.verdict !== 'unchanged' && !sheet.returns.some((r) => r.digest === inc.digest && r.outcome === d.outcome)) {
      const ret: SheetReturn = { at, file: file.name, digest: inc.digest, seq: d.seq, signature: d.signature, key: d.key, accepted: d.verdict === 'accepted', outcome: d.outcome };
      await store.commit(campaignId, { type: 'sheet.returned', sheetId: sheet.id, return: ret, answers: d.verdict === 'accepted' ? d.answers : [], enrol: d.verdict === 'accepted' ? d.enrol : null }, actor);
    }
    const expert = d.expertId ? findExpert(doc, d.expertId) : undefined;
    const crit = (id: string | null) => doc.campaign.criteria.find((c) => c.id === id);
    return {
      file: file.name, expertId: d.expertId, expertName: expert?.name ?? null, expertCode: d.expertId ? expertCodes(doc).get(d.expertId) ?? null : null,
      sheetId: d.sheetId, verdict: d.verdict, outcome: d.outcome, accepted: d.verdict === 'accepted',
      packageSignature: d.packageSignature, signature: d.signature, key: d.key, fingerprint: d.fingerprint, seq: d.seq,
      scores: d.verdict === 'accepted' ? d.answers.reduce((n, a) => n + Object.values(a.scores).filter((s) => typeof s === 'number').length, 0) : 0,
      issues: d.issues.map((i) => {
        const n = i.itemId ? findNomination(doc, i.itemId) : undefined;
        const label = n ? `“${labelOf(doc.campaign.kind, n)}”` : '';
        const c = crit(i.criterionId);
        const zh = [label, c?.name ?? ''].filter(Boolean).join(' ');
        const en = [label, c ? c.nameEn || c.name : ''].filter(Boolean).join(' ');
        return { ...i, message: `${issueText(i, 'zh-CN')}${zh ? `（${zh}）` : ''}`, messageEn: `${issueText(i, 'en')}${en ? ` (${en})` : ''}` };
      }),
      message: outcomeText(d.outcome, 'zh-CN'),
      messageEn: outcomeText(d.outcome, 'en'),
    };
  }

  return {
    'scoring.exportSheets': async ({ campaignId, expertIds }, ctx) => ({ files: await exportSheets(campaignId, expertIds, ctx.actor) }),
    'scoring.importSheets': async ({ campaignId, files, trust, acceptUnsigned }, ctx) => {
      mustDoc(deps, campaignId);
      const sheets: SheetImportOutcome[] = [];
      for (const f of files) sheets.push(await importOne(campaignId, f, trust, acceptUnsigned ?? false, ctx.actor));
      return { sheets };
    },
    'scoring.board': ({ campaignId }) => board(mustDoc(deps, campaignId)),
    'scoring.close': async ({ campaignId, closed }, ctx) => {
      const doc = mustDoc(deps, campaignId);
      if (doc.scoring.closed !== closed) await store.commit(campaignId, { type: 'scoring.closed', closed }, ctx.actor);
      return board(mustDoc(deps, campaignId));
    },
    'scoring.paperEntry': async ({ campaignId, expertId, by, answers, second }, ctx) => {
      const doc = mustDoc(deps, campaignId);
      if (!findExpert(doc, expertId)) throw new AppError('NOT_FOUND', `no expert with id "${expertId}"`, { values: { id: expertId } });
      const assigned = new Set(assignedTo(doc, expertId));
      const at = deps.now().toISOString();
      const checked = (list: typeof answers): Answer[] => list.map((a) => {
        if (!assigned.has(a.itemId)) throw new AppError('SCORING_NOT_ASSIGNED', `nomination ${a.itemId} is not assigned to the expert`, { values: { item: findNomination(doc, a.itemId)?.key ?? a.itemId } });
        const scores: Record<string, number | null> = {};
        for (const c of doc.campaign.criteria) {
          const r = checkScore(c, a.scores[c.id] ?? null);
          if (!r.ok) throw new AppError('SCORE_INVALID', `${c.id}: ${scoreProblemText(r.problem, 'en')}`, { values: { criterion: c.name, reason: scoreProblemText(r.problem, 'zh-CN') } });
          scores[c.id] = r.value;
        }
        return { expertId, itemId: a.itemId, scores, comment: a.comment.trim(), recused: a.recused, source: { kind: 'paper', by, doubleEntry: second !== undefined }, at };
      });
      const first = checked(answers);
      if (second) {
        const other = new Map(checked(second).map((a) => [a.itemId, a]));
        const details: { path: string; message: string }[] = [];
        for (const a of first) {
          const b = other.get(a.itemId);
          other.delete(a.itemId);
          if (!b) details.push({ path: a.itemId, message: 'entered once only' });
          else {
            for (const c of doc.campaign.criteria) if (a.scores[c.id] !== b.scores[c.id]) details.push({ path: `${a.itemId}.${c.id}`, message: `${a.scores[c.id] ?? '—'} / ${b.scores[c.id] ?? '—'}` });
            if (a.recused !== b.recused) details.push({ path: `${a.itemId}.recused`, message: `${a.recused} / ${b.recused}` });
          }
        }
        for (const id of other.keys()) details.push({ path: id, message: 'entered once only' });
        if (details.length > 0) throw new AppError('SCORING_ENTRIES_DIFFER', `the two entries differ in ${details.length} places`, { details });
      }
      if (first.length > 0) await store.commit(campaignId, { type: 'score.entered', expertId, answers: first }, ctx.actor);
      return { saved: first.length };
    },
    'scoring.verify': async ({ file }) => {
      const wb = await readInWorker(deps.pool, file.bytes, file.name, {}).done;
      const v = verifyWorkbook(wb);
      if (!v) throw new AppError('FILE_NOT_PANELDESK', `${file.name} is not a PanelDesk score sheet or result sheet`, { values: { file: file.name } });
      return v;
    },
    ...expertHandlers(deps),
    'scoring.expertAnswers': ({ campaignId, expertId }) => {
      const doc = mustDoc(deps, campaignId);
      const e = findExpert(doc, expertId);
      if (!e) throw new AppError('NOT_FOUND', `no expert with id "${expertId}"`, { values: { id: expertId } });
      const items = assignedTo(doc, expertId).flatMap((id) => {
        const n = findNomination(doc, id);
        return n ? [{ id, label: labelOf(doc.campaign.kind, n) }] : [];
      });
      const answers = answersOf(doc).filter((a) => a.expertId === expertId).map((a) => ({ itemId: a.itemId, scores: a.scores, comment: a.comment, recused: a.recused, source: a.source }));
      return {
        campaignId, expertId, expertName: e.name, code: expertCodes(doc).get(expertId) ?? '', closed: doc.scoring.closed,
        criteria: doc.campaign.criteria, items, answers, workstation: identity.view().name,
      };
    },
  };
}
