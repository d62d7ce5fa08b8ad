import { z } from 'zod';
import { IMPORT_ISSUE_CODES } from './map-rows.ts';
import { NOMINATION_STATUSES, type HandEdit, type ImportRecord, type Nomination, type NominationSource, type StatusOverride } from './record.ts';
import type { FieldValue } from './map-rows.ts';

/**
 * The nominations' records as the store reads them back from a snapshot (record.ts): every required key with its
 * type. Keys this version does not know are accepted; the store keeps the doc it read, not zod's copy, so they are
 * not lost (plain z.object, not looseObject: copying every unknown key costs a third more on 20,000 nominations).
 */
const text = z.string();
const count = z.number();

const dateValueSchema = z.object({ start: text, end: text.optional(), precision: z.enum(['day', 'month']) });
export const fieldValueSchema = z.union([text, z.number(), z.array(text), dateValueSchema]);

function isFieldValue(v: unknown): v is FieldValue {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return true;
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string');
  if (v === null || typeof v !== 'object') return false;
  const d = v as Record<string, unknown>;
  return typeof d.start === 'string' && (d.end === undefined || typeof d.end === 'string') && (d.precision === 'day' || d.precision === 'month');
}

/**
 * A row's values by field id: what fieldValueSchema accepts, checked by hand. A 20,000-nomination snapshot holds
 * some 300,000 of them, and z.record of a z.union costs seconds there (a union records an issue per option tried).
 */
const fieldValuesSchema = z.custom<Readonly<Record<string, FieldValue>>>(
  (v) => v !== null && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every(isFieldValue),
  { message: 'field values must be text, numbers, lists of text or dates' },
);

const cellValue = z.union([text, z.number(), z.boolean(), z.null()]);
const sourceIssueSchema = z.object({ column: text, field: text, code: z.enum(IMPORT_ISSUE_CODES), value: cellValue });

export const nominationSourceSchema = z.object({
  importId: text,
  file: text,
  sha256: text,
  sheet: text,
  row: count,
  nominator: text,
  fields: fieldValuesSchema,
  extra: z.array(z.object({ column: text, header: text, value: z.unknown() })),
  at: text,
  issues: z.array(sourceIssueSchema).optional(),
  get replaced(): z.ZodOptional<typeof nominationSourceSchema> {
    return nominationSourceSchema.optional();
  },
  byHand: z.object({ actor: text }).optional(),
});

export const handEditSchema = z.object({ value: fieldValueSchema.nullable(), at: text, actor: text });

export const statusOverrideSchema = z.object({ status: z.enum(NOMINATION_STATUSES), note: text, at: text, actor: text });

export const nominationSchema = z.object({
  id: text.min(1),
  key: text,
  aliases: z.array(text).optional(),
  sources: z.array(nominationSourceSchema),
  edits: z.record(text, handEditSchema),
  override: statusOverrideSchema.nullable(),
  distinctFrom: z.array(text),
  accepted: z.array(z.object({ key: text, at: text, actor: text })).optional(),
  withdrawn: z.object({ note: text, at: text, actor: text }).nullable().optional(),
  createdAt: text,
  updatedAt: text,
});

export const importRecordSchema = z.object({
  id: text.min(1),
  file: text,
  sha256: text,
  size: count,
  sheet: text,
  nominator: text,
  mapping: z.record(text, text),
  at: text,
  actor: text,
  imported: count,
  updated: count,
  unchanged: count,
  rejected: count,
  report: z.object({
    duplicates: count,
    issueCount: count,
    issues: z.array(z.object({ row: count, column: text, field: text, code: z.enum(IMPORT_ISSUE_CODES), severity: z.enum(['error', 'warning']), value: cellValue })),
  }).optional(),
  undone: z.object({ at: text, actor: text, removed: count, kept: count }).optional(),
});

/** Compile-time proofs that what the schemas accept are the records' types. */
type Proves<T extends true> = T;
type _Shapes = [
  Proves<z.output<typeof fieldValueSchema> extends FieldValue ? true : false>,
  Proves<z.output<typeof nominationSourceSchema> extends NominationSource ? true : false>,
  Proves<z.output<typeof handEditSchema> extends HandEdit ? true : false>,
  Proves<z.output<typeof statusOverrideSchema> extends StatusOverride ? true : false>,
  Proves<z.output<typeof nominationSchema> extends Nomination ? true : false>,
  Proves<z.output<typeof importRecordSchema> extends ImportRecord ? true : false>,
];
