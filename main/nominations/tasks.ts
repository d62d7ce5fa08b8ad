import { mapRows, nearMatchSearch, type MapRowsInput, type NearMatchOptions } from '../../shared/nominations/map-rows.ts';
import { defineTasks, type TaskContext } from '../workers/tasks.ts';
import { writeExport, type ExportJob } from './export.ts';

/** The nominations step's work done in a worker thread, so main's event loop stays free for other calls. */
export const nominationTasks = defineTasks({
  /** Rows → nominations (mapRows) for a big sheet. Drafts' null-prototype records come back as plain objects. */
  'nominations.map': (input: MapRowsInput) => mapRows(input),
  /** Near matches (nearMatchSearch) over many titles: over tens of thousands it can take a second. */
  'nominations.near': (input: { readonly entries: readonly { readonly text: string; readonly key?: string; readonly year?: number }[]; readonly options: NearMatchOptions }) => nearMatchSearch(input.entries, input.options),
  /**
   * An export workbook (ExcelJS takes seconds over 20,000 rows): `job` without its rows, which come as the task's
   * chunks. Notes: { phase, rows, total } every 500 rows, then once as the file is packed.
   */
  'nominations.export': (job: ExportJob, ctx: TaskContext) =>
    writeExport({ ...job, rows: ctx.chunks } as ExportJob, (phase, rows, total) => ctx.note({ phase, rows, total })),
});
