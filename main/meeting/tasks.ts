import { resultTables, RESULT_SHEET_FORMAT, RESULT_SHEET_VERSION, type ResultPayload, type Table } from '../../shared/meeting/payload.ts';
import { computeResults, type ResultsInput } from '../../shared/results/results.ts';
import { meetingResults } from './results-part.ts';
import { defineTasks, type TaskContext } from '../workers/tasks.ts';
import { writeResultWorkbook, writeTables } from './sheet.ts';

/** What the sealed sheet's writer is sent: the payload as signed (canonical JSON: one string, cheap to send) and its seal. */
export interface ResultSheetJob {
  readonly json: string;
  readonly digest: string;
  readonly signature: string;
  readonly publicKey: string;
}

/** A note from the writer: rows written of all the visible sheets' rows, then once as the file is packed. */
export interface WriteNote {
  readonly phase: 'rows' | 'packing';
  readonly rows: number;
  readonly total: number;
}

const EVERY = 2000;

/**
 * The meeting's heavy work in a worker thread, so main's event loop stays free for other calls: the results behind
 * the meeting (every method and the ranking over 100,000 scores), and the result sheet's workbook (ExcelJS takes tens
 * of seconds over 20,000 items and their 100,000 raw scores). Signing stays on main: the key never comes here.
 */
export const meetingTasks = defineTasks({
  /** The results (computeResults): `input` without its scores, which come as the task's chunks (a slice a turn). */
  'meeting.compute': (input: ResultsInput, ctx: TaskContext) =>
    meetingResults(computeResults({ ...input, scores: { ...input.scores, scores: ctx.chunks as ResultsInput['scores']['scores'] } })),
  'meeting.writeResultSheet': (job: ResultSheetJob, ctx: TaskContext) => {
    const tables = resultTables(JSON.parse(job.json) as ResultPayload);
    const seal = { format: RESULT_SHEET_FORMAT, version: RESULT_SHEET_VERSION, digest: job.digest, signature: job.signature, publicKey: job.publicKey, payload: job.json };
    return writeResultWorkbook(tables, seal, (rows, total) => {
      if (rows === total) ctx.note({ phase: 'packing', rows, total } satisfies WriteNote);
      else if (rows % EVERY === 0) ctx.note({ phase: 'rows', rows, total } satisfies WriteNote);
    });
  },
  'meeting.writeTables': (tables: readonly Table[]) => writeTables(tables),
});
