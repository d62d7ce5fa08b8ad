import type { Criterion } from '../campaign/model.ts';
import { canonicalJson } from '../signing/canonical.ts';
import type { CriterionScores } from './total.ts';

/**
 * What the signatures on a score sheet cover, in canonical form (RFC 8785): the secretary's package (which campaign,
 * which expert, which sheet, which nominations, which rubric) and the expert's answer (every score and comment, with
 * the sheet's id and sequence number). The visible cells are compared with the signed answer on import, so saving the
 * file again in Excel keeps the signature good, and changing a cell is caught.
 */
export const SHEET_FORMAT = 1;

export interface PackageCriterion {
  readonly id: string;
  readonly weight: number;
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export interface SheetPackage {
  readonly kind: 'score-sheet';
  readonly format: number;
  readonly campaignId: string;
  readonly campaignName: string;
  readonly expertId: string;
  readonly expertName: string;
  readonly expertCode: string;
  readonly sheetId: string;
  readonly supplementary: boolean;
  readonly itemIds: readonly string[];
  readonly criteria: readonly PackageCriterion[];
  readonly issuedAt: string;
}

export interface AnswerItem {
  readonly id: string;
  readonly scores: CriterionScores;
  readonly comment: string;
  readonly recused: boolean;
}

export interface AnswerPayload {
  readonly kind: 'score-answer';
  readonly format: number;
  readonly campaignId: string;
  readonly expertId: string;
  readonly sheetId: string;
  readonly seq: number;
  /** SHA-256 of the package payload the answer was given on. */
  readonly packageDigest: string;
  readonly items: readonly AnswerItem[];
}

export const packageCriteria = (criteria: readonly Criterion[]): PackageCriterion[] => criteria.map((c) => ({ id: c.id, weight: c.weight, min: c.min, max: c.max, step: c.step }));

export function packagePayload(p: SheetPackage): string {
  return canonicalJson(p);
}

/** Every criterion present in every item (null when empty), so that an empty cell and a missing key sign alike. */
export function answerPayload(a: AnswerPayload, criteria: readonly Pick<PackageCriterion, 'id'>[]): string {
  const items = a.items.map((i) => ({ ...i, scores: Object.fromEntries(criteria.map((c) => [c.id, i.scores[c.id] ?? null])) }));
  return canonicalJson({ ...a, items });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const isText = (v: unknown): v is string => typeof v === 'string';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A package read back from a sheet's hidden payload; null when it is not one. */
export function parsePackage(text: string): SheetPackage | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(v) || v.kind !== 'score-sheet' || !isCount(v.format)) return null;
  if (![v.campaignId, v.campaignName, v.expertId, v.expertName, v.expertCode, v.sheetId, v.issuedAt].every(isText)) return null;
  if (typeof v.supplementary !== 'boolean' || !Array.isArray(v.itemIds) || !v.itemIds.every(isText)) return null;
  if (!Array.isArray(v.criteria) || !v.criteria.every((c) => isRecord(c) && isText(c.id) && [c.weight, c.min, c.max, c.step].every(isCount))) return null;
  return v as unknown as SheetPackage;
}

export function parseAnswer(text: string): AnswerPayload | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(v) || v.kind !== 'score-answer' || !isCount(v.format) || !isCount(v.seq)) return null;
  if (![v.campaignId, v.expertId, v.sheetId, v.packageDigest].every(isText) || !Array.isArray(v.items)) return null;
  const ok = v.items.every((i) => isRecord(i) && isText(i.id) && isText(i.comment) && typeof i.recused === 'boolean'
    && isRecord(i.scores) && Object.values(i.scores).every((s) => s === null || isCount(s)));
  return ok ? (v as unknown as AnswerPayload) : null;
}
