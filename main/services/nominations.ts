import { createHash } from 'node:crypto';
import type { Campaign } from '../../shared/campaign/campaign.ts';
import type { CampaignKind } from '../../shared/campaign/model.ts';
import { AppError } from '../../shared/contract/index.ts';
import type { ImportPreview, ImportReport, JobProgress, NearPairCount, NominationDetail, NominationList, NominationRow, PreviewRow, SheetSummary } from '../../shared/contract/nominations.ts';
import { checkEligibility } from '../../shared/nominations/eligibility.ts';
import { fieldDef, fieldsFor, identityField } from '../../shared/nominations/fields.ts';
import { cellText, columnLetter, findHeader, normaliseHeader, overrideMapping, type ColumnGuess, type ColumnMapping, type MappingOverride } from '../../shared/nominations/header.ts';
import { mapRows, nearMatchSearch, type NearMatchResult, parseField, type FieldValue, type ImportIssue, type MapRowsResult } from '../../shared/nominations/map-rows.ts';
import { draftNominator, effectiveFields, joinNominations, labelOf, mergeImport, nominatorKey, nominatorsOf, sameValue, type MergeResult } from '../../shared/nominations/merge.ts';
import type { HandEdit, ImportRecord, Nomination, NominationStatus, StatusOverride } from '../../shared/nominations/record.ts';
import { cleanText, isBlank, normaliseKeyText } from '../../shared/nominations/values.ts';
import { keyHolder, rekey } from '../../shared/nominations/identity.ts';
import { nominationHistory } from '../../shared/nominations/history.ts';
import { findNomination, type CampaignDoc, type MappingMemory } from '../../shared/store/doc.ts';
import type { CallContext, Handlers } from '../dispatcher.ts';
import { writeExport, type ExportJob } from '../nominations/export.ts';
import { Jobs, type JobControl } from '../nominations/jobs.ts';
import { mapInWorker, nearInWorker, parseInWorker, workerWarmed, writeInWorker, type WriteProgress } from '../nominations/parse.ts';
import type { ReadOptions, SheetData, WorkbookData } from '../nominations/workbook.ts';
import type { ServiceDeps } from './campaigns.ts';

type NominationHandlers = Pick<
  Handlers,
  | 'nominations.preview'
  | 'nominations.import'
  | 'nominations.list'
  | 'nominations.get'
  | 'nominations.edit'
  | 'nominations.override'
  | 'nominations.resolveMatch'
  | 'nominations.export'
  | 'nominations.exportRejected'
  | 'jobs.progress'
  | 'jobs.cancel'
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
}

interface Upload {
  readonly id: string;
  readonly campaignId: string;
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly workbook: WorkbookData;
  /** The rows last mapped (preview, then import with the same choices, maps once). */
  mapped?: { readonly key: string; readonly result: MapRowsResult };
}

/** A few recent uploads with their parsed sheets, most recent last. */
class Uploads {
  private readonly map = new Map<string, Upload>();
  constructor(private readonly keep: number) {}
  put(u: Upload): void {
    this.map.delete(u.id);
    this.map.set(u.id, u);
    while (this.map.size > this.keep) this.map.delete(this.map.keys().next().value!);
  }
  get(id: string, campaignId: string): Upload {
    const u = this.map.get(id);
    if (!u || u.campaignId !== campaignId) throw new AppError('UPLOAD_EXPIRED', `upload "${id}" is no longer kept: choose the file again`, { values: { uploadId: id } });
    this.map.delete(id);
    this.map.set(id, u);
    return u;
  }
}

interface Prepared {
  readonly upload: Upload;
  readonly sheet: SheetData;
  /** 0-based, or null when no header row was found. */
  readonly headerRow: number | null;
  readonly columns: readonly ColumnGuess[];
  readonly mapping: ColumnMapping;
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

interface View {
  readonly rows: readonly NominationRow[];
  readonly byId: ReadonlyMap<string, NominationRow>;
  /** Unresolved near matches by nomination id. */
  readonly near: ReadonlyMap<string, { id: string; label: string; similarity: number }[]>;
  /** The unresolved near-match pairs, counted, and whether the search stopped at its cap. */
  readonly nearPairs: NearPairCount;
}

function load(store: ServiceDeps['store'], id: string): CampaignDoc {
  const doc = store.get(id);
  if (!doc) throw new AppError('NOT_FOUND', `no campaign with id "${id}"`, { values: { id } });
  return doc;
}

const emptyResult = (): MapRowsResult => ({ items: [], issues: [], rejected: 0, skipped: 0 });

/** The columns of a given header row: the guess for that row, or its cells with no field. */
function columnsAt(kind: CampaignKind, rows: readonly unknown[][], index: number): ColumnGuess[] {
  const row = rows[index] ?? [];
  const guess = findHeader(kind, [row], { scanRows: 1 });
  if (guess) return [...guess.columns];
  return Array.from(row, (v, c) => ({ column: c, letter: columnLetter(c), header: cellText(v).trim(), field: null, score: 0, match: null }));
}

/** The remembered mapping applies when every titled column of this header is one it knows. */
function remembered(columns: readonly ColumnGuess[], memory: Readonly<Record<string, string | null>> | undefined, kind: CampaignKind): ColumnGuess[] | null {
  if (!memory) return null;
  const known = new Set(fieldsFor(kind).map((d) => d.id));
  const titled = columns.filter((c) => normaliseHeader(c.header) !== '');
  if (titled.length === 0) return null;
  const out: ColumnGuess[] = [];
  for (const c of columns) {
    const h = normaliseHeader(c.header);
    if (h === '') {
      out.push({ ...c, field: null, score: 0, match: null });
      continue;
    }
    if (!Object.prototype.hasOwnProperty.call(memory, h)) return null;
    const field = memory[h] ?? null;
    out.push({ ...c, field: field !== null && known.has(field) ? field : null, score: field ? 1 : 0, match: field ? 'exact' : null });
  }
  return out.some((c) => c.field !== null) ? out : null;
}

function memoryOf(columns: readonly ColumnGuess[], mapping: ColumnMapping): Record<string, string | null> {
  const entries: [string, string | null][] = [];
  for (const c of columns) {
    const h = normaliseHeader(c.header);
    if (h) entries.push([h, mapping[c.column] ?? null]);
  }
  return Object.fromEntries(entries);
}

type Memory = Readonly<Record<string, string | null>>;

/** The remembered layouts to try: the named nominator's; without a nominator named, every nominator's. */
function memoriesFor(doc: CampaignDoc, nominator: string): Memory[] {
  const key = nominatorKey(nominator);
  if (key && Object.prototype.hasOwnProperty.call(doc.mappings, key)) return [doc.mappings[key]!];
  return nominator ? [] : Object.values(doc.mappings);
}

/**
 * Where a sheet's header is and what its columns hold: a remembered layout that fits a row of the first 30 wins
 * over a guess from the header texts (a nominator's own headers may name no field a guess knows).
 */
function locateHeader(kind: CampaignKind, rows: readonly unknown[][], memories: readonly Memory[]): { headerRow: number; columns: ColumnGuess[]; remembered: boolean } | null {
  for (let i = 0; memories.length > 0 && i < Math.min(30, rows.length); i++) {
    const at = columnsAt(kind, rows, i);
    for (const m of memories) {
      const r = remembered(at, m, kind);
      if (r) return { headerRow: i, columns: r, remembered: true };
    }
  }
  const g = findHeader(kind, rows);
  return g ? { headerRow: g.headerRow, columns: [...g.columns], remembered: false } : null;
}

/** A sheet at a glance: its header, its data rows, or why it has nothing to import. */
function sheetSummary(kind: CampaignKind, s: SheetData, memories: readonly Memory[]): SheetSummary {
  const base = { name: s.name, rows: s.range.rows, columns: s.range.columns, hidden: s.hidden };
  if (s.error) return { ...base, headerRow: null, dataRows: 0, skip: s.error.code === 'SHEET_TOO_LARGE' ? 'too-large' : 'unreadable' };
  if (!s.rows.some((row) => row.some((v) => !isBlank(v)))) return { ...base, headerRow: null, dataRows: 0, skip: 'empty' };
  const layout = locateHeader(kind, s.rows, memories);
  if (!layout) return { ...base, headerRow: null, dataRows: 0, skip: 'no-header' };
  const matched = layout.columns.filter((c) => c.field !== null).map((c) => c.column);
  let dataRows = 0;
  for (let r = layout.headerRow + 1; r < s.rows.length; r++) {
    const row = s.rows[r];
    if (row && matched.some((c) => !isBlank(row[c]))) dataRows++;
  }
  return { ...base, headerRow: layout.headerRow, dataRows, skip: dataRows === 0 ? 'no-rows' : null };
}

/** The sheet a workbook's nominations are on: the one named, else the best header naming the identity field. */
function chooseSheet(kind: CampaignKind, wb: WorkbookData, name: string | undefined): SheetData {
  if (name !== undefined) {
    const s = wb.sheets.find((x) => x.name === name);
    if (!s) throw new AppError('NOT_FOUND', `no sheet "${name}"; the workbook has ${wb.sheets.map((x) => `"${x.name}"`).join(', ')}`, { values: { sheet: name } });
    if (s.error) throw new AppError(s.error.code, s.error.message, s.error.values ? { values: { ...s.error.values } } : undefined);
    return s;
  }
  const id = identityField(kind).id;
  let best: { s: SheetData; score: number } | null = null;
  for (const s of wb.sheets) {
    if (s.error || s.rows.length === 0) continue;
    const g = findHeader(kind, s.rows);
    const score = g ? g.confidence + (g.columns.some((c) => c.field === id) ? 1 : 0) : -1;
    if (!best || score > best.score) best = { s, score };
  }
  if (!best) {
    const refused = wb.sheets.find((s) => s.error);
    if (refused?.error) throw new AppError(refused.error.code, refused.error.message, refused.error.values ? { values: { ...refused.error.values } } : undefined);
    throw new AppError('FILE_EMPTY', `${wb.fileName} has no data`, { values: { file: wb.fileName } });
  }
  return best.s;
}

/** A few distinct values from below the header of one column, as text, so the secretary can tell what it holds. */
function columnSamples(rows: readonly (readonly unknown[] | undefined)[], headerRow: number | null, column: number, max = 3): string[] {
  const out: string[] = [];
  if (headerRow === null) return out;
  for (let r = headerRow + 1; r < rows.length && r < headerRow + 200 && out.length < max; r++) {
    const v = cellText(rows[r]?.[column]).trim();
    const s = v.length > 40 ? `${v.slice(0, 40)}…` : v;
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * An export's progress as one bar: handing the rows to the writer is the first tenth, writing them row by row the
 * next eight (about as long as it takes: 20,000 rows ~1.8 s of ~2.3 s), packing the .xlsx the last.
 */
function exportProgress(p: WriteProgress): { stage: 'gathering' | 'writing' | 'packing'; fraction: number } {
  const f = p.total > 0 ? Math.min(1, p.rows / p.total) : 1;
  if (p.phase === 'sending') return { stage: 'gathering', fraction: 0.1 * f };
  if (p.phase === 'writing') return { stage: 'writing', fraction: 0.1 + 0.8 * f };
  return { stage: 'packing', fraction: 0.9 };
}

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

type Near = { id: string; label: string; similarity: number };

/** Pairs of near titles by id, recomputed only when some label or key changed (an edit of a count changes none). */
const nearPairsCache = new Map<string, { sig: string; pairs: [string, string, number][]; truncated: boolean }>();

function nearInput(kind: CampaignKind, list: readonly Nomination[]): { labels: string[]; sig: string } {
  const labels = list.map((n) => labelOf(kind, n));
  return { labels, sig: list.map((n, i) => `${n.id}\u0001${n.key}\u0001${labels[i]}`).join('\u0000') };
}

function cacheNear(campaignId: string, list: readonly Nomination[], sig: string, found: NearMatchResult): { sig: string; pairs: [string, string, number][]; truncated: boolean } {
  const cached = { sig, pairs: found.pairs.map((p): [string, string, number] => [list[p.a]!.id, list[p.b]!.id, p.similarity]), truncated: found.truncated };
  nearPairsCache.delete(campaignId);
  nearPairsCache.set(campaignId, cached);
  while (nearPairsCache.size > 8) nearPairsCache.delete(nearPairsCache.keys().next().value!);
  return cached;
}

/** Computations in the worker under way, by campaign and signature, so two calls at once share one. */
const nearPending = new Map<string, Promise<void>>();

/**
 * Before a view of a big campaign is built: near matches found in the worker when the cache does not have them, so
 * view() finds them there and main's event loop is not held by the search. Any failure leaves it to view().
 */
async function warmNear(campaignId: string, kind: CampaignKind, list: readonly Nomination[], minTitles: number): Promise<void> {
  if (list.length < minTitles) return;
  const { labels, sig } = nearInput(kind, list);
  if (nearPairsCache.get(campaignId)?.sig === sig) return;
  const pendingKey = `${campaignId}\u0000${sig}`;
  let pending = nearPending.get(pendingKey);
  if (!pending) {
    pending = nearInWorker(list.map((n, i) => ({ text: labels[i]!, key: n.key })))
      .done.then((r) => void cacheNear(campaignId, list, sig, r))
      .catch(() => undefined)
      .finally(() => nearPending.delete(pendingKey));
    nearPending.set(pendingKey, pending);
  }
  await pending;
}

/** Each nomination's unresolved near matches, and the count of such pairs (with whether the search was cut). */
function nearAll(campaignId: string, kind: CampaignKind, list: readonly Nomination[]): { byId: Map<string, Near[]>; count: NearPairCount } {
  const { labels, sig } = nearInput(kind, list);
  let cached = nearPairsCache.get(campaignId);
  if (!cached || cached.sig !== sig) cached = cacheNear(campaignId, list, sig, nearMatchSearch(list.map((n, i) => ({ text: labels[i]!, key: n.key }))));
  const byId = new Map(list.map((n, i) => [n.id, { n, label: labels[i]! }]));
  const out = new Map<string, Near[]>();
  const add = (a: string, b: string, similarity: number) => {
    const l = out.get(a) ?? [];
    l.push({ id: b, label: byId.get(b)!.label, similarity });
    out.set(a, l);
  };
  let total = 0;
  for (const [a, b, similarity] of cached.pairs) {
    if (byId.get(a)!.n.distinctFrom.includes(b) || byId.get(b)!.n.distinctFrom.includes(a)) continue;
    total++;
    add(a, b, similarity);
    add(b, a, similarity);
  }
  return { byId: out, count: { total, truncated: cached.truncated } };
}

function rowOf(campaign: Campaign, n: Nomination, near: readonly { id: string }[], today: string): NominationRow {
  const kind = campaign.kind;
  const eff = effectiveFields(n);
  const disagreements = eff.disagreements.map((d) => d.field);
  const nominators = nominatorsOf(n);
  // A source's nominator is the row's own or the one named for its import: either way the nomination has one.
  const fields = nominators.length > 0 && eff.fields.nominator === undefined ? { ...eff.fields, nominator: nominators.join('; ') } : eff.fields;
  const check = checkEligibility(kind, { fields, disagreements, nearDuplicates: near.map((x) => x.id), override: n.override }, campaign, { today });
  return {
    id: n.id,
    key: n.key,
    label: labelOf(kind, n),
    fields: eff.fields,
    nominators,
    status: check.status,
    reasons: check.reasons,
    edited: eff.edited,
    disagreements,
    updatedAt: n.updatedAt,
  };
}

export function nominationHandlers({ store, now, newId }: ServiceDeps, opts: NominationServiceOptions = {}): NominationHandlers & { readonly jobs: Jobs } {
  const uploads = new Uploads(opts.keepUploads ?? 4);
  const jobs = new Jobs();
  const views = new WeakMap<CampaignDoc, View>();
  const rowCache = new WeakMap<Nomination, { campaign: Campaign; nearSig: string; today: string; row: NominationRow }>();

  function view(doc: CampaignDoc): View {
    let v = views.get(doc);
    if (!v) {
      const today = isoDay(now());
      const { byId: near, count: nearPairs } = nearAll(doc.campaign.id, doc.campaign.kind, doc.nominations);
      // A row is reused while its nomination, the campaign's rules, its near matches and the day are the same.
      const rows = doc.nominations.map((n) => {
        const nearList = near.get(n.id) ?? [];
        const nearSig = nearList.map((x) => `${x.id}:${x.label}`).join('\u0000');
        const hit = rowCache.get(n);
        if (hit && hit.campaign === doc.campaign && hit.nearSig === nearSig && hit.today === today) return hit.row;
        const row = rowOf(doc.campaign, n, nearList, today);
        rowCache.set(n, { campaign: doc.campaign, nearSig, today, row });
        return row;
      });
      v = { rows, byId: new Map(rows.map((r) => [r.id, r])), near, nearPairs };
      views.set(doc, v);
    }
    return v;
  }

  /**
   * The campaign's document, its near matches first found in the worker when a view of it is to be built and a
   * worker is waiting (as after a preview): starting one would cost more than the search (~0.3 s for 20,000 titles).
   */
  async function loadWarm(campaignId: string): Promise<CampaignDoc> {
    const doc = load(store, campaignId);
    if (views.has(doc) || !workerWarmed()) return doc;
    await warmNear(doc.campaign.id, doc.campaign.kind, doc.nominations, opts.nearInWorkerFrom ?? 2000);
    return load(store, campaignId);
  }

  function rowFor(campaignId: string, id: string): NominationRow {
    const doc = load(store, campaignId);
    const r = view(doc).byId.get(id);
    if (!r) throw new AppError('NOT_FOUND', `no nomination with id "${id}"`, { values: { id } });
    return r;
  }

  function mustNomination(doc: CampaignDoc, id: string): Nomination {
    const n = findNomination(doc, id);
    if (!n) throw new AppError('NOT_FOUND', `no nomination with id "${id}"`, { values: { id } });
    return n;
  }

  async function receive(campaignId: string, file: { name: string; bytes: Uint8Array }, job: JobControl): Promise<Upload> {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const handle = parseInWorker(file.bytes, file.name, opts.workbook ?? {}, () => job.stage('parsing', 0.1));
    job.onCancel(() => handle.cancel());
    const workbook = await handle.done;
    job.onCancel(null);
    job.check();
    const upload: Upload = { id: newId('u'), campaignId, name: file.name, sha256, size: file.bytes.length, workbook };
    uploads.put(upload);
    return upload;
  }

  async function prepare(doc: CampaignDoc, upload: Upload, args: ImportArgs, job?: JobControl): Promise<Prepared> {
    const kind = doc.campaign.kind;
    const sheet = chooseSheet(kind, upload.workbook, args.sheet);
    const nominator = cleanText(args.nominator ?? '');
    let headerRow: number | null = null;
    let columns: ColumnGuess[] = [];
    let mappingSource: ImportPreview['mappingSource'] = 'guessed';
    const memoryKey = nominatorKey(nominator);
    const memory = memoryKey && Object.prototype.hasOwnProperty.call(doc.mappings, memoryKey) ? doc.mappings[memoryKey] : undefined;
    if (args.headerRow !== undefined) {
      headerRow = args.headerRow - 1;
      if (headerRow >= sheet.rows.length) throw new AppError('BAD_ARGUMENTS', `row ${args.headerRow} is below the sheet's last row (${sheet.rows.length})`, { details: [{ path: 'headerRow', message: 'no such row' }] });
      columns = columnsAt(kind, sheet.rows, headerRow);
      const r = remembered(columns, memory, kind);
      if (r) {
        columns = r;
        mappingSource = 'remembered';
      }
    } else {
      // The nominator's own layout, remembered from their last workbook, wins over a guess. Without a nominator
      // named (their names are in the rows), any remembered layout that fits these headers exactly is used.
      const found = locateHeader(kind, sheet.rows, memoriesFor(doc, nominator));
      if (found) {
        headerRow = found.headerRow;
        columns = found.columns;
        if (found.remembered) mappingSource = 'remembered';
      } else if (args.mapping && args.mapping.length > 0) {
        // No header names a known field, but the secretary mapped the columns: the first row with content heads them.
        const first = sheet.rows.findIndex((row) => row.some((v) => cellText(v).trim() !== ''));
        if (first >= 0) {
          headerRow = first;
          columns = columnsAt(kind, sheet.rows, first);
        }
      }
    }
    if (headerRow === null) {
      const id = identityField(kind);
      const issue: ImportIssue = { sheet: sheet.name, row: 1, column: '', field: id.id, code: 'HEADER_NOT_FOUND', severity: 'error', message: `no header row naming "${id.en}" (${id.zh}) in the first 30 rows: give the header row`, value: null };
      return { upload, sheet, headerRow, columns: [], mapping: [], mappingSource, mapped: { ...emptyResult(), issues: [issue] }, nominator };
    }
    let mapping: ColumnMapping = columns.map((c) => c.field);
    if (args.mapping && args.mapping.length > 0) {
      mapping = overrideMapping(kind, columns, args.mapping);
      mappingSource = 'given';
    }
    const input = { kind, rows: sheet.rows, headerRow, mapping, sheet: sheet.name, date1904: sheet.date1904 };
    let mapped: MapRowsResult;
    const cacheKey = JSON.stringify([kind, sheet.name, headerRow, mapping]);
    if (upload.mapped?.key === cacheKey) mapped = upload.mapped.result;
    else if (sheet.rows.length >= (opts.mapInWorkerFrom ?? 2000)) {
      // A big sheet is mapped in the worker too: main answers other calls meanwhile.
      const handle = mapInWorker(input);
      job?.onCancel(() => handle.cancel());
      mapped = await handle.done;
      job?.onCancel(null);
      job?.check();
    } else mapped = mapRows(input);
    upload.mapped = { key: cacheKey, result: mapped };
    // A nominator named for the import stands for a missing 推荐单位 column.
    if (nominator) mapped = { ...mapped, issues: mapped.issues.filter((i) => !(i.code === 'COLUMN_MISSING' && i.field === 'nominator')) };
    return { upload, sheet, headerRow, columns, mapping, mappingSource, mapped, nominator };
  }

  /** `at`: the import's time, which its record and the nominations it creates share (nominationHistory relies on it). */
  function merge(doc: CampaignDoc, p: Prepared, importId: string, ids: () => string, at = now().toISOString()): MergeResult {
    return mergeImport({
      kind: doc.campaign.kind,
      existing: doc.nominations,
      drafts: p.mapped.items,
      importMeta: { importId, file: p.upload.name, sha256: p.upload.sha256, sheet: p.sheet.name, nominator: p.nominator },
      now: at,
      newId: ids,
    });
  }

  /**
   * An export's bytes: in the worker when it is big or a worker is waiting, so main's event loop stays free. Its
   * progress goes to the job; a cancel stops the worker (nothing comes back: the call answers CANCELLED).
   */
  async function write(exp: ExportJob, job: JobControl): Promise<Uint8Array> {
    const tell = (p: WriteProgress) => {
      const { stage, fraction } = exportProgress(p);
      job.report(stage, fraction);
    };
    let bytes: Uint8Array;
    if (exp.rows.length < (opts.exportInWorkerFrom ?? 200) && !workerWarmed()) {
      // A small export written here: ~40 ms at most, in one go.
      job.stage('writing', 0.1);
      bytes = await writeExport(exp, (phase, rows, total) => tell({ phase: phase === 'rows' ? 'writing' : 'packing', rows, total }));
    } else {
      const handle = writeInWorker(exp, tell);
      job.onCancel(() => handle.cancel());
      try {
        bytes = await handle.done;
      } finally {
        job.onCancel(null);
      }
    }
    // Cancelled just as the bytes came back: they are dropped.
    job.check();
    return bytes;
  }

  /** Run a long call under its job: stages, cancel, and the job's end. */
  async function underJob<T>(jobId: string | undefined, fn: (job: JobControl) => Promise<T>, first?: JobProgress['stage']): Promise<T> {
    const job = jobs.start(jobId, first);
    try {
      const out = await fn(job);
      job.finish(true);
      return out;
    } catch (e) {
      job.finish(false, e);
      throw e;
    }
  }

  function nominatorForMemory(p: Prepared): string {
    if (p.nominator) return p.nominator;
    const names = new Set(p.mapped.items.map((d) => nominatorKey(draftNominator(d, ''))));
    if (names.size !== 1) return '';
    const only = p.mapped.items[0];
    return only ? draftNominator(only, '') : '';
  }

  function letters(p: Prepared): Record<string, string> {
    return Object.fromEntries(p.mapping.flatMap((f, i) => (f ? [[columnLetter(i), f]] : [])));
  }

  const handlers: NominationHandlers = {
    'nominations.preview': (args) =>
      underJob(args.jobId, async (job) => {
        const doc0 = load(store, args.campaignId);
        const upload = args.file ? await receive(args.campaignId, args.file, job) : uploads.get(args.uploadId!, args.campaignId);
        job.stage('mapping', 0.8);
        const doc = load(store, doc0.campaign.id);
        const kind = doc.campaign.kind;
        const p = await prepare(doc, upload, args, job);
        let n = 0;
        const m = merge(doc, p, 'preview', () => `new-${++n}`);
        const fateByRow = new Map(m.fates.map((f) => [f.row, f]));
        const draftsByRow = new Map(p.mapped.items.map((d) => [d.source.row, d]));
        const rejectedRows = [...new Set(p.mapped.issues.filter((i) => i.severity === 'error' && p.headerRow !== null && i.row > p.headerRow + 1).map((i) => i.row))];
        const allRows = [...draftsByRow.keys(), ...rejectedRows.filter((r) => !draftsByRow.has(r))].sort((a, b) => a - b);
        const rows: PreviewRow[] = allRows.slice(0, args.limit).map((row) => {
          const d = draftsByRow.get(row);
          const f = fateByRow.get(row);
          if (d) return { row, fields: Object.fromEntries(Object.entries(d.fields)), fate: f ? f.fate : 'rejected' };
          // A rejected row has no parsed fields: its mapped cells as written, so the secretary sees the row.
          const raw = p.sheet.rows[row - 1] ?? [];
          const cells = Object.fromEntries(p.mapping.flatMap((field, c) => {
            const text = field ? cellText(raw[c]).trim() : '';
            return text ? [[columnLetter(c), text.length > 200 ? `${text.slice(0, 200)}…` : text]] : [];
          }));
          return { row, fields: {}, cells, fate: 'rejected' as const };
        });
        // Near matches of the file's rows with the campaign's nominations and with each other.
        const existing = doc.nominations;
        const entries = [
          ...existing.map((x) => ({ text: labelOf(kind, x), key: x.key })),
          ...p.mapped.items.map((d) => ({ text: d.label, key: d.key })),
        ];
        const near: ImportPreview['nearMatches'][number][] = [];
        // Only pairs with a row of the file (from): pairs within the campaign are the list's, and must not use up
        // maxPairs. Over many titles in the worker, so main answers other calls meanwhile.
        const nearOptions = { from: existing.length };
        let found: NearMatchResult;
        if (entries.length >= (opts.nearInWorkerFrom ?? 2000)) {
          const handle = nearInWorker(entries, nearOptions);
          job.onCancel(() => handle.cancel());
          found = await handle.done;
          job.onCancel(null);
          job.check();
        } else found = nearMatchSearch(entries, nearOptions);
        // The most alike first, as many as the wizard lists; all of them counted.
        for (const { a, b, similarity } of found.pairs.slice(0, args.nearLimit)) {
          const draft = p.mapped.items[b - existing.length]!;
          if (a < existing.length) near.push({ row: draft.source.row, label: draft.label, otherId: existing[a]!.id, otherLabel: entries[a]!.text, similarity });
          else near.push({ row: draft.source.row, label: draft.label, otherId: null, otherLabel: entries[a]!.text, similarity });
        }
        const count = (fate: string) => m.fates.filter((f) => f.fate === fate).length;
        return {
          uploadId: upload.id,
          file: upload.name,
          sha256: upload.sha256,
          sheets: upload.workbook.sheets.map((s) => sheetSummary(kind, s, memoriesFor(doc, p.nominator))),
          sheet: p.sheet.name,
          headerRow: p.headerRow === null ? null : p.headerRow + 1,
          columns: p.columns.map((c) => ({ ...c, samples: columnSamples(p.sheet.rows, p.headerRow, c.column) })),
          mappingSource: p.mappingSource,
          fields: fieldsFor(kind).map((d) => ({ id: d.id, zh: d.zh, en: d.en, required: d.required })),
          rows,
          totals: {
            rows: p.mapped.items.length + p.mapped.rejected,
            good: p.mapped.items.length,
            rejected: p.mapped.rejected,
            skipped: p.mapped.skipped,
            new: count('new'),
            existing: p.mapped.items.length - count('new') - count('duplicate'),
          },
          issues: p.mapped.issues,
          nearMatches: near,
          nearPairs: { total: found.pairs.length, truncated: found.truncated },
        } satisfies ImportPreview;
      }),

    'nominations.import': (args, ctx) =>
      underJob(args.jobId, async (job) => {
        const upload = uploads.get(args.uploadId, args.campaignId);
        job.stage('mapping', 0.5);
        const p = await prepare(load(store, args.campaignId), upload, args, job);
        // The doc as it is now: another call may have changed it while the rows were mapped.
        const doc = load(store, args.campaignId);
        const importId = newId('i');
        const at = now().toISOString();
        const m = merge(doc, p, importId, () => newId('n'), at);
        const who = nominatorForMemory(p);
        let memory: MappingMemory | null = null;
        if (who && p.headerRow !== null && p.mapping.some((f) => f !== null)) {
          const mapping = memoryOf(p.columns, p.mapping);
          const key = nominatorKey(who);
          if (!sameValue(doc.mappings[key], mapping)) memory = { nominator: key, mapping };
        }
        const record: ImportRecord = {
          id: importId,
          file: upload.name,
          sha256: upload.sha256,
          size: upload.size,
          sheet: p.sheet.name,
          nominator: p.nominator || who,
          mapping: letters(p),
          at,
          actor: ctx.actor,
          imported: m.imported,
          updated: m.updated,
          unchanged: m.unchanged,
          rejected: p.mapped.rejected,
        };
        let saved: ImportRecord | null = null;
        if (m.upserts.length > 0 || memory) {
          job.stage('saving', 0.9);
          await store.commit(args.campaignId, { type: 'nominations.imported', import: record, upserts: m.upserts, memory }, ctx.actor);
          saved = record;
        }
        const after = load(store, args.campaignId);
        const sheets = upload.workbook.sheets.map((s) => sheetSummary(after.campaign.kind, s, memoriesFor(after, p.nominator)));
        return { imported: m.imported, updated: m.updated, unchanged: m.unchanged, duplicates: m.duplicates, rejected: p.mapped.rejected, issues: p.mapped.issues, import: saved, sheets } satisfies ImportReport;
      }),

    'nominations.list': async (args) => {
      const doc = await loadWarm(args.campaignId);
      const v = view(doc);
      const all = v.rows;
      const text = args.text ? normaliseKeyText(args.text) : '';
      const raw = args.text?.trim().toLowerCase() ?? '';
      const discipline = args.discipline ? normaliseKeyText(args.discipline) : null;
      const nominator = args.nominator ? nominatorKey(args.nominator) : null;
      const filtered = all.filter((r) => {
        if (args.status && r.status !== args.status) return false;
        if (discipline !== null && normaliseKeyText(typeof r.fields.discipline === 'string' ? r.fields.discipline : '') !== discipline) return false;
        if (nominator !== null && !r.nominators.some((x) => nominatorKey(x) === nominator)) return false;
        if (raw) {
          const doi = typeof r.fields.doi === 'string' ? r.fields.doi : '';
          const hay = [r.label, r.key, doi, ...r.nominators];
          if (!hay.some((h) => h.toLowerCase().includes(raw) || (text !== '' && normaliseKeyText(h).includes(text)))) return false;
        }
        return true;
      });
      const disciplines = new Set<string>();
      const nominators = new Set<string>();
      const statuses: Record<NominationStatus, number> = { eligible: 0, attention: 0, ineligible: 0 };
      for (const r of all) {
        if (typeof r.fields.discipline === 'string') disciplines.add(r.fields.discipline);
        for (const x of r.nominators) nominators.add(x);
        statuses[r.status]++;
      }
      const sort = (s: Set<string>) => [...s].sort((a, b) => a.localeCompare(b, 'zh-CN'));
      return {
        total: filtered.length,
        items: filtered.slice(args.offset, args.offset + args.limit),
        facets: { disciplines: sort(disciplines), nominators: sort(nominators), statuses },
        nearPairs: v.nearPairs,
      } satisfies NominationList;
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
      underJob(jobId, async (job) => {
        const doc = await loadWarm(campaignId);
        job.check();
        const rows = view(doc).rows;
        job.check();
        const bytes = await write({ what: 'nominations', kind: doc.campaign.kind, campaignName: doc.campaign.name, rows }, job);
        const safeName = [...doc.campaign.name].map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch)).join('').slice(0, 80);
        return { name: `${safeName}-推荐名单-${isoDay(now())}.xlsx`, bytes };
      }, 'gathering'),

    'nominations.exportRejected': (args) =>
      underJob(args.jobId, async (job) => {
        const doc = load(store, args.campaignId);
        const upload = uploads.get(args.uploadId, args.campaignId);
        const p = await prepare(doc, upload, args, job);
        const byRow = new Map<number, ImportIssue[]>();
        for (const i of p.mapped.issues) {
          if (p.headerRow !== null && i.row <= p.headerRow + 1) continue;
          const l = byRow.get(i.row) ?? [];
          l.push(i);
          byRow.set(i.row, l);
        }
        const rows = [...byRow.entries()]
          .sort(([a], [b]) => a - b)
          .map(([row, issues]) => ({ row, cells: p.sheet.rows[row - 1] ?? [], rejected: issues.some((i) => i.severity === 'error'), issues }));
        const header = p.headerRow === null ? [] : (p.sheet.rows[p.headerRow] ?? []);
        const bytes = await write({ what: 'problems', kind: doc.campaign.kind, sheetName: p.sheet.name, header, rows }, job);
        const base = upload.name.replace(/\.[a-z0-9]{1,5}$/i, '');
        return { name: `${base}-需修改.xlsx`, bytes };
      }, 'gathering'),

    'jobs.progress': ({ jobId }) => jobs.progress(jobId),
    'jobs.cancel': ({ jobId }) => jobs.cancel(jobId),
  };
  return { ...handlers, jobs };
}
