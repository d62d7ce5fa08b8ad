import { createHash } from 'node:crypto';
import { AppError } from '../../shared/contract/index.ts';
import type { ImportPreview, ImportReport, NominationDetail, NominationRow } from '../../shared/contract/nominations.ts';
import { fieldDef, fieldsFor } from '../../shared/nominations/fields.ts';
import type { ColumnGuess, MappingOverride } from '../../shared/nominations/header.ts';
import { importParts, memoryChange } from '../../shared/nominations/import-plan.ts';
import { listPage } from '../../shared/nominations/list.ts';
import { mapRows, nearMatchSearch, parseField, type FieldValue, type MapRowsResult, type NearMatchResult } from '../../shared/nominations/map-rows.ts';
import { effectiveFields, joinNominations, labelOf, mergeImport, sameValue, type MergeResult } from '../../shared/nominations/merge.ts';
import { chooseSheet, columnSamples, emptyResult, mappingLetters, memoriesFor, nominatorForMemory, planHeader, sheetSummary, withNominatorNamed } from '../../shared/nominations/plan.ts';
import { nearEntries, previewNear, previewRows, previewTotals, problemRows } from '../../shared/nominations/preview.ts';
import type { HandEdit, ImportRecord, Nomination, StatusOverride } from '../../shared/nominations/record.ts';
import { cleanText } from '../../shared/nominations/values.ts';
import { keyHolder, rekey } from '../../shared/nominations/identity.ts';
import { nominationHistory } from '../../shared/nominations/history.ts';
import { storedReport } from '../../shared/nominations/problems.ts';
import { findNomination, type CampaignDoc } from '../../shared/store/doc.ts';
import type { StepDeps } from '../deps.ts';
import type { CallContext, Handlers } from '../dispatcher.ts';
import type { JobControl } from '../jobs/jobs.ts';
import type { ReadOptions, SheetData } from '../xlsx/reader.ts';
import { readInWorker } from '../xlsx/tasks.ts';
import { writeNominationExport } from './write.ts';
import { Uploads, type Upload } from './uploads.ts';
import { NominationViews } from './views.ts';
import { nominationActionHandlers } from './actions.ts';

type NominationHandlers = Pick<
  Handlers,
  | 'nominations.imports'
  | 'nominations.importReport'
  | 'nominations.acceptProblem' | 'nominations.reopenProblem'
  | 'nominations.add'
  | 'nominations.withdraw'
  | 'nominations.delete'
  | 'nominations.undoImport'
  | 'nominations.clearNear'
  | 'nominations.preview'
  | 'nominations.import'
  | 'nominations.list'
  | 'nominations.get'
  | 'nominations.edit'
  | 'nominations.override'
  | 'nominations.resolveMatch'
  | 'nominations.export'
  | 'nominations.exportRejected'
>;

export interface NominationServiceOptions {
  /** Uploads kept for preview → import (default 4), oldest dropped first. */
  readonly keepUploads?: number;
  /** Sheets with at least this many rows are mapped to nominations in the worker too (default 2000). */
  readonly mapInWorkerFrom?: number;
  /**
   * Near matches are looked for in the worker from this many titles (default 2000): a preview's (the campaign's and
   * the file's together), and the list's when its cache is cold.
   */
  readonly nearInWorkerFrom?: number;
  /**
   * Exports of at least this many rows are written in the worker (default 200). Written here, ExcelJS holds the
   * event loop ~0.2 ms a row (20,000 rows: 4–5 s); a cold worker costs ~1 s of waiting but holds it < 50 ms. Below
   * this the export is written here, unless a worker is already waiting (then it costs ~20–70 ms more than here).
   */
  readonly exportInWorkerFrom?: number;
  /** Limits for reading workbooks (tests lower them). */
  readonly workbook?: ReadOptions;
  /** Nominations per journal line when an import is committed in parts (default 2,000; tests lower it). */
  readonly importPartSize?: number;
}

interface Prepared {
  readonly upload: Upload;
  readonly sheet: SheetData;
  /** 0-based, or null when no header row was found. */
  readonly headerRow: number | null;
  readonly columns: readonly ColumnGuess[];
  readonly mapping: readonly (string | null)[];
  readonly mappingSource: ImportPreview['mappingSource'];
  readonly mapped: MapRowsResult;
  /** The nominator named for the import ('' for none). */
  readonly nominator: string;
}

interface ImportArgs {
  readonly campaignId: string;
  readonly sheet?: string | undefined;
  readonly headerRow?: number | undefined;
  readonly mapping?: readonly MappingOverride[] | undefined;
  readonly nominator?: string | undefined;
}

function load(store: StepDeps['store'], id: string): CampaignDoc {
  const doc = store.get(id);
  if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
  return doc;
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The nominations step's calls: each loads what it needs, calls the pure code (shared/nominations) and commits. */
export function nominationHandlers(deps: StepDeps, opts: NominationServiceOptions = {}): NominationHandlers {
  const { store, now, newId, jobs, pool } = deps;
  const uploads = new Uploads(opts.keepUploads ?? 4);
  const views = new NominationViews(() => isoDay(now()), pool, opts.nearInWorkerFrom ?? 2000);
  const view = (doc: CampaignDoc) => views.view(doc);

  /**
   * The campaign's document, its near matches first found in the worker when a view of it is to be built and a
   * worker is waiting (as after a preview): starting one would cost more than the search (~0.3 s for 20,000 titles).
   */
  async function loadWarm(campaignId: string): Promise<CampaignDoc> {
    const doc = load(store, campaignId);
    if (views.has(doc) || !pool.warmed()) return doc;
    await views.warmNear(doc);
    return load(store, campaignId);
  }

  function rowFor(campaignId: string, id: string): NominationRow {
    const r = view(load(store, campaignId)).byId.get(id);
    if (!r) throw new AppError('NOT_FOUND', `no nomination with id "${id}"`, { values: { id } });
    return r;
  }

  function mustNomination(doc: CampaignDoc, id: string): Nomination {
    const n = findNomination(doc, id);
    if (!n) throw new AppError('NOT_FOUND', `no nomination with id "${id}"`, { values: { id } });
    return n;
  }

  /** A job's step in the worker: cancelling the job stops it. */
  async function inWorker<T>(handle: { readonly done: Promise<T>; cancel(): void }, job?: JobControl): Promise<T> {
    job?.onCancel(() => handle.cancel());
    try {
      return await handle.done;
    } finally {
      job?.onCancel(null);
      job?.check();
    }
  }

  async function receive(campaignId: string, file: { name: string; bytes: Uint8Array }, job: JobControl): Promise<Upload> {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const workbook = await inWorker(readInWorker(pool, file.bytes, file.name, opts.workbook ?? {}, () => job.stage('parsing', 0.1)), job);
    const upload: Upload = { id: newId('u'), campaignId, name: file.name, sha256, size: file.bytes.length, workbook };
    uploads.put(upload);
    return upload;
  }

  async function prepare(doc: CampaignDoc, upload: Upload, args: ImportArgs, job?: JobControl): Promise<Prepared> {
    const kind = doc.campaign.kind;
    const sheet = chooseSheet(kind, upload.workbook, args.sheet);
    const nominator = cleanText(args.nominator ?? '');
    const plan = planHeader({ campaignKind: kind, sheet, mappings: doc.mappings, nominator, headerRow: args.headerRow, mapping: args.mapping });
    const base = { upload, sheet, headerRow: plan.headerRow, columns: plan.columns, mapping: plan.mapping, mappingSource: plan.mappingSource, nominator };
    if (!plan.input) return { ...base, mapped: { ...emptyResult(), issues: plan.noHeader ? [plan.noHeader] : [] } };
    let mapped: MapRowsResult;
    const cacheKey = JSON.stringify([kind, sheet.name, plan.headerRow, plan.mapping]);
    if (upload.mapped?.key === cacheKey) mapped = upload.mapped.result;
    // A big sheet is mapped in the worker too: main answers other calls meanwhile.
    else if (sheet.rows.length >= (opts.mapInWorkerFrom ?? 2000)) mapped = await inWorker(pool.run('nominations.map', plan.input, { label: sheet.name }), job);
    else mapped = mapRows(plan.input);
    upload.mapped = { key: cacheKey, result: mapped };
    return { ...base, mapped: withNominatorNamed(mapped, nominator) };
  }

  /** `at`: the import's time, which its record and the nominations it creates share (nominationHistory relies on it). */
  function merge(doc: CampaignDoc, p: Prepared, importId: string, ids: () => string, at = now().toISOString()): MergeResult {
    return mergeImport({
      issues: p.mapped.issues,
      kind: doc.campaign.kind,
      existing: doc.nominations,
      drafts: p.mapped.items,
      importMeta: { importId, file: p.upload.name, sha256: p.upload.sha256, sheet: p.sheet.name, nominator: p.nominator },
      now: at,
      newId: ids,
    });
  }

  return {
    ...nominationActionHandlers(deps, { load: (id) => load(store, id), view, rowFor }),

    'nominations.preview': (args) =>
      jobs.run(args.jobId, async (job) => {
        const doc0 = load(store, args.campaignId);
        const upload = args.file ? await receive(args.campaignId, args.file, job) : uploads.get(args.uploadId!, args.campaignId);
        job.stage('mapping', 0.8);
        const doc = load(store, doc0.campaign.id);
        const kind = doc.campaign.kind;
        const p = await prepare(doc, upload, args, job);
        let n = 0;
        const m = merge(doc, p, 'preview', () => `new-${++n}`);
        // Near matches of the file's rows with the campaign's nominations and with each other: only pairs with a row
        // of the file (from), as pairs within the campaign are the list's. Over many titles in the worker.
        const existing = doc.nominations;
        const entries = nearEntries(kind, existing, p.mapped);
        const nearOptions = { from: existing.length };
        const found: NearMatchResult = entries.length >= (opts.nearInWorkerFrom ?? 2000)
          ? await inWorker(pool.run('nominations.near', { entries, options: nearOptions }, { label: 'near matches' }), job)
          : nearMatchSearch(entries, nearOptions);
        return {
          uploadId: upload.id,
          file: upload.name,
          sha256: upload.sha256,
          sheets: upload.workbook.sheets.map((s) => sheetSummary(kind, s, memoriesFor(doc.mappings, p.nominator))),
          sheet: p.sheet.name,
          headerRow: p.headerRow === null ? null : p.headerRow + 1,
          columns: p.columns.map((c) => ({ ...c, samples: columnSamples(p.sheet.rows, p.headerRow, c.column) })),
          mappingSource: p.mappingSource,
          fields: fieldsFor(kind).map((d) => ({ id: d.id, zh: d.zh, en: d.en, required: d.required })),
          rows: previewRows(p.sheet.rows, p.headerRow, p.mapping, p.mapped, m, args.limit),
          totals: previewTotals(p.mapped, m),
          issues: p.mapped.issues,
          nearMatches: previewNear(existing, entries, p.mapped, found, args.nearLimit),
          nearPairs: { total: found.pairs.length, truncated: found.truncated },
        } satisfies ImportPreview;
      }),

    'nominations.import': (args, ctx) =>
      jobs.run(args.jobId, async (job) => {
        const upload = uploads.get(args.uploadId, args.campaignId);
        job.stage('mapping', 0.5);
        const p = await prepare(load(store, args.campaignId), upload, args, job);
        // The doc as it is now: another call may have changed it while the rows were mapped.
        const doc = load(store, args.campaignId);
        const importId = newId('i');
        const at = now().toISOString();
        const m = merge(doc, p, importId, () => newId('n'), at);
        const who = nominatorForMemory(p.nominator, p.mapped);
        const memory = memoryChange(doc.mappings, who, p.headerRow, p.columns, p.mapping);
        const record: ImportRecord = {
          id: importId,
          file: upload.name,
          sha256: upload.sha256,
          size: upload.size,
          sheet: p.sheet.name,
          nominator: p.nominator || who,
          mapping: mappingLetters(p.mapping),
          at,
          actor: ctx.actor,
          imported: m.imported,
          updated: m.updated,
          unchanged: m.unchanged,
          rejected: p.mapped.rejected,
          report: storedReport(m.duplicates, p.mapped.issues),
        };
        let saved: ImportRecord | null = null;
        if (m.upserts.length > 0 || memory) {
          // A big import in parts: no journal line holds more than importPartSize nominations.
          const parts = importParts(record, m.upserts, memory, opts.importPartSize);
          // Once saving begins the job can no longer be cancelled (stage() checks for a cancel first).
          job.stage('saving', 0.9);
          for (const [i, part] of parts.entries()) {
            if (i > 0) job.report('saving', 0.9 + (0.1 * i) / parts.length);
            await store.commit(args.campaignId, part, ctx.actor);
          }
          saved = record;
        }
        const after = load(store, args.campaignId);
        const sheets = upload.workbook.sheets.map((s) => sheetSummary(after.campaign.kind, s, memoriesFor(after.mappings, p.nominator)));
        return { imported: m.imported, updated: m.updated, unchanged: m.unchanged, duplicates: m.duplicates, rejected: p.mapped.rejected, issues: p.mapped.issues, import: saved, sheets } satisfies ImportReport;
      }),

    'nominations.list': async (args) => {
      const v = view(await loadWarm(args.campaignId));
      return listPage(v.rows, args, v.nearPairs);
    },

    'nominations.get': async ({ campaignId, id }) => {
      const doc = await loadWarm(campaignId);
      const n = mustNomination(doc, id);
      const v = view(doc);
      const history = nominationHistory(n, doc.history, doc.imports).reverse();
      return { ...v.byId.get(id)!, nomination: n, history, nearMatches: v.near.get(id) ?? [] } satisfies NominationDetail;
    },

    'nominations.edit': async ({ campaignId, id, field, value }, ctx) => {
      const doc = load(store, campaignId);
      const n = mustNomination(doc, id);
      const def = fieldDef(doc.campaign.kind, field);
      if (!def) throw new AppError('BAD_ARGUMENTS', `"${field}" is not a field of ${doc.campaign.kind} nominations`, { details: [{ path: 'field', message: `fields: ${fieldsFor(doc.campaign.kind).map((d) => d.id).join(', ')}` }] });
      const parsed = parseField(def, value);
      if ('error' in parsed) {
        throw new AppError('FIELD_INVALID', `${def.en}: "${String(value).slice(0, 100)}" is not a valid value (${parsed.error})`, { values: { field, code: parsed.error } });
      }
      const next: FieldValue | null = parsed.value;
      const fromSources = effectiveFields({ ...n, edits: Object.fromEntries(Object.entries(n.edits).filter(([k]) => k !== field)) }).fields[field] ?? null;
      const current = effectiveFields(n).fields[field] ?? null;
      const hadEdit = Object.prototype.hasOwnProperty.call(n.edits, field);
      // Typing back what the sources say removes the correction; anything else is a correction.
      let edit: HandEdit | null;
      if (sameValue(next, fromSources)) {
        if (!hadEdit) return rowFor(campaignId, id);
        edit = null;
      } else {
        if (hadEdit && sameValue(next, current)) return rowFor(campaignId, id);
        edit = { value: next, at: now().toISOString(), actor: ctx.actor };
      }
      // An edit of what identifies the nomination gives it its new key (its sources' keys kept as aliases); a key
      // another nomination already answers to is refused, and nothing is saved.
      const edits = Object.fromEntries(Object.entries(n.edits).filter(([k]) => k !== field));
      const after: Nomination = { ...n, edits: edit ? { ...edits, [field]: edit } : edits };
      const rekeyed = rekey(doc.campaign.kind, n, after);
      if (rekeyed && rekeyed.key !== n.key) {
        const other = keyHolder(doc.nominations, rekeyed.key, id);
        if (other) {
          const otherLabel = labelOf(doc.campaign.kind, other);
          throw new AppError('NOMINATION_KEY_TAKEN', `${def.en}: with this value the nomination would be the same as "${otherLabel}" (${other.id}, key ${rekeyed.key}); nothing was saved`, { values: { field, key: rekeyed.key, otherId: other.id, otherLabel } });
        }
      }
      await store.commit(campaignId, { type: 'nomination.edited', id, field, edit, ...(rekeyed ? { rekey: rekeyed } : {}) }, ctx.actor);
      return rowFor(campaignId, id);
    },

    'nominations.override': async ({ campaignId, id, status, note }, ctx) => {
      const doc = load(store, campaignId);
      const n = mustNomination(doc, id);
      const at = now().toISOString();
      const override: StatusOverride | null = status === null ? null : { status, note, at, actor: ctx.actor };
      if (override === null ? n.override === null : n.override !== null && n.override.status === status && n.override.note === note) return rowFor(campaignId, id);
      await store.commit(campaignId, { type: 'nomination.overridden', id, override, at }, ctx.actor);
      return rowFor(campaignId, id);
    },

    'nominations.resolveMatch': async ({ campaignId, id, otherId, same }, ctx: CallContext) => {
      const doc = load(store, campaignId);
      const kept = mustNomination(doc, id);
      const other = mustNomination(doc, otherId);
      if (id === otherId) throw new AppError('BAD_ARGUMENTS', 'a nomination cannot be matched with itself', { values: { id } });
      const at = now().toISOString();
      if (same) await store.commit(campaignId, { type: 'nominations.merged', kept: joinNominations(kept, other, at), mergedId: other.id }, ctx.actor);
      else if (!kept.distinctFrom.includes(otherId) || !other.distinctFrom.includes(id)) await store.commit(campaignId, { type: 'nomination.distinct', id, otherId, at }, ctx.actor);
      return { kept: rowFor(campaignId, id) };
    },

    'nominations.export': ({ campaignId, jobId }) =>
      jobs.run(jobId, async (job) => {
        const doc = await loadWarm(campaignId);
        job.check();
        const rows = view(doc).rows;
        job.check();
        const bytes = await writeNominationExport(pool, { what: 'nominations', kind: doc.campaign.kind, campaignName: doc.campaign.name, rows }, job, opts.exportInWorkerFrom ?? 200);
        const safeName = [...doc.campaign.name].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').slice(0, 80);
        return { name: `${safeName}-推荐名单-${isoDay(now())}.xlsx`, bytes };
      }, 'gathering'),

    'nominations.exportRejected': (args) =>
      jobs.run(args.jobId, async (job) => {
        const doc = load(store, args.campaignId);
        const upload = uploads.get(args.uploadId, args.campaignId);
        const p = await prepare(doc, upload, args, job);
        const rows = problemRows(p.sheet.rows, p.headerRow, p.mapped.issues);
        const header = p.headerRow === null ? [] : (p.sheet.rows[p.headerRow] ?? []);
        const bytes = await writeNominationExport(pool, { what: 'problems', kind: doc.campaign.kind, sheetName: p.sheet.name, header, rows }, job, opts.exportInWorkerFrom ?? 200);
        const base = upload.name.replace(/\.[a-z0-9]{1,5}$/i, '');
        return { name: `${base}-需修改.xlsx`, bytes };
      }, 'gathering'),
  };
}
