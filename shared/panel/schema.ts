import { z } from 'zod';
import type { InstitutionEntry } from '../campaign/institutions-data.ts';
import { CONFLICT_KINDS, CONFLICT_REASON_CODES, CONFLICT_STATES, type Assignment, type Conflict, type Expert } from './model.ts';
import type { PanelPart } from './slice.ts';

/** The panel's records as the store reads them back from a snapshot, and as the contract receives them. */
const text = z.string();
const list = z.array(text);

export const expertSchema = z.object({
  id: text,
  name: text,
  institution: text,
  department: text,
  title: text,
  disciplines: list,
  offices: list,
  phone: text,
  email: text,
  groupId: text.nullable(),
  fingerprint: text.optional(),
  minLoad: z.number().int().min(0).optional(),
  maxLoad: z.number().int().min(0).optional(),
});

export const conflictSchema = z.object({
  itemId: text,
  expertId: text,
  kind: z.enum(CONFLICT_KINDS),
  reason: z.object({ code: z.enum(CONFLICT_REASON_CODES), values: z.record(text, z.union([text, z.number(), z.boolean()])) }),
  state: z.enum(CONFLICT_STATES),
  note: text,
  decided: z.object({ actor: text, at: text }).optional(),
});

export const assignmentSchema = z.object({ itemId: text, expertId: text, manual: z.boolean().optional() });

export const institutionEntrySchema = z.object({
  id: text,
  zh: text,
  en: text,
  aliases: list,
  umbrella: z.boolean().optional(),
  parent: text.optional(),
});

export const panelSchema = z.object({
  experts: z.array(expertSchema),
  conflicts: z.array(conflictSchema),
  assignments: z.array(assignmentSchema),
  institutions: z.object({ additions: z.array(institutionEntrySchema) }),
  excluded: z.array(z.object({ itemId: text, expertId: text })),
  detectInProgress: z.object({ run: text, next: z.number().int().min(1), of: z.number().int().min(2), conflicts: z.array(conflictSchema) }).nullable().optional(),
});

type Proves<T extends true> = T;
type _Shapes = [
  Proves<z.output<typeof expertSchema> extends Expert ? true : false>,
  Proves<z.output<typeof conflictSchema> extends Conflict ? true : false>,
  Proves<z.output<typeof assignmentSchema> extends Assignment ? true : false>,
  Proves<z.output<typeof institutionEntrySchema> extends InstitutionEntry ? true : false>,
  Proves<z.output<typeof panelSchema> extends PanelPart['panel'] ? true : false>,
];
