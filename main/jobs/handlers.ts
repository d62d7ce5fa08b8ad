import type { Handlers } from '../dispatcher.ts';
import type { Jobs } from './jobs.ts';

/** jobs.progress and jobs.cancel, for the long calls of every step. */
export function jobHandlers(jobs: Jobs): Pick<Handlers, 'jobs.progress' | 'jobs.cancel'> {
  return {
    'jobs.progress': ({ jobId }) => jobs.progress(jobId),
    'jobs.cancel': ({ jobId }) => jobs.cancel(jobId),
  };
}
