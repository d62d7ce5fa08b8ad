import { z } from 'zod';
import type { CriterionScores } from './total.ts';
import type { ScoringState } from './slice.ts';

/**
 * The scoring part as the store reads it back from a snapshot: every required key with its type (unknown keys are
 * let through; the store keeps the doc it read). 100,000 answers are checked, so scores are checked by hand.
 */
const text = z.string();
const count = z.number();

const scoresSchema = z.custom<CriterionScores>(
  (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => x === null || (typeof x === 'number' && Number.isFinite(x))),
  { message: 'scores must be numbers or empty' },
);

const sourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sheet'), sheetId: text, seq: count, signature: z.enum(['valid', 'missing']) }),
  z.object({ kind: z.literal('workstation') }),
  z.object({ kind: z.literal('paper'), by: text, doubleEntry: z.boolean() }),
]);

export const answerSchema = z.object({ expertId: text, itemId: text, scores: scoresSchema, comment: text, recused: z.boolean(), source: sourceSchema, at: text });

const signature = z.enum(['valid', 'missing', 'invalid']);
const returnSchema = z.object({ at: text, file: text, digest: text, seq: count, signature, key: z.enum(['enrolled', 'new', 'changed', 'none']), accepted: z.boolean(), outcome: text });

export const sheetRecordSchema = z.object({
  id: text,
  expertId: text,
  itemIds: z.array(text),
  issuedAt: text,
  supplementary: z.boolean(),
  packageDigest: text,
  status: z.enum(['issued', 'withdrawn']),
  seq: count,
  returns: z.array(returnSchema),
});

const keySchema = z.object({ expertId: text, publicKey: text, fingerprint: text, at: text });

const packetSchema = z.object({
  expertId: text,
  expertName: text,
  code: text,
  sheetId: text,
  items: z.array(z.object({ id: text, label: text, fields: z.array(z.object({ name: text, nameEn: text, value: text })) })),
  seq: count,
  secretary: z.object({ name: text, fingerprint: text, publicKey: text }),
  packageText: text,
  packageSignature: text,
  packageDigest: text,
  submittedAt: text.nullable(),
});

export const scoringStateSchema = z.object({
  sheets: z.array(sheetRecordSchema),
  answers: z.array(answerSchema),
  closed: z.boolean(),
  keys: z.array(keySchema),
  mine: packetSchema.nullable(),
});

type Proves<T extends true> = T;
type _Shapes = [Proves<z.output<typeof scoringStateSchema> extends ScoringState ? true : false>];
