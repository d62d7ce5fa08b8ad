import type { HistoryEntry } from '../campaign/history.ts';
import { ReplayError, type Outcome, type Slice } from '../campaign/slice.ts';
import type { SetupPart } from '../setup/slice.ts';
import type { CriterionScores } from './total.ts';

/**
 * The scoring step's part of the doc (since schema 6): the score sheets sent out and what came back, every
 * expert's answers, the experts' enrolled keys, and — on an expert's laptop — the packet that made the workstation
 * theirs. Changes are named `scoring.*`, `sheet.*` and `score.*`.
 */

export type SignatureState = 'valid' | 'missing' | 'invalid';
export type KeyState = 'enrolled' | 'new' | 'changed' | 'none';

/** Where an answer came from (history and the board say it in words). */
export type AnswerSource =
  | { readonly kind: 'sheet'; readonly sheetId: string; readonly seq: number; readonly signature: 'valid' | 'missing' }
  | { readonly kind: 'workstation' }
  /** Typed in by the secretary from a paper sheet (代录); `by` the person, doubleEntry: typed twice and compared. */
  | { readonly kind: 'paper'; readonly by: string; readonly doubleEntry: boolean };

/** One expert's answer on one nomination. */
export interface Answer {
  readonly expertId: string;
  readonly itemId: string;
  readonly scores: CriterionScores;
  readonly comment: string;
  /** The expert declared a conflict (回避): no scores count. */
  readonly recused: boolean;
  readonly source: AnswerSource;
  /** When it was recorded, by the recording workstation's clock (never used to order answers). */
  readonly at: string;
}

/** One return of a sheet, as the secretary's workstation judged it. */
export interface SheetReturn {
  readonly at: string;
  /** The file's name as it arrived. */
  readonly file: string;
  /** SHA-256 of the file's bytes. */
  readonly digest: string;
  readonly seq: number;
  readonly signature: SignatureState;
  readonly key: KeyState;
  readonly accepted: boolean;
  /** The decision's outcome code (shared/scoring/decide.ts): accepted, held-unsigned, refused-tampered… */
  readonly outcome: string;
}

/** A score sheet sent to an expert. */
export interface SheetRecord {
  readonly id: string;
  readonly expertId: string;
  /** The nominations on it, in the sheet's row order. */
  readonly itemIds: readonly string[];
  readonly issuedAt: string;
  /** A sheet for items another expert's recusal left short (its own id, beside the expert's first sheet). */
  readonly supplementary: boolean;
  /** SHA-256 of the canonical package payload the secretary signed. */
  readonly packageDigest: string;
  /** withdrawn: replaced by another sheet (the expert replaced, the sheet issued again). */
  readonly status: 'issued' | 'withdrawn';
  /** The highest sequence number accepted from this sheet; -1 before any return. */
  readonly seq: number;
  readonly returns: readonly SheetReturn[];
}

/** An expert's public key, enrolled by their first signed sheet (or trusted by the secretary). */
export interface KeyRecord {
  readonly expertId: string;
  /** base64 SPKI DER. */
  readonly publicKey: string;
  readonly fingerprint: string;
  readonly at: string;
}

/** One nomination as an expert's packet shows it: the reviewer's fields only, already in words. */
export interface PacketItem {
  readonly id: string;
  readonly label: string;
  readonly fields: readonly { readonly name: string; readonly nameEn: string; readonly value: string }[];
}

/** On an expert's laptop: the sheet that made this workstation theirs for this campaign. */
export interface ExpertPacket {
  readonly expertId: string;
  readonly expertName: string;
  /** 专家A… as the secretary's panel named them (the file's name). */
  readonly code: string;
  readonly sheetId: string;
  readonly items: readonly PacketItem[];
  /** The sequence number of the last submission; the next one is this + 1. */
  readonly seq: number;
  readonly secretary: { readonly name: string; readonly fingerprint: string; readonly publicKey: string };
  /** The package as the secretary signed it, and their signature: written back into every submitted sheet. */
  readonly packageText: string;
  readonly packageSignature: string;
  readonly packageDigest: string;
  readonly submittedAt: string | null;
}

export interface ScoringState {
  readonly sheets: readonly SheetRecord[];
  readonly answers: readonly Answer[];
  /** Scoring closed: sheets arriving now are recorded, not counted. */
  readonly closed: boolean;
  readonly keys: readonly KeyRecord[];
  readonly mine: ExpertPacket | null;
}

export interface ScoringPart {
  readonly scoring: ScoringState;
}

export type ScoringChange =
  /** Sheets sent out (an export); a sheet listed in `withdraw` is replaced by a new one for the same expert. */
  | { readonly type: 'sheets.issued'; readonly sheets: readonly SheetRecord[]; readonly withdraw: readonly string[] }
  /** A returned sheet judged: its return recorded; when accepted, its answers replace that expert's, and a key may be enrolled. */
  | { readonly type: 'sheet.returned'; readonly sheetId: string; readonly return: SheetReturn; readonly answers: readonly Answer[]; readonly enrol: KeyRecord | null }
  /** One answer edited on the expert's workstation, or typed in from paper: the whole answer after the edit. */
  | { readonly type: 'score.edited'; readonly answer: Answer; readonly label: string }
  /** Paper entry of a whole sheet (代录). */
  | { readonly type: 'score.entered'; readonly expertId: string; readonly answers: readonly Answer[] }
  /** The expert's workstation takes a sheet: the packet (and its answers, if the sheet came back answered). */
  | { readonly type: 'scoring.opened'; readonly packet: ExpertPacket; readonly answers: readonly Answer[] }
  /** The expert submitted: the sheet went out with this sequence number. */
  | { readonly type: 'sheet.submitted'; readonly sheetId: string; readonly seq: number; readonly at: string }
  | { readonly type: 'scoring.closed'; readonly closed: boolean }
  /** A key trusted by hand (the secretary confirmed its fingerprint), replacing any key the expert had. */
  | { readonly type: 'scoring.key-trusted'; readonly key: KeyRecord };

type Changes = HistoryEntry['changes'][number][];

export const emptyScoring: ScoringState = { sheets: [], answers: [], closed: false, keys: [], mine: null };

const answerKey = (expertId: string, itemId: string): string => `${expertId}\u0000${itemId}`;

const answerPositions = new WeakMap<readonly Answer[], ReadonlyMap<string, number>>();

/** Position of each answer by (expert, item), cached per array, so that an edit costs one copy, never a search per answer. */
function answerIndex(list: readonly Answer[]): ReadonlyMap<string, number> {
  let idx = answerPositions.get(list);
  if (!idx) {
    const m = new Map<string, number>();
    list.forEach((a, i) => m.set(answerKey(a.expertId, a.itemId), i));
    idx = m;
    answerPositions.set(list, idx);
  }
  return idx;
}

function upsertAnswers(list: readonly Answer[], next: readonly Answer[]): readonly Answer[] {
  const idx = new Map(answerIndex(list));
  const out = list.slice();
  for (const a of next) {
    const k = answerKey(a.expertId, a.itemId);
    const i = idx.get(k);
    if (i === undefined) {
      idx.set(k, out.length);
      out.push(a);
    } else out[i] = a;
  }
  answerPositions.set(out, idx);
  return out;
}

/** History lines for answers that changed: score by score, comment and recusal, before and after. */
export function answerChanges(before: (Answer | undefined)[], after: readonly Answer[]): Changes {
  const out: Changes = [];
  after.forEach((a, i) => {
    const b = before[i];
    const base = `scores.${a.itemId}.${a.expertId}`;
    for (const c of new Set([...Object.keys(b?.scores ?? {}), ...Object.keys(a.scores)])) {
      const x = b?.scores[c] ?? null;
      const y = a.scores[c] ?? null;
      if (x !== y) out.push({ key: `${base}.${c}`, before: x, after: y });
    }
    if ((b?.comment ?? '') !== a.comment) out.push({ key: `${base}.comment`, before: b?.comment ?? null, after: a.comment });
    if ((b?.recused ?? false) !== a.recused) out.push({ key: `${base}.recused`, before: b?.recused ?? false, after: a.recused });
  });
  return out;
}

function findSheetOrThrow(s: ScoringState, id: string, seq: number): SheetRecord {
  const sheet = s.sheets.find((x) => x.id === id);
  if (!sheet) throw new ReplayError(`entry ${seq}: no score sheet ${id}`);
  return sheet;
}

function withAnswers(s: ScoringState, answers: readonly Answer[]): { answers: readonly Answer[]; changes: Changes } {
  const idx = answerIndex(s.answers);
  const before = answers.map((a) => {
    const i = idx.get(answerKey(a.expertId, a.itemId));
    return i === undefined ? undefined : s.answers[i];
  });
  return { answers: upsertAnswers(s.answers, answers), changes: answerChanges(before, answers) };
}

function reduceScoring(s: ScoringState, change: ScoringChange, seq: number): Outcome<ScoringPart> {
  const put = (next: Partial<ScoringState>, changes: Changes): Outcome<ScoringPart> => ({ state: { scoring: { ...s, ...next } }, line: { changes } });
  switch (change.type) {
    case 'sheets.issued': {
      const ids = new Set(s.sheets.map((x) => x.id));
      for (const sh of change.sheets) if (ids.has(sh.id)) throw new ReplayError(`entry ${seq}: score sheet ${sh.id} issued twice`);
      const withdraw = new Set(change.withdraw);
      const sheets = [...s.sheets.map((x) => (withdraw.has(x.id) ? { ...x, status: 'withdrawn' as const } : x)), ...change.sheets];
      return put({ sheets }, [
        ...change.sheets.map((sh) => ({ key: `sheets.${sh.id}`, before: null, after: { expertId: sh.expertId, items: sh.itemIds.length, supplementary: sh.supplementary } })),
        ...change.withdraw.map((id) => ({ key: `sheets.${id}.status`, before: 'issued', after: 'withdrawn' })),
      ]);
    }
    case 'sheet.returned': {
      const sheet = findSheetOrThrow(s, change.sheetId, seq);
      for (const a of change.answers) if (a.expertId !== sheet.expertId) throw new ReplayError(`entry ${seq}: an answer of another expert on sheet ${sheet.id}`);
      const r = change.return;
      const next: SheetRecord = { ...sheet, returns: [...sheet.returns, r], seq: r.accepted ? Math.max(sheet.seq, r.seq) : sheet.seq };
      const sheets = s.sheets.map((x) => (x.id === sheet.id ? next : x));
      const { answers, changes } = r.accepted ? withAnswers(s, change.answers) : { answers: s.answers, changes: [] };
      const keys = change.enrol ? [...s.keys.filter((k) => k.expertId !== change.enrol!.expertId), change.enrol] : s.keys;
      const head: Changes = [{ key: `sheets.${sheet.id}.return`, before: null, after: { file: r.file, seq: r.seq, signature: r.signature, key: r.key, outcome: r.outcome } }];
      if (change.enrol) head.push({ key: `keys.${change.enrol.expertId}`, before: s.keys.find((k) => k.expertId === change.enrol!.expertId)?.fingerprint ?? null, after: change.enrol.fingerprint });
      return put({ sheets, answers, keys }, [...head, ...changes]);
    }
    case 'score.edited': {
      const { answers, changes } = withAnswers(s, [change.answer]);
      const label = s.mine?.items.find((i) => i.id === change.answer.itemId)?.label ?? change.label;
      return { state: { scoring: { ...s, answers } }, line: { changes, subject: { id: change.answer.itemId, label } } };
    }
    case 'score.entered': {
      for (const a of change.answers) if (a.expertId !== change.expertId) throw new ReplayError(`entry ${seq}: paper entry mixes experts`);
      const { answers, changes } = withAnswers(s, change.answers);
      // Who typed the paper sheet in, and whether a second person typed it again (the answers carry it too).
      const source = change.answers.find((a) => a.source.kind === 'paper')?.source;
      const head: Changes = source?.kind === 'paper'
        ? [{ key: `paper.${change.expertId}`, before: null, after: source.by }, ...(source.doubleEntry ? [{ key: `paper.${change.expertId}.doubleEntry`, before: null, after: true }] : [])]
        : [];
      return put({ answers }, [...head, ...changes]);
    }
    case 'scoring.opened': {
      const { answers, changes } = withAnswers({ ...s, answers: s.answers.filter((a) => a.expertId === change.packet.expertId) }, change.answers);
      return put({ mine: change.packet, answers }, [{ key: 'scoring.mine', before: s.mine ? s.mine.sheetId : null, after: change.packet.sheetId }, ...changes]);
    }
    case 'sheet.submitted': {
      if (!s.mine || s.mine.sheetId !== change.sheetId) throw new ReplayError(`entry ${seq}: sheet ${change.sheetId} is not this workstation's`);
      if (change.seq <= s.mine.seq) throw new ReplayError(`entry ${seq}: submission ${change.seq} does not follow ${s.mine.seq}`);
      return put({ mine: { ...s.mine, seq: change.seq, submittedAt: change.at } }, [{ key: `sheets.${change.sheetId}.seq`, before: s.mine.seq, after: change.seq }]);
    }
    case 'scoring.closed':
      return put({ closed: change.closed }, [{ key: 'scoring.closed', before: s.closed, after: change.closed }]);
    case 'scoring.key-trusted': {
      const had = s.keys.find((k) => k.expertId === change.key.expertId);
      return put({ keys: [...s.keys.filter((k) => k.expertId !== change.key.expertId), change.key] }, [{ key: `keys.${change.key.expertId}`, before: had?.fingerprint ?? null, after: change.key.fingerprint }]);
    }
  }
}

export const scoringSlice: Slice<ScoringPart, ScoringChange, SetupPart> = {
  step: 'scoring',
  changeTypes: ['sheets.issued', 'sheet.returned', 'score.edited', 'score.entered', 'scoring.opened', 'sheet.submitted', 'scoring.closed', 'scoring.key-trusted'],
  initial: () => ({ scoring: emptyScoring }),
  reduce(doc, change, { seq }) {
    if (!doc) throw new ReplayError(`entry ${seq}: no campaign to change`);
    return reduceScoring(doc.scoring ?? emptyScoring, change, seq);
  },
  migrations: {
    // 5 → 6: scoring arrives: no sheets, no answers, open. What a partly written doc has is kept if it has the shape.
    5: (doc) => {
      const s = doc.scoring as Partial<ScoringState> | undefined;
      const ok = s !== null && typeof s === 'object' && !Array.isArray(s);
      return {
        ...doc,
        scoring: {
          sheets: ok && Array.isArray(s.sheets) ? s.sheets : [],
          answers: ok && Array.isArray(s.answers) ? s.answers : [],
          closed: ok && typeof s.closed === 'boolean' ? s.closed : false,
          keys: ok && Array.isArray(s.keys) ? s.keys : [],
          mine: ok && s.mine !== undefined ? s.mine : null,
        },
      };
    },
  },
  words: {
    'zh-CN': {
      'sheets.issued': '发出评分表',
      'sheet.returned': '收回评分表',
      'score.edited': '修改评分',
      'score.entered': '代录纸质评分',
      'scoring.opened': '打开评分表',
      'sheet.submitted': '提交评分表',
      'scoring.closed': '函评截止',
      'scoring.key-trusted': '确认专家密钥',
    },
    en: {
      'sheets.issued': 'Score sheets sent',
      'sheet.returned': 'Score sheet returned',
      'score.edited': 'Score edited',
      'score.entered': 'Paper scores typed in',
      'scoring.opened': 'Score sheet opened',
      'sheet.submitted': 'Score sheet submitted',
      'scoring.closed': 'Scoring closed',
      'scoring.key-trusted': 'Expert key trusted',
    },
  },
};

/** Read helpers for later steps (results, meeting). */
export function answersOf(doc: ScoringPart): readonly Answer[] {
  return doc.scoring.answers;
}

/** The answers that count: not recused. */
export function scoredRows(doc: ScoringPart): { itemId: string; expertId: string; scores: CriterionScores }[] {
  return doc.scoring.answers.filter((a) => !a.recused).map((a) => ({ itemId: a.itemId, expertId: a.expertId, scores: a.scores }));
}

export function recusalsOf(doc: ScoringPart): { itemId: string; expertId: string }[] {
  return doc.scoring.answers.filter((a) => a.recused).map((a) => ({ itemId: a.itemId, expertId: a.expertId }));
}

export function findAnswer(doc: ScoringPart, expertId: string, itemId: string): Answer | undefined {
  const i = answerIndex(doc.scoring.answers).get(answerKey(expertId, itemId));
  return i === undefined ? undefined : doc.scoring.answers[i];
}

export function sheetsOf(doc: ScoringPart): readonly SheetRecord[] {
  return doc.scoring.sheets;
}

export function enrolledKey(doc: ScoringPart, expertId: string): KeyRecord | undefined {
  return doc.scoring.keys.find((k) => k.expertId === expertId);
}
