import { z } from 'zod';
import type { ResultsPart } from './slice.ts';

/** The results part as the store reads it back from a snapshot (unknown keys let through). */
const adjustmentSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  kind: z.enum(['select', 'deselect', 'move']),
  toRank: z.number().int().min(1).optional(),
  reason: z.string().min(1),
  by: z.string(),
  at: z.string(),
});

export const resultsStateSchema: z.ZodType<ResultsPart['results']> = z.looseObject({ adjustments: z.array(adjustmentSchema) });
