import { AppError } from '../../shared/contract/index.ts';
import type { BoardRow, ScoringBoard, SheetImportOutcome } from '../../shared/contract/scoring.ts';
import { labelOf } from '../../shared/nominations/merge.ts';
import { findNomination } from '../../shared/nominations/slice.ts';
import { assignedTo, expertCodes, expertsOf, findExpert } from '../../shared/panel/slice.ts';
import { decideSheet, type SheetContext } from '../../shared/scoring/decide.ts';
import { answersOf, type Answer, type SheetReturn } from '../../shared/scoring/slice.ts';
import { checkScore, scoreProblemText } from '../../shared/scoring/validate.ts';
import { issueText, outcomeText } from '../../shared/scoring/words.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import type { StepDeps } from '../deps.ts';
import type { Handlers } from '../dispatcher.ts';
import { readInWorker } from '../xlsx/tasks.ts';
import { expertHandlers } from './expert.ts';
import { exportSheets, mustDoc, shortItemsView, supplement } from './export.ts';
import { incomingSheet, verifyWorkbook } from './verify.ts';

type ScoringHandlers = Pick<Handlers,
  'scoring.exportSheets' | 'scoring.shortItems' | 'scoring.supplement' | 'scoring.importSheets' | 'scoring.board' | 'scoring.close' | 'scoring.paperEntry' | 'scoring.verify'
  | 'scoring.open' | 'scoring.mine' | 'scoring.edit' | 'scoring.submit' | 'scoring.forget'
  | 'scoring.expertAnswers'>;

const fpKey = (fp: string): string => fp.replace(/\s+/g, '').toUpperCase();

export function scoringHandlers(deps: StepDeps): ScoringHandlers {
  const { store, identity } = deps;

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
    'scoring.exportSheets': ({ campaignId, expertIds, jobId }, ctx) =>
      deps.jobs.run(jobId, async (job) => ({ files: await exportSheets(deps, campaignId, expertIds, ctx.actor, job) }), 'gathering'),
    'scoring.shortItems': ({ campaignId }) => shortItemsView(mustDoc(deps, campaignId)),
    'scoring.supplement': async ({ campaignId, expertId, itemIds }, ctx) => ({ file: await supplement(deps, campaignId, expertId, itemIds, ctx.actor) }),
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
