import type { z } from 'zod';

/** One renderer→main call: its argument schema (validated once, where it enters main) and its result type. */
export interface ContractEntry<A extends z.ZodType = z.ZodType, R = unknown> {
  readonly args: A;
  /** Phantom: carries the result type only. */
  readonly result: R;
}

export function entry<R>() {
  return <A extends z.ZodType>(args: A): ContractEntry<A, R> => ({ args, result: undefined as R });
}
