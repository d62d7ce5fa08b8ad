import { AppError } from '../../shared/contract/errors.ts';
import type { TaskHandle, WorkerPool } from '../workers/pool.ts';
import { defineTasks, type TaskContext } from '../workers/tasks.ts';
import { readWorkbook, type ReadOptions, type WorkbookData } from './reader.ts';

/** Reading an untrusted workbook, in a worker thread: the bytes never touch main's event loop or its memory. */
export const xlsxTasks = defineTasks({
  'xlsx.read': (input: { readonly bytes: Uint8Array; readonly fileName: string; readonly options: ReadOptions }, ctx: TaskContext): WorkbookData => {
    ctx.note('parsing');
    return readWorkbook(input.bytes, input.fileName, input.options);
  },
});

/** A workbook read in the pool; `onStage` hears when parsing begins. A reader that fails was most likely given a bad file. */
export function readInWorker(pool: WorkerPool, bytes: Uint8Array, fileName: string, options: ReadOptions, onStage: (stage: 'parsing') => void = () => undefined): TaskHandle<WorkbookData> {
  return pool.run('xlsx.read', { bytes, fileName, options }, {
    label: fileName,
    onNote: () => onStage('parsing'),
    failed: (message) => new AppError('FILE_UNREADABLE', `${fileName} could not be read: ${message.slice(0, 200)}`, { values: { file: fileName } }),
    outOfMemory: () => new AppError('FILE_TOO_LARGE', `${fileName} does not fit in the reader's memory (a worker's limit): split it into smaller workbooks`, { values: { file: fileName } }),
  });
}
