import type { Criterion } from '../campaign/model.ts';
import type { AnswerPayload, SheetPackage } from './payload.ts';
import type { Answer, KeyRecord, KeyState, SheetRecord, SignatureState } from './slice.ts';
import { checkScore, type ScoreProblem } from './validate.ts';

/**
 * The decision on a returned score sheet: a pure function over what was read from the file (main checks the
 * signatures, which needs crypto, and passes their states in) and what the campaign knows. Every refusal and every
 * hold has its code; every problem on a cell has its row and column.
 */

export const OUTCOMES = [
  'ACCEPTED_SIGNED',
  'ACCEPTED_UNSIGNED',
  /** Nothing new: the same answers at the same sequence number. */
  'UNCHANGED',
  /** Signed by a key never seen for this expert: the secretary confirms its fingerprint (--trust). */
  'HELD_NEW_KEY',
  /** Signed by another key than the one enrolled for this expert: loud, confirmed by hand or refused. */
  'HELD_KEY_CHANGED',
  /** No signature from an expert whose key is enrolled: the signature may have been stripped. */
  'HELD_SIGNATURE_STRIPPED',
  'REFUSED_NOT_A_SHEET',
  'REFUSED_OTHER_CAMPAIGN',
  'REFUSED_UNKNOWN_SHEET',
  /** The hidden package does not match its signature (or this workstation's records of the sheet). */
  'REFUSED_PACKAGE_TAMPERED',
  'REFUSED_PACKAGE_UNSIGNED',
  /** The signed answer does not match its signature. */
  'REFUSED_ANSWER_TAMPERED',
  /** A visible cell differs from the signed answer. */
  'REFUSED_VISIBLE_CHANGED',
  /** The answer belongs to another expert's sheet, or is signed by another expert's key. */
  'REFUSED_SWAPPED',
  /** An older submission arrived after a newer one. */
  'REFUSED_OLDER_SEQ',
  /** A different signed answer under a sequence number already accepted. */
  'REFUSED_SEQ_REUSED',
  'REFUSED_SCORING_CLOSED',
  /** The sheet was withdrawn (the expert replaced, the sheet issued again). */
  'REFUSED_SHEET_WITHDRAWN',
  'REFUSED_EXPERT_REPLACED',
] as const;
export type OutcomeCode = (typeof OUTCOMES)[number];
export type Verdict = 'accepted' | 'unchanged' | 'held' | 'refused';

export type CellIssueCode = ScoreProblem['code'] | 'SCORE_MISSING' | 'NOT_ASSIGNED' | 'ITEM_WITHDRAWN' | 'NOT_ON_SHEET' | 'RECUSE_UNCLEAR' | 'VISIBLE_DIFFERS' | 'ROW_MISSING';

export interface CellIssue {
  /** The row number Excel shows; 0 when the issue is about an item with no row. */
  readonly row: number;
  readonly column: string;
  readonly itemId: string | null;
  readonly criterionId: string | null;
  readonly code: CellIssueCode;
  readonly values: Readonly<Record<string, string | number | boolean | null>>;
}

/** One row of the visible sheet, as read: raw cell values. */
export interface VisibleRow {
  readonly row: number;
  /** The 序号 cell: the 1-based position of the item in the package's list. */
  readonly no: unknown;
  readonly cells: Readonly<Record<string, unknown>>;
  readonly comment: unknown;
  readonly recused: unknown;
}

export interface VisibleColumns {
  readonly no: string;
  readonly criteria: Readonly<Record<string, string>>;
  readonly comment: string;
  readonly recused: string;
}

export interface IncomingSheet {
  readonly file: string;
  readonly digest: string;
  /** The package read from the hidden sheet; null when the workbook has none (not a PanelDesk score sheet). */
  readonly pkg: SheetPackage | null;
  readonly packageSignature: SignatureState;
  readonly answer: AnswerPayload | null;
  readonly answerSignature: SignatureState;
  readonly signer: { readonly publicKey: string; readonly fingerprint: string } | null;
  /** The sequence number the hidden sheet states (unsigned sheets: as the secretary or the last submission left it). */
  readonly metaSeq: number;
  readonly rows: readonly VisibleRow[];
  readonly columns: VisibleColumns;
}

export interface SheetContext {
  readonly campaignId: string;
  readonly criteria: readonly Criterion[];
  readonly closed: boolean;
  readonly sheets: readonly SheetRecord[];
  readonly expertOnPanel: (expertId: string) => boolean;
  /** The nominations assigned to the expert now. */
  readonly assigned: (expertId: string) => ReadonlySet<string>;
  /** Nominations still in the campaign (not withdrawn or merged away). */
  readonly live: (itemId: string) => boolean;
  readonly keys: readonly KeyRecord[];
  readonly current: (expertId: string) => readonly Answer[];
  /** A fingerprint the secretary confirmed for this import (--trust). */
  readonly trust: string | null;
  /** The secretary accepts a held unsigned sheet of an enrolled expert, knowingly. */
  readonly acceptUnsigned: boolean;
  readonly at: string;
}

export interface Decision {
  readonly verdict: Verdict;
  readonly outcome: OutcomeCode;
  readonly expertId: string | null;
  readonly sheetId: string | null;
  readonly packageSignature: SignatureState;
  readonly signature: SignatureState;
  readonly key: KeyState;
  readonly fingerprint: string | null;
  readonly seq: number;
  /** The answers to record when accepted (items on the sheet and still assigned). */
  readonly answers: readonly Answer[];
  readonly issues: readonly CellIssue[];
  readonly enrol: KeyRecord | null;
}

const YES = new Set(['是', '回避', 'y', 'yes', 'true', '1', '√', '✓', '✔', 'x', '是 yes']);
const NO = new Set(['', '否', 'n', 'no', 'false', '0', '否 no']);

function readRecused(raw: unknown): boolean | null {
  if (raw === null || raw === undefined) return false;
  if (typeof raw === 'boolean') return raw;
  const t = String(raw).trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

const text = (raw: unknown): string => (raw === null || raw === undefined ? '' : String(raw)).trim();

interface Read {
  readonly itemId: string;
  readonly row: number;
  readonly scores: Record<string, number | null>;
  readonly comment: string;
  readonly recused: boolean;
}

/** The visible rows as answers (by the 序号 that ties each row to the package's list), with the problems per cell. */
function readVisible(pkg: SheetPackage, rows: readonly VisibleRow[], cols: VisibleColumns, criteria: readonly Criterion[], issues: CellIssue[]): Map<string, Read> {
  const out = new Map<string, Read>();
  for (const r of rows) {
    const n = typeof r.no === 'number' ? r.no : Number(text(r.no));
    const itemId = Number.isInteger(n) && n >= 1 && n <= pkg.itemIds.length ? pkg.itemIds[n - 1]! : null;
    if (!itemId || out.has(itemId)) {
      issues.push({ row: r.row, column: cols.no, itemId: null, criterionId: null, code: 'NOT_ON_SHEET', values: { no: text(r.no) } });
      continue;
    }
    const scores: Record<string, number | null> = {};
    for (const c of criteria) {
      const check = checkScore(c, r.cells[c.id]);
      if (check.ok) scores[c.id] = check.value;
      else {
        scores[c.id] = null;
        issues.push({ row: r.row, column: cols.criteria[c.id] ?? '', itemId, criterionId: c.id, code: check.problem.code, values: check.problem.values });
      }
    }
    let recused = readRecused(r.recused);
    if (recused === null) {
      issues.push({ row: r.row, column: cols.recused, itemId, criterionId: null, code: 'RECUSE_UNCLEAR', values: { text: text(r.recused).slice(0, 40) } });
      recused = false;
    }
    out.set(itemId, { itemId, row: r.row, scores, comment: text(r.comment), recused });
  }
  return out;
}

const sameScores = (a: Readonly<Record<string, number | null | undefined>>, b: Readonly<Record<string, number | null | undefined>>, criteria: readonly Criterion[]): boolean =>
  criteria.every((c) => (a[c.id] ?? null) === (b[c.id] ?? null));

export function decideSheet(inc: IncomingSheet, ctx: SheetContext): Decision {
  const issues: CellIssue[] = [];
  const base = {
    expertId: inc.pkg?.expertId ?? null,
    sheetId: inc.pkg?.sheetId ?? null,
    packageSignature: inc.packageSignature,
    signature: inc.answerSignature,
    key: (inc.signer ? 'new' : 'none') as KeyState,
    fingerprint: inc.signer?.fingerprint ?? null,
    seq: inc.answer?.seq ?? inc.metaSeq,
    answers: [] as Answer[],
    issues,
    enrol: null as KeyRecord | null,
  };
  const done = (verdict: Verdict, outcome: OutcomeCode, extra: Partial<Decision> = {}): Decision => ({ ...base, ...extra, verdict, outcome });
  const refuse = (outcome: OutcomeCode, extra: Partial<Decision> = {}) => done('refused', outcome, extra);

  const pkg = inc.pkg;
  if (!pkg) return refuse('REFUSED_NOT_A_SHEET');
  if (pkg.campaignId !== ctx.campaignId) return refuse('REFUSED_OTHER_CAMPAIGN');
  if (inc.packageSignature === 'invalid') return refuse('REFUSED_PACKAGE_TAMPERED');
  if (inc.packageSignature === 'missing') return refuse('REFUSED_PACKAGE_UNSIGNED');
  const sheet = ctx.sheets.find((s) => s.id === pkg.sheetId);
  if (!sheet) return refuse('REFUSED_UNKNOWN_SHEET');
  if (sheet.expertId !== pkg.expertId) return refuse('REFUSED_SWAPPED');
  if (sheet.itemIds.length !== pkg.itemIds.length || sheet.itemIds.some((id, i) => pkg.itemIds[i] !== id)) return refuse('REFUSED_PACKAGE_TAMPERED');
  if (inc.answerSignature === 'invalid') return refuse('REFUSED_ANSWER_TAMPERED');

  // Whose key signed, and is it the one we know for this expert?
  const enrolled = ctx.keys.find((k) => k.expertId === pkg.expertId);
  let key: KeyState = 'none';
  let enrol: KeyRecord | null = null;
  const signed = inc.answerSignature === 'valid' && inc.answer !== null && inc.signer !== null;
  if (signed) {
    const a = inc.answer!;
    const signer = inc.signer!;
    if (a.campaignId !== pkg.campaignId || a.expertId !== pkg.expertId || a.sheetId !== pkg.sheetId || a.packageDigest !== sheet.packageDigest) return refuse('REFUSED_SWAPPED');
    const owner = ctx.keys.find((k) => k.fingerprint === signer.fingerprint);
    if (owner && owner.expertId !== pkg.expertId) return refuse('REFUSED_SWAPPED', { key: 'changed' });
    key = !enrolled ? 'new' : enrolled.fingerprint === signer.fingerprint ? 'enrolled' : 'changed';
    if (key !== 'enrolled') {
      if (ctx.trust !== signer.fingerprint) return done('held', key === 'new' ? 'HELD_NEW_KEY' : 'HELD_KEY_CHANGED', { key });
      enrol = { expertId: pkg.expertId, publicKey: signer.publicKey, fingerprint: signer.fingerprint, at: ctx.at };
    }
  } else if (enrolled && !ctx.acceptUnsigned) {
    return done('held', 'HELD_SIGNATURE_STRIPPED', { key: 'none', signature: 'missing' });
  }
  const withKey = { key, enrol, signature: (signed ? 'valid' : 'missing') as SignatureState };

  if (ctx.closed) return refuse('REFUSED_SCORING_CLOSED', withKey);
  if (sheet.status === 'withdrawn') return refuse('REFUSED_SHEET_WITHDRAWN', withKey);
  if (!ctx.expertOnPanel(pkg.expertId)) return refuse('REFUSED_EXPERT_REPLACED', withKey);
  const seq = signed ? inc.answer!.seq : inc.metaSeq;
  if (seq < sheet.seq) return refuse('REFUSED_OLDER_SEQ', { ...withKey, seq });

  const visible = readVisible(pkg, inc.rows, inc.columns, ctx.criteria, issues);
  // What counts: the signed answer when there is one (every visible cell must agree with it), else the cells.
  let given: Map<string, Omit<Read, 'row'> & { row: number }>;
  if (signed) {
    given = new Map();
    const differs: CellIssue[] = [];
    for (const item of inc.answer!.items) {
      const v = visible.get(item.id);
      const row = v?.row ?? 0;
      if (!v) {
        differs.push({ row: 0, column: '', itemId: item.id, criterionId: null, code: 'ROW_MISSING', values: {} });
        continue;
      }
      for (const c of ctx.criteria) {
        const s = item.scores[c.id] ?? null;
        if ((v.scores[c.id] ?? null) !== s) differs.push({ row, column: inc.columns.criteria[c.id] ?? '', itemId: item.id, criterionId: c.id, code: 'VISIBLE_DIFFERS', values: { visible: v.scores[c.id] ?? null, signed: s } });
      }
      if (v.comment !== item.comment.trim()) differs.push({ row, column: inc.columns.comment, itemId: item.id, criterionId: null, code: 'VISIBLE_DIFFERS', values: { visible: v.comment, signed: item.comment } });
      if (v.recused !== item.recused) differs.push({ row, column: inc.columns.recused, itemId: item.id, criterionId: null, code: 'VISIBLE_DIFFERS', values: { visible: v.recused, signed: item.recused } });
      given.set(item.id, { itemId: item.id, row, scores: { ...item.scores } as Record<string, number | null>, comment: item.comment, recused: item.recused });
    }
    for (const id of visible.keys()) if (!given.has(id)) differs.push({ row: visible.get(id)!.row, column: inc.columns.no, itemId: id, criterionId: null, code: 'VISIBLE_DIFFERS', values: { visible: true, signed: false } });
    if (differs.length > 0) {
      issues.push(...differs);
      return refuse('REFUSED_VISIBLE_CHANGED', { ...withKey, seq });
    }
  } else given = visible;

  // The answers: items on the sheet, still assigned and still in the campaign; every cell's problem reported.
  const assigned = ctx.assigned(pkg.expertId);
  const current = new Map(ctx.current(pkg.expertId).map((a) => [a.itemId, a]));
  const answers: Answer[] = [];
  const source = { kind: 'sheet' as const, sheetId: sheet.id, seq, signature: (signed ? 'valid' : 'missing') as 'valid' | 'missing' };
  for (const itemId of pkg.itemIds) {
    const g = given.get(itemId);
    const row = g?.row ?? 0;
    const hasContent = g !== undefined && (g.recused || g.comment !== '' || ctx.criteria.some((c) => g.scores[c.id] !== null && g.scores[c.id] !== undefined));
    if (!ctx.live(itemId)) {
      if (hasContent) issues.push({ row, column: inc.columns.no, itemId, criterionId: null, code: 'ITEM_WITHDRAWN', values: {} });
      continue;
    }
    if (!assigned.has(itemId)) {
      if (hasContent) issues.push({ row, column: inc.columns.no, itemId, criterionId: null, code: 'NOT_ASSIGNED', values: {} });
      continue;
    }
    if (!g || !hasContent) {
      if (!current.has(itemId)) {
        for (const c of ctx.criteria) {
          if (!issues.some((i) => i.itemId === itemId && i.criterionId === c.id)) issues.push({ row, column: inc.columns.criteria[c.id] ?? '', itemId, criterionId: c.id, code: 'SCORE_MISSING', values: {} });
        }
        continue;
      }
    }
    const scores: Record<string, number | null> = {};
    for (const c of ctx.criteria) {
      const raw = g?.scores[c.id] ?? null;
      // A signed value is checked like a typed one: the rubric may have changed, a value must still fit it.
      const check = raw === null ? { ok: true as const, value: null } : checkScore(c, raw);
      if (!check.ok) issues.push({ row, column: inc.columns.criteria[c.id] ?? '', itemId, criterionId: c.id, code: check.problem.code, values: check.problem.values });
      scores[c.id] = check.ok ? check.value : null;
    }
    if (!(g?.recused ?? false)) {
      for (const c of ctx.criteria) {
        if (scores[c.id] === null && !issues.some((i) => i.itemId === itemId && i.criterionId === c.id)) {
          issues.push({ row, column: inc.columns.criteria[c.id] ?? '', itemId, criterionId: c.id, code: 'SCORE_MISSING', values: {} });
        }
      }
    }
    answers.push({ expertId: pkg.expertId, itemId, scores, comment: g?.comment ?? '', recused: g?.recused ?? false, source, at: ctx.at });
  }

  const unchanged = seq === sheet.seq && answers.every((a) => {
    const c = current.get(a.itemId);
    return c !== undefined && c.comment === a.comment && c.recused === a.recused && sameScores(c.scores, a.scores, ctx.criteria);
  });
  if (unchanged) return done('unchanged', 'UNCHANGED', { ...withKey, seq, answers: [] });
  if (signed && seq === sheet.seq) return refuse('REFUSED_SEQ_REUSED', { ...withKey, seq });
  return done('accepted', signed ? 'ACCEPTED_SIGNED' : 'ACCEPTED_UNSIGNED', { ...withKey, seq, answers });
}
