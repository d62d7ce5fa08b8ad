// A worker entry for the pool's own tests: tasks that echo, fail, wait, and eat memory until the worker's limit.
import { AppError } from '../../shared/contract/errors.ts';
import { serveTasks } from './serve.ts';
import { defineTasks } from './tasks.ts';

export const testTasks = defineTasks({
  'test.echo': (input: { readonly text: string }, ctx) => ({ text: input.text, chunks: ctx.chunks.length }),
  'test.fail': (input: { readonly code: boolean }) => {
    if (input.code) throw new AppError('FILE_EMPTY', 'nothing there');
    throw new Error('plain failure');
  },
  'test.wait': (input: { readonly ms: number }) => new Promise<number>((resolve) => setTimeout(() => resolve(input.ms), input.ms)),
  'test.hog': () => {
    const kept: number[][] = [];
    for (;;) kept.push(Array.from({ length: 100_000 }, (_, i) => i * 1.5));
  },
});

serveTasks(testTasks);
