import { computeResults, type ResultsInput } from '../../shared/results/results.ts';
import { defineTasks } from '../workers/tasks.ts';

/** The results step's work in a worker thread: every method, the metrics, disagreement and the ranking of a big campaign. */
export const resultsTasks = defineTasks({
  'results.compute': (input: ResultsInput) => computeResults(input),
});
