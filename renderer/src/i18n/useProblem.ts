import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError, type ErrorContext } from './errors.ts';

/** What went wrong, kept as data and worded at render time, so switching language rewords it at once. */
export type Problem = { readonly err: unknown } | { readonly key: string; readonly opts?: Readonly<Record<string, unknown>> };

export function useProblem(ctx: Omit<ErrorContext, 'lang'> = {}): [string | null, (p: Problem | null) => void] {
  const { t, i18n } = useTranslation();
  const [problem, setProblem] = useState<Problem | null>(null);
  const text = problem === null ? null
    : 'key' in problem ? t(problem.key, problem.opts)
      : describeError(problem.err, t, { ...ctx, lang: i18n.language });
  return [text, setProblem];
}
