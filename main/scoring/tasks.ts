import type { TaskHandle, WorkerPool } from '../workers/pool.ts';
import { defineTasks } from '../workers/tasks.ts';
import { writeScoreSheet, type SheetFileInput } from './sheet-file.ts';

/**
 * The scoring step's work in a worker thread: writing a score sheet with ExcelJS. Main signs the package (the private
 * key never leaves it) and sends the text and its signature; the worker only lays out the bytes.
 */
export const scoringTasks = defineTasks({
  'scoring.writeSheet': (input: SheetFileInput): Promise<Uint8Array> => writeScoreSheet(input),
});

export function writeSheetInWorker(pool: WorkerPool, input: SheetFileInput, label: string): TaskHandle<Uint8Array> {
  return pool.run('scoring.writeSheet', input, { label });
}
