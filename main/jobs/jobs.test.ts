import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/contract/errors.ts';
import { Jobs } from './jobs.ts';

describe('Jobs', () => {
  it('reports the stages of a job and its end', () => {
    const jobs = new Jobs();
    const job = jobs.start('j1');
    expect(jobs.progress('j1')).toEqual({ jobId: 'j1', stage: 'reading', fraction: 0 });
    job.stage('parsing', 0.1);
    expect(jobs.progress('j1')).toMatchObject({ stage: 'parsing', fraction: 0.1 });
    job.finish(true);
    expect(jobs.progress('j1')).toMatchObject({ stage: 'done', fraction: 1 });
    const failed = jobs.start('j2');
    failed.finish(false, new AppError('FILE_EMPTY', 'x'));
    expect(jobs.progress('j2').stage).toBe('failed');
  });

  it('cancelling calls the running step\'s cancel, and the job then refuses to go on', () => {
    const jobs = new Jobs();
    const job = jobs.start('j');
    let stopped = 0;
    job.onCancel(() => stopped++);
    expect(jobs.cancel('j')).toMatchObject({ stage: 'cancelled' });
    expect(stopped).toBe(1);
    expect(() => job.check()).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    expect(() => job.stage('mapping', 0.8)).toThrow(expect.objectContaining({ code: 'CANCELLED' }));
    job.finish(false, new AppError('CANCELLED', 'x'));
    expect(jobs.progress('j').stage).toBe('cancelled');
  });

  it('a job that is saving cannot be cancelled; unknown and running ids are refused', () => {
    const jobs = new Jobs();
    const job = jobs.start('s');
    job.stage('saving', 0.9);
    expect(jobs.cancel('s').stage).toBe('saving');
    expect(() => jobs.start('s')).toThrow(expect.objectContaining({ code: 'BAD_ARGUMENTS' }));
    expect(() => jobs.progress('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    expect(() => jobs.cancel('nope')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    job.finish(true);
    expect(jobs.start('s')).toBeTruthy(); // a finished id may be reused
  });

  it('an export starts at its own stage; progress told from a worker never throws and is ignored once cancelled or ended', () => {
    const jobs = new Jobs();
    const job = jobs.start('e', 'gathering');
    expect(jobs.progress('e')).toMatchObject({ stage: 'gathering', fraction: 0 });
    job.report('writing', 0.5);
    expect(jobs.progress('e')).toMatchObject({ stage: 'writing', fraction: 0.5 });
    expect(jobs.cancel('e').stage).toBe('cancelled');
    expect(() => job.report('packing', 0.9)).not.toThrow();
    expect(jobs.progress('e').stage).toBe('cancelled');
    const done = jobs.start('d', 'gathering');
    done.finish(true);
    done.report('writing', 0.3);
    expect(jobs.progress('d')).toMatchObject({ stage: 'done', fraction: 1 });
  });

  it('keeps only the most recent finished jobs', () => {
    const jobs = new Jobs(3);
    for (let i = 0; i < 5; i++) jobs.start(`j${i}`).finish(true);
    expect(() => jobs.progress('j0')).toThrow();
    expect(jobs.progress('j4').stage).toBe('done');
  });
});
