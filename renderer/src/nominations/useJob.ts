import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress } from '../../../shared/contract/index.ts';
import { call, isApiError } from '../api.ts';
import { newJobId } from './format.ts';

export type JobStage = JobProgress['stage'] | 'uploading';

export interface JobState {
  readonly stage: JobStage;
  readonly fraction: number | null;
}

/** The answer of a job: its value, or cancelled (the user pressed Cancel; whatever came back is ignored). */
export type JobOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly cancelled: true };

const POLL_MS = 250;

interface Running {
  readonly id: string;
  cancelled: boolean;
  readonly onCancel: () => void;
}

/**
 * A long call under a job id of our own: its progress is polled (jobs.progress) while it runs, and Cancel asks
 * main to stop it (jobs.cancel). Until main has registered the job (the bytes are still on their way) the stage
 * is 'uploading'; a Cancel pressed then is sent again once the job exists.
 */
export function useJob() {
  const [job, setJob] = useState<JobState | null>(null);
  const current = useRef<Running | null>(null);
  const timer = useRef<number | null>(null);

  const stopPolling = useCallback(() => {
    if (timer.current !== null) window.clearInterval(timer.current);
    timer.current = null;
  }, []);

  useEffect(() => () => {
    stopPolling();
    const c = current.current;
    // Leaving while a job runs: stop it, so nothing is read or saved for a closed dialog.
    if (c && !c.cancelled) void call('jobs.cancel', { jobId: c.id }).catch(() => undefined);
  }, [stopPolling]);

  const run = useCallback(async <T,>(fn: (jobId: string) => Promise<T>, first: JobStage = 'uploading'): Promise<JobOutcome<T>> => {
    const id = newJobId();
    let onCancel = () => {};
    const me: Running = { id, cancelled: false, onCancel: () => onCancel() };
    const cancelled = new Promise<{ readonly cancelled: true }>((resolve) => { onCancel = () => resolve({ cancelled: true }); });
    current.current = me;
    setJob({ stage: first, fraction: null });
    stopPolling();
    timer.current = window.setInterval(() => {
      void call('jobs.progress', { jobId: id }).then(
        (p) => {
          if (current.current !== me) return;
          setJob({ stage: p.stage, fraction: p.fraction });
        },
        (err: unknown) => {
          if (me.cancelled) return;
          // Not registered yet: the upload is still travelling.
          if (!(isApiError(err) && err.code === 'NOT_FOUND')) stopPolling();
        },
      );
    }, POLL_MS);
    const work = fn(id);
    // Cancelled: main is asked to stop; the answer, whenever it comes, is ignored.
    work.catch(() => undefined);
    try {
      const outcome = await Promise.race([work.then((value) => ({ value })), cancelled]);
      if ('cancelled' in outcome || me.cancelled) {
        // The job may have been registered only now: ask again.
        void call('jobs.cancel', { jobId: id }).catch(() => undefined);
        return { ok: false, cancelled: true };
      }
      return { ok: true, value: outcome.value };
    } catch (err) {
      if (me.cancelled || (isApiError(err) && err.code === 'CANCELLED')) return { ok: false, cancelled: true };
      throw err;
    } finally {
      if (current.current === me) {
        stopPolling();
        current.current = null;
        setJob(null);
      }
    }
  }, [stopPolling]);

  const cancel = useCallback(() => {
    const c = current.current;
    if (!c) return;
    c.cancelled = true;
    void call('jobs.cancel', { jobId: c.id }).catch(() => undefined);
    c.onCancel();
  }, []);

  return { job, run, cancel };
}
