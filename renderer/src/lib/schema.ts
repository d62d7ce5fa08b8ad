import { campaignSchema } from '../../../shared/campaign/campaign.ts';

/**
 * What the one schema in shared/ says about a field, found by its dotted path (as main reports it in error details:
 * `criteria.0.weight`, `settings.quota.total`). Read from the schema itself, so the bounds shown never drift from
 * the bounds enforced.
 */
export interface FieldFacts {
  readonly kind: 'number' | 'string' | 'array' | 'boolean' | 'other';
  readonly min?: number;
  readonly max?: number;
  /** The bound itself is not allowed (a step must be greater than 0). */
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  readonly nullable?: boolean;
}

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; shape?: Record<string, ZodLike>; element?: ZodLike; valueType?: ZodLike; in?: ZodLike; checks?: readonly { _zod: { def: { check: string; inclusive?: boolean } } }[] } };
  minValue?: number | null;
  maxValue?: number | null;
  isInt?: boolean;
}

const WRAPPERS = new Set(['default', 'prefault', 'nullable', 'optional', 'readonly', 'catch', 'nonoptional']);

function unwrap(s: ZodLike): { schema: ZodLike; nullable: boolean } {
  let nullable = false;
  let cur = s;
  for (let i = 0; i < 10; i++) {
    const d = cur._zod.def;
    if (d.type === 'nullable') nullable = true;
    if (WRAPPERS.has(d.type) && d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return { schema: cur, nullable };
}

function at(path: string): { schema: ZodLike; nullable: boolean } | null {
  let cur: { schema: ZodLike; nullable: boolean } = unwrap(campaignSchema as unknown as ZodLike);
  for (const seg of path.split('.').filter(Boolean)) {
    const d = cur.schema._zod.def;
    let next: ZodLike | undefined;
    if (d.type === 'object') next = d.shape?.[seg];
    else if (d.type === 'array') next = d.element;
    else if (d.type === 'record') next = d.valueType;
    if (!next) return null;
    cur = unwrap(next);
  }
  return cur;
}

const UNBOUNDED = 1e15;

export function fieldFacts(path: string): FieldFacts | null {
  const found = at(path);
  if (!found) return null;
  const { schema, nullable } = found;
  const type = schema._zod.def.type;
  if (type === 'number') {
    const min = schema.minValue ?? undefined;
    const max = schema.maxValue ?? undefined;
    const checks = (schema._zod.def.checks ?? []).map((c) => c._zod.def);
    const exclusive = (name: string) => checks.some((c) => c.check === name && c.inclusive === false);
    return {
      kind: 'number',
      ...(exclusive('greater_than') ? { minExclusive: true } : {}),
      ...(exclusive('less_than') ? { maxExclusive: true } : {}),
      ...(min !== undefined && Math.abs(min) < UNBOUNDED ? { min } : {}),
      ...(max !== undefined && Math.abs(max) < UNBOUNDED ? { max } : {}),
      integer: Boolean(schema.isInt),
      nullable,
    };
  }
  if (type === 'string' || type === 'enum') return { kind: 'string', nullable };
  if (type === 'array') return { kind: 'array', nullable };
  if (type === 'boolean') return { kind: 'boolean', nullable };
  return { kind: 'other', nullable };
}
