import { AppError } from '../../shared/contract/index.ts';
import type { SheetSummary } from '../../shared/contract/nominations.ts';
import type { AssignReport, ConflictCounts, ConflictRow, ExpertRow, PanelMatrix, PanelOverview, RosterPreview } from '../../shared/contract/panel.ts';
import type { Campaign } from '../../shared/campaign/campaign.ts';
import { assign, type AssignInput } from '../../shared/panel/assign.ts';
import { applyDecisions, panelItemOf } from '../../shared/panel/conflicts.ts';
import { detectParts } from '../../shared/panel/detect-parts.ts';
import { panelNominations, loadLimits, type PanelNomination } from '../../shared/panel/items.ts';
import { BLOCKING_STATES, type Conflict, type Expert } from '../../shared/panel/model.ts';
import { findRosterHeader, mapRoster, planRoster } from '../../shared/panel/roster.ts';
import { blockingPairs, expertCodes, type ConflictRef } from '../../shared/panel/slice.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import type { StepDeps } from '../deps.ts';
import type { Handlers } from '../dispatcher.ts';
import type { JobControl } from '../jobs/jobs.ts';
import type { ReadOptions, SheetData, WorkbookData } from '../xlsx/reader.ts';
import { readInWorker } from '../xlsx/tasks.ts';
import { runDetect } from './tasks.ts';

type PanelHandlers = Pick<Handlers,
  | 'panel.overview' | 'experts.save' | 'experts.remove' | 'experts.place' | 'experts.preview' | 'experts.import'
  | 'conflicts.detect' | 'conflicts.list' | 'conflicts.declare' | 'conflicts.decide' | 'conflicts.withdraw'
  | 'institutions.add' | 'panel.assign' | 'panel.matrix' | 'assignments.set'>;

export interface PanelServiceOptions {
  readonly workbook?: ReadOptions;
  /** Detection and assignment run in the worker from this many nominations × experts (default 20,000; tests: 0). */
  readonly workerFrom?: number;
  /** Conflicts per journal line when a detection run is committed in parts (default 5,000; tests lower it). */
  readonly detectPartSize?: number;
}

interface RosterUpload {
  readonly id: string;
  readonly campaignId: string;
  readonly name: string;
  readonly workbook: WorkbookData;
}

function load(store: StepDeps['store'], id: string): CampaignDoc {
  const doc = store.get(id);
  if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
  return doc;
}

function mustExpert(doc: CampaignDoc, id: string): Expert {
  const e = doc.panel.experts.find((x) => x.id === id);
  if (!e) throw new AppError('NOT_FOUND', `no expert with id "${id}"`, { values: { id } });
  return e;
}

function counts(list: readonly Conflict[]): ConflictCounts {
  const c = { detected: 0, confirm: 0, declared: 0, dismissed: 0 };
  for (const x of list) c[x.state]++;
  return c;
}

function groupName(campaign: Campaign, id: string | null): string {
  return (id && campaign.groups.find((g) => g.id === id)?.name) || '';
}

function rosterSheet(s: SheetData): SheetSummary {
  const headerRow = s.error ? null : findRosterHeader(s.rows);
  const dataRows = headerRow === null ? 0 : s.rows.slice(headerRow + 1).filter((r) => r.some((v) => v !== null && v !== '')).length;
  const skip = s.error ? 'too-large' : s.rows.length === 0 ? 'empty' : headerRow === null ? 'no-header' : dataRows === 0 ? 'no-rows' : null;
  return { name: s.name, rows: s.range.rows, columns: s.range.columns, headerRow, dataRows, skip, hidden: s.hidden };
}

/** The panel step's calls: load, call the pure code (shared/panel), commit. Heavy work goes to the worker pool. */
export function panelHandlers({ store, now, newId, jobs, pool }: StepDeps, opts: PanelServiceOptions = {}): PanelHandlers {
  const uploads = new Map<string, RosterUpload>();
  const workerFrom = opts.workerFrom ?? 20_000;
  const today = () => now().toISOString().slice(0, 10);
  const itemsCache = new WeakMap<object, { campaign: Campaign; day: string; items: PanelNomination[] }>();
  /** The nominations to assign, per nominations list: recomputed only when it, the campaign or the day changes. */
  const itemsOf = (doc: CampaignDoc): PanelNomination[] => {
    const day = today();
    let hit = itemsCache.get(doc.nominations);
    if (!hit || hit.campaign !== doc.campaign || hit.day !== day) {
      hit = { campaign: doc.campaign, day, items: panelNominations(doc.campaign, doc.nominations, day) };
      itemsCache.set(doc.nominations, hit);
    }
    return hit.items;
  };

  async function inWorker<T>(handle: { readonly done: Promise<T>; cancel(): void }, job: JobControl): Promise<T> {
    job.onCancel(() => handle.cancel());
    try {
      return await handle.done;
    } finally {
      job.onCancel(null);
      job.check();
    }
  }

  function expertRows(doc: CampaignDoc): ExpertRow[] {
    const codes = expertCodes(doc);
    const load = new Map<string, number>();
    for (const a of doc.panel.assignments) load.set(a.expertId, (load.get(a.expertId) ?? 0) + 1);
    const blocking = new Map<string, number>();
    for (const p of blockingPairs(doc)) blocking.set(p.expertId, (blocking.get(p.expertId) ?? 0) + 1);
    return doc.panel.experts.map((e) => ({ ...e, code: codes.get(e.id)!, groupName: groupName(doc.campaign, e.groupId), load: load.get(e.id) ?? 0, blocking: blocking.get(e.id) ?? 0 }));
  }

  function overview(doc: CampaignDoc): PanelOverview {
    const items = itemsOf(doc);
    return {
      experts: expertRows(doc),
      groups: doc.campaign.groups.map((g) => ({
        id: g.id, name: g.name, nameEn: g.nameEn, disciplines: g.disciplines, everyMemberScores: g.everyMemberScores,
        members: doc.panel.experts.filter((e) => e.groupId === g.id).length,
        items: items.filter((i) => i.groupId === g.id).length,
      })),
      items: items.length,
      ungrouped: items.filter((i) => i.groupId === null).length,
      conflicts: counts(doc.panel.conflicts),
      assignments: doc.panel.assignments.length,
      perItem: doc.campaign.settings.assignment.perItem,
      additions: doc.panel.institutions.additions,
    };
  }

  function conflictRow(doc: CampaignDoc, c: Conflict, labels?: Map<string, string>): ConflictRow {
    const names = new Map(doc.panel.experts.map((e) => [e.id, e.name]));
    const itemLabel = labels?.get(c.itemId) ?? itemsOf(doc).find((i) => i.id === c.itemId)?.label ?? '';
    return { ...c, expertName: names.get(c.expertId) ?? '', itemLabel };
  }

  function mustItem(doc: CampaignDoc, id: string): PanelNomination {
    const it = itemsOf(doc).find((i) => i.id === id);
    if (!it) throw new AppError('NOT_FOUND', `no nomination to review with id "${id}"`, { values: { id } });
    return it;
  }

  function rosterPreview(doc: CampaignDoc, upload: RosterUpload, sheet: string | undefined, headerRow: number | undefined) {
    const sheets = upload.workbook.sheets.map(rosterSheet);
    const chosen = sheet !== undefined ? upload.workbook.sheets.find((s) => s.name === sheet) : upload.workbook.sheets[sheets.findIndex((s) => s.skip === null)] ?? upload.workbook.sheets[0];
    if (!chosen) throw new AppError('FILE_EMPTY', `${upload.name} has no sheet${sheet ? ` called "${sheet}"` : ''}`, { values: { file: upload.name } });
    const mapped = mapRoster({ sheet: chosen.name, rows: chosen.rows, headerRow: headerRow === undefined ? undefined : headerRow - 1, groups: doc.campaign.groups });
    let n = 0;
    const plan = planRoster(doc.panel.experts, mapped.drafts, () => `new-${++n}`);
    return { sheets, sheet: chosen, mapped, plan };
  }

  function receiveUpload(campaignId: string, name: string, workbook: WorkbookData): RosterUpload {
    const u: RosterUpload = { id: newId('ru'), campaignId, name, workbook };
    uploads.set(u.id, u);
    while (uploads.size > 4) uploads.delete(uploads.keys().next().value!);
    return u;
  }

  function getUpload(id: string, campaignId: string): RosterUpload {
    const u = uploads.get(id);
    if (!u || u.campaignId !== campaignId) throw new AppError('UPLOAD_EXPIRED', `upload "${id}" is no longer kept: choose the file again`, { values: { uploadId: id } });
    return u;
  }

  function assignInput(doc: CampaignDoc, perItem: number): AssignInput {
    const items = itemsOf(doc);
    const blocking: AssignInput['conflicts'] = [
      ...doc.panel.conflicts.filter((c) => BLOCKING_STATES.has(c.state)),
      // Pairs taken off by hand stay off: to the solver they are as good as a conflict.
      ...doc.panel.excluded.map((x) => ({ ...x, state: 'declared' as const })),
    ];
    return {
      items: items.map((i) => ({ id: i.id, discipline: i.discipline, groupId: i.groupId })),
      experts: doc.panel.experts.map((e) => ({ id: e.id, groupId: e.groupId, disciplines: e.disciplines, ...(e.minLoad !== undefined ? { minLoad: e.minLoad } : {}), ...(e.maxLoad !== undefined ? { maxLoad: e.maxLoad } : {}) })),
      groups: doc.campaign.groups.map((g) => ({ id: g.id, everyMemberScores: g.everyMemberScores })),
      perItem,
      loadSlack: doc.campaign.settings.assignment.loadSlack,
      conflicts: blocking,
      current: doc.panel.assignments,
    };
  }

  /** Per campaign, the detection run now going: runs of one campaign take turns, so their parts never interleave. */
  const detecting = new Map<string, Promise<unknown>>();
  function detect(campaignId: string, job: JobControl, actor: string): Promise<ConflictCounts> {
    const run = (detecting.get(campaignId) ?? Promise.resolve()).catch(() => undefined).then(() => detectNow(campaignId, job, actor));
    const settled = run.catch(() => undefined);
    detecting.set(campaignId, settled);
    void settled.then(() => {
      if (detecting.get(campaignId) === settled) detecting.delete(campaignId);
    });
    return run;
  }

  /** Detection over the campaign as it is now, committed when it changed anything; people's decisions kept. */
  async function detectNow(campaignId: string, job: JobControl, actor: string): Promise<ConflictCounts> {
    const doc = load(store, campaignId);
    const items = itemsOf(doc);
    const input = {
      items: items.map((i) => panelItemOf(doc.campaign.kind, i.nomination)),
      experts: doc.panel.experts,
      additions: doc.panel.institutions.additions,
      decisions: doc.panel.conflicts.filter((c) => c.decided || c.state === 'declared'),
    };
    job.stage('mapping', 0.3);
    const found = items.length * doc.panel.experts.length >= workerFrom ? await inWorker(pool.run('panel.detect', input, { label: 'conflicts' }), job) : runDetect(input);
    job.stage('saving', 0.6);
    // Decisions made while detection ran are in the doc now: taken over again, so none is lost.
    const current = load(store, campaignId);
    const conflicts = applyDecisions(found, current.panel.conflicts.filter((c) => c.decided || c.state === 'declared'));
    if (JSON.stringify(conflicts) === JSON.stringify(current.panel.conflicts)) return counts(conflicts);
    // A big set in parts, so that no journal line is huge: the last part makes it current (see detect-parts.ts).
    const parts = detectParts(conflicts, newId('dr'), opts.detectPartSize);
    for (const [i, part] of parts.entries()) {
      if (i > 0) job.report('saving', 0.6 + (0.4 * i) / parts.length);
      await store.commit(campaignId, part, actor);
    }
    // Decisions taken between the parts were applied by the last one: the counts are those of the set now current.
    return counts(load(store, campaignId).panel.conflicts);
  }

  return {
    'panel.overview': ({ campaignId }) => overview(load(store, campaignId)),

    'experts.save': async ({ campaignId, id, expert }, ctx) => {
      const doc = load(store, campaignId);
      if (expert.groupId !== null && !doc.campaign.groups.some((g) => g.id === expert.groupId)) {
        throw new AppError('NOT_FOUND', `no group with id "${expert.groupId}"`, { values: { id: expert.groupId } });
      }
      const { minLoad, maxLoad, ...fields } = expert;
      const limits = { ...(minLoad != null ? { minLoad } : {}), ...(maxLoad != null ? { maxLoad } : {}) };
      if (id === undefined) {
        const e: Expert = { id: newId('e'), ...fields, ...limits };
        await store.commit(campaignId, { type: 'expert.added', expert: e }, ctx.actor);
        return expertRows(load(store, campaignId)).find((r) => r.id === e.id)!;
      }
      const before = mustExpert(doc, id);
      const { minLoad: _a, maxLoad: _b, ...keep } = before;
      const after: Expert = { ...keep, ...fields, ...limits };
      if (JSON.stringify(after) !== JSON.stringify(before)) await store.commit(campaignId, { type: 'expert.edited', expert: after }, ctx.actor);
      return expertRows(load(store, campaignId)).find((r) => r.id === id)!;
    },

    'experts.remove': async ({ campaignId, id }, ctx) => {
      mustExpert(load(store, campaignId), id);
      await store.commit(campaignId, { type: 'expert.removed', id }, ctx.actor);
      return { removed: id };
    },

    'experts.place': async ({ campaignId, ids, groupId }, ctx) => {
      const doc = load(store, campaignId);
      for (const id of ids) mustExpert(doc, id);
      if (groupId !== null && !doc.campaign.groups.some((g) => g.id === groupId)) throw new AppError('NOT_FOUND', `no group with id "${groupId}"`, { values: { id: groupId } });
      if (ids.some((id) => mustExpert(doc, id).groupId !== groupId)) await store.commit(campaignId, { type: 'panel.placed', ids, groupId }, ctx.actor);
      return overview(load(store, campaignId));
    },

    'experts.preview': (args) =>
      jobs.run(args.jobId, async (job) => {
        load(store, args.campaignId);
        let upload: RosterUpload;
        if (args.file) {
          const workbook = await inWorker(readInWorker(pool, args.file.bytes, args.file.name, opts.workbook ?? {}, () => job.stage('parsing', 0.2)), job);
          upload = receiveUpload(args.campaignId, args.file.name, workbook);
        } else upload = getUpload(args.uploadId!, args.campaignId);
        job.stage('mapping', 0.8);
        const doc = load(store, args.campaignId);
        const { sheets, sheet, mapped, plan } = rosterPreview(doc, upload, args.sheet, args.headerRow);
        const rows = mapped.drafts.slice(0, args.limit).map((d, i) => ({
          row: d.row, name: d.name, institution: d.institution, department: d.department, title: d.title, disciplines: d.disciplines,
          groupName: groupName(doc.campaign, d.groupId), fate: plan.fates[i]!,
        }));
        return {
          uploadId: upload.id, file: upload.name, sheets, sheet: sheet.name,
          headerRow: mapped.headerRow === null ? null : mapped.headerRow + 1,
          columns: mapped.columns, rows,
          totals: { rows: mapped.drafts.length + mapped.rejected, new: plan.imported, updates: plan.updated, unchanged: plan.unchanged, rejected: mapped.rejected },
          issues: mapped.issues,
        } satisfies RosterPreview;
      }),

    'experts.import': (args, ctx) =>
      jobs.run(args.jobId, async (job) => {
        const upload = getUpload(args.uploadId, args.campaignId);
        job.stage('mapping', 0.5);
        const doc = load(store, args.campaignId);
        const { sheet, mapped } = rosterPreview(doc, upload, args.sheet, args.headerRow);
        const plan = planRoster(doc.panel.experts, mapped.drafts, () => newId('e'));
        if (plan.upserts.length > 0) {
          job.stage('saving', 0.9);
          const summary = { id: newId('r'), file: upload.name, sheet: sheet.name, nominator: '', imported: plan.imported, updated: plan.updated, unchanged: plan.unchanged, rejected: mapped.rejected };
          await store.commit(args.campaignId, { type: 'panel.rosterImported', import: summary, upserts: plan.upserts }, ctx.actor);
        }
        return { imported: plan.imported, updated: plan.updated, unchanged: plan.unchanged, rejected: mapped.rejected, issues: mapped.issues };
      }),

    'conflicts.detect': ({ campaignId, jobId }, ctx) => jobs.run(jobId, (job) => detect(campaignId, job, ctx.actor), 'gathering'),

    'conflicts.list': ({ campaignId, state, expertId, itemId }) => {
      const doc = load(store, campaignId);
      const labels = new Map(itemsOf(doc).map((i) => [i.id, i.label]));
      const list = doc.panel.conflicts.filter((c) => (!state || c.state === state) && (!expertId || c.expertId === expertId) && (!itemId || c.itemId === itemId));
      return { conflicts: list.map((c) => conflictRow(doc, c, labels)) };
    },

    'conflicts.declare': async ({ campaignId, itemId, expertId, note }, ctx) => {
      const doc = load(store, campaignId);
      mustExpert(doc, expertId);
      mustItem(doc, itemId);
      const conflict: Conflict = { itemId, expertId, kind: 'declared', reason: { code: 'DECLARED', values: { by: ctx.actor, text: note } }, state: 'declared', note, decided: { actor: ctx.actor, at: now().toISOString() } };
      await store.commit(campaignId, { type: 'conflict.declared', conflict }, ctx.actor);
      return conflictRow(load(store, campaignId), conflict);
    },

    'conflicts.decide': async ({ campaignId, itemId, expertId, kind, code, decision, note }, ctx) => {
      const doc = load(store, campaignId);
      const ref: ConflictRef = { itemId, expertId, kind, code };
      const had = doc.panel.conflicts.find((c) => c.itemId === itemId && c.expertId === expertId && c.kind === kind && c.reason.code === code && c.state !== 'declared');
      if (!had) throw new AppError('NOT_FOUND', `no such conflict between "${itemId}" and "${expertId}"`, { values: { itemId, expertId } });
      await store.commit(campaignId, { type: decision === 'dismiss' ? 'conflict.dismissed' : 'conflict.confirmed', ref, note, at: now().toISOString() }, ctx.actor);
      const after = load(store, campaignId);
      return conflictRow(after, after.panel.conflicts.find((c) => c.itemId === itemId && c.expertId === expertId && c.kind === kind && c.reason.code === code && c.state !== 'declared')!);
    },

    'conflicts.withdraw': async ({ campaignId, itemId, expertId }, ctx) => {
      const doc = load(store, campaignId);
      if (!doc.panel.conflicts.some((c) => c.itemId === itemId && c.expertId === expertId && c.state === 'declared')) {
        throw new AppError('NOT_FOUND', `no declared conflict between "${itemId}" and "${expertId}"`, { values: { itemId, expertId } });
      }
      await store.commit(campaignId, { type: 'conflict.withdrawn', itemId, expertId }, ctx.actor);
      return { withdrawn: true as const };
    },

    'institutions.add': async ({ campaignId, id, zh, en, aliases }, ctx) => {
      load(store, campaignId);
      const entry = { id: id || newId('inst'), zh, en, aliases };
      await store.commit(campaignId, { type: 'panel.institutionAdded', entry }, ctx.actor);
      return { entry };
    },

    'panel.assign': ({ campaignId, perItem, jobId }, ctx) =>
      jobs.run(jobId, async (job) => {
        // Fail safe: the conflicts are brought up to date first (a roster or nominations imported since count).
        await detect(campaignId, job, ctx.actor);
        job.stage('mapping', 0.7);
        const doc = load(store, campaignId);
        const K = perItem ?? doc.campaign.settings.assignment.perItem;
        const input = assignInput(doc, K);
        const r = input.items.length * input.experts.length >= workerFrom
          ? await inWorker(pool.run('panel.assign', input, { label: 'assignment' }), job)
          : assign(input);
        job.stage('saving', 0.9);
        // A change by hand meanwhile would be lost: refuse, and let the secretary run it again.
        const after = load(store, campaignId);
        if (after.panel.assignments !== doc.panel.assignments || after.panel.conflicts !== doc.panel.conflicts || after.panel.excluded !== doc.panel.excluded) {
          throw new AppError('STALE_EDIT', 'the panel changed while the assignment ran: run it again');
        }
        const summary = { perItem: K, assigned: r.assignments.length, unassigned: r.unassigned.length, cost: r.cost, droppedManual: r.droppedManual.length };
        await store.commit(campaignId, { type: 'panel.assigned', assignments: r.assignments, summary }, ctx.actor);
        const labels = new Map(itemsOf(doc).map((i) => [i.id, i.label]));
        const names = new Map(doc.panel.experts.map((e) => [e.id, e.name]));
        return {
          perItem: K,
          assignments: r.assignments,
          unassigned: r.unassigned.map((u) => ({ ...u, itemLabel: labels.get(u.itemId) ?? '', groupName: groupName(doc.campaign, u.groupId) })),
          loads: r.loads.map((l) => ({ ...l, name: names.get(l.expertId) ?? '' })),
          warnings: r.warnings.map((w) => ({ ...w, groupName: groupName(doc.campaign, w.values.groupId) })),
          droppedManual: r.droppedManual.map((a) => ({ itemId: a.itemId, expertId: a.expertId })),
          cost: r.cost,
          mismatched: r.mismatched,
        } satisfies AssignReport;
      }, 'gathering'),

    'panel.matrix': ({ campaignId, groupId }) => {
      const doc = load(store, campaignId);
      const K = doc.campaign.settings.assignment.perItem;
      const all = itemsOf(doc);
      const items = groupId === undefined ? all : all.filter((i) => i.groupId === groupId);
      const experts = groupId === undefined ? doc.panel.experts : doc.panel.experts.filter((e) => e.groupId === groupId);
      const codes = expertCodes(doc);
      const limits = loadLimits(doc.campaign, all, doc.panel.experts, K);
      const loads = new Map<string, number>();
      for (const a of doc.panel.assignments) loads.set(a.expertId, (loads.get(a.expertId) ?? 0) + 1);
      const itemIds = new Set(items.map((i) => i.id));
      const expertIds = new Set(experts.map((e) => e.id));
      const inView = (p: { itemId: string; expertId: string }) => itemIds.has(p.itemId) && expertIds.has(p.expertId);
      const pairState = new Map<string, Conflict['state']>();
      for (const c of doc.panel.conflicts) {
        if (!inView(c)) continue;
        const k = `${c.itemId}\u0000${c.expertId}`;
        const had = pairState.get(k);
        if (!had || (BLOCKING_STATES.has(c.state) && (!BLOCKING_STATES.has(had) || c.state === 'detected'))) pairState.set(k, c.state);
      }
      const everyMember = new Set(doc.campaign.groups.filter((g) => g.everyMemberScores).map((g) => g.id));
      return {
        perItem: K,
        experts: experts.map((e) => ({ id: e.id, name: e.name, code: codes.get(e.id)!, groupId: e.groupId, load: loads.get(e.id) ?? 0, ...(limits.get(e.id) ?? { min: 0, max: 0 }) })),
        items: items.map((i) => ({ id: i.id, label: i.label, discipline: i.discipline, groupId: i.groupId, everyMember: i.groupId !== null && everyMember.has(i.groupId) })),
        assignments: doc.panel.assignments.filter(inView).map((a) => ({ itemId: a.itemId, expertId: a.expertId, manual: a.manual === true })),
        conflicts: [...pairState].map(([k, state]) => {
          const [itemId, expertId] = k.split('\u0000') as [string, string];
          return { itemId, expertId, state };
        }),
        excluded: doc.panel.excluded.filter(inView),
      } satisfies PanelMatrix;
    },

    'assignments.set': async ({ campaignId, itemId, expertId, assigned }, ctx) => {
      const doc = load(store, campaignId);
      mustExpert(doc, expertId);
      mustItem(doc, itemId);
      if (assigned && blockingPairs(doc).some((p) => p.itemId === itemId && p.expertId === expertId)) {
        throw new AppError('PANEL_CONFLICTED', 'a conflict of interest keeps this expert off this nomination', { values: { itemId, expertId } });
      }
      const has = doc.panel.assignments.find((a) => a.itemId === itemId && a.expertId === expertId);
      if (assigned && !has?.manual) await store.commit(campaignId, { type: 'assignment.added', itemId, expertId }, ctx.actor);
      if (!assigned && (has || !doc.panel.excluded.some((x) => x.itemId === itemId && x.expertId === expertId))) await store.commit(campaignId, { type: 'assignment.removed', itemId, expertId }, ctx.actor);
      return { assigned };
    },
  };
}
