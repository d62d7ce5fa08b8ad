import { AppError } from '../../shared/contract/errors.ts';
import type { JobProgress } from '../../shared/contract/nominations.ts';

type Stage = JobProgress['stage'];

export function cancelledError(): AppError {
  return new AppError('CANCELLED', 'the work was cancelled');
}

interface Job {
  progress: JobProgress;
  /** Stops the current step, if it can be stopped (a worker); null once saving has begun. */
  cancel: (() => void) | null;
  cancelled: boolean;
}

/**
 * Long calls of any step (reading a big workbook, importing it, writing an export) under a jobId the caller chose,
 * so the UI can poll their progress (jobs.progress) and cancel them (jobs.cancel). Finished jobs are kept for a
 * while, the most recent `keep` of them. One Jobs per app: every step's long calls share it.
 */
export class Jobs {
  private readonly jobs = new Map<string, Job>();
  constructor(private readonly keep = 50) {}

  /** Register a job (at its first stage: an import's 'reading', an export's 'gathering'); an id still running is refused. */
  start(jobId: string | undefined, first: Stage = 'reading'): JobControl {
    const id = jobId ?? '';
    if (id) {
      const had = this.jobs.get(id);
      if (had && !isFinished(had.progress.stage)) throw new AppError('BAD_ARGUMENTS', `job "${id}" is still running`, { values: { jobId: id } });
      this.jobs.delete(id);
    }
    const job: Job = { progress: { jobId: id, stage: first, fraction: 0 }, cancel: null, cancelled: false };
    if (id) {
      this.jobs.set(id, job);
      while (this.jobs.size > this.keep) {
        const oldest = [...this.jobs].find(([, j]) => isFinished(j.progress.stage));
        if (!oldest) break;
        this.jobs.delete(oldest[0]);
      }
    }
    return new JobControl(job);
  }

  /** Run a long call under its job: its stages, its cancel, and its end (done, failed or cancelled). */
  async run<T>(jobId: string | undefined, fn: (job: JobControl) => Promise<T>, first?: Stage): Promise<T> {
    const job = this.start(jobId, first);
    try {
      const out = await fn(job);
      job.finish(true);
      return out;
    } catch (e) {
      job.finish(false, e);
      throw e;
    }
  }

  progress(jobId: string): JobProgress {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', `no job "${jobId}"`, { values: { jobId } });
    return job.progress;
  }

  cancel(jobId: string): JobProgress {
    const job = this.jobs.get(jobId);
    if (!job) throw new AppError('NOT_FOUND', `no job "${jobId}"`, { values: { jobId } });
    if (isFinished(job.progress.stage) || job.progress.stage === 'saving') return job.progress;
    job.cancelled = true;
    job.cancel?.();
    job.progress = { ...job.progress, stage: 'cancelled', fraction: null };
    return job.progress;
  }
}

function isFinished(stage: Stage): boolean {
  return stage === 'done' || stage === 'cancelled' || stage === 'failed';
}

export class JobControl {
  constructor(private readonly job: Job) {}
  stage(stage: Stage, fraction: number | null): void {
    this.check();
    this.job.progress = { ...this.job.progress, stage, fraction };
  }
  /**
   * Progress told from outside the job's own steps (a worker's notes, which arrive as they come): never throws, and is
   * ignored once the job is cancelled or has ended.
   */
  report(stage: Stage, fraction: number | null): void {
    if (this.job.cancelled || isFinished(this.job.progress.stage)) return;
    this.job.progress = { ...this.job.progress, stage, fraction };
  }
  /** While `cancel` is set, jobs.cancel calls it. */
  onCancel(cancel: (() => void) | null): void {
    this.job.cancel = cancel;
  }
  /** Throws CANCELLED when the job was cancelled: called between steps. */
  check(): void {
    if (this.job.cancelled) throw cancelledError();
  }
  finish(ok: boolean, error?: unknown): void {
    this.job.cancel = null;
    if (this.job.cancelled) return;
    const cancelled = error instanceof AppError && error.code === 'CANCELLED';
    this.job.progress = { ...this.job.progress, stage: ok ? 'done' : cancelled ? 'cancelled' : 'failed', fraction: ok ? 1 : null };
  }
}
