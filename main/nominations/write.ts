import { AppError } from '../../shared/contract/errors.ts';
import type { JobControl } from '../jobs/jobs.ts';
import type { TaskHandle, WorkerPool } from '../workers/pool.ts';
import { writeExport, type ExportJob } from './export.ts';

/**
 * How far an export written in the worker has got: `sending` its rows to the worker (`rows` of `total` sent), the
 * worker `writing` them into the sheet, then `packing` the .xlsx.
 */
export interface WriteProgress {
  readonly phase: 'sending' | 'writing' | 'packing';
  readonly rows: number;
  readonly total: number;
}

/**
 * An export workbook written in a worker (ExcelJS takes seconds over 20,000 rows). The rows go over in slices of
 * `slice`, a macrotask apart, so cloning them never holds main long either; the bytes come back transferred.
 */
export function writeInWorker(pool: WorkerPool, job: ExportJob, slice = 1000, onProgress: (p: WriteProgress) => void = () => undefined): TaskHandle<Uint8Array> {
  return pool.run('nominations.export', { ...job, rows: [] }, {
    label: 'export',
    chunks: job.rows,
    slice,
    onSent: (rows, total) => onProgress({ phase: 'sending', rows, total }),
    onNote: (note) => {
      const n = note as { phase: 'rows' | 'packing'; rows: number; total: number };
      onProgress({ phase: n.phase === 'rows' ? 'writing' : 'packing', rows: n.rows, total: n.total });
    },
    // A writer that fails is PanelDesk's own fault.
    failed: (message) => new AppError('INTERNAL', `the export could not be written: ${message.slice(0, 200)}`),
    outOfMemory: () => new AppError('INTERNAL', 'the export could not be written: the worker ran out of memory'),
  });
}

/**
 * An export's progress as one bar: handing the rows to the writer is the first tenth, writing them row by row the
 * next eight (about as long as it takes: 20,000 rows ~1.8 s of ~2.3 s), packing the .xlsx the last.
 */
export function exportProgress(p: WriteProgress): { stage: 'gathering' | 'writing' | 'packing'; fraction: number } {
  const f = p.total > 0 ? Math.min(1, p.rows / p.total) : 1;
  if (p.phase === 'sending') return { stage: 'gathering', fraction: 0.1 * f };
  if (p.phase === 'writing') return { stage: 'writing', fraction: 0.1 + 0.8 * f };
  return { stage: 'packing', fraction: 0.9 };
}

/**
 * An export's bytes: in the worker when it is big (`inWorkerFrom` rows) or a worker is waiting, so main's event loop
 * stays free. Its progress goes to the job; a cancel stops the worker (nothing comes back: the call answers CANCELLED).
 */
export async function writeNominationExport(pool: WorkerPool, exp: ExportJob, job: JobControl, inWorkerFrom: number): Promise<Uint8Array> {
  const tell = (p: WriteProgress) => {
    const { stage, fraction } = exportProgress(p);
    job.report(stage, fraction);
  };
  let bytes: Uint8Array;
  if (exp.rows.length < inWorkerFrom && !pool.warmed()) {
    // A small export written here: ~40 ms at most, in one go.
    job.stage('writing', 0.1);
    bytes = await writeExport(exp, (phase, rows, total) => tell({ phase: phase === 'rows' ? 'writing' : 'packing', rows, total }));
  } else {
    const handle = writeInWorker(pool, exp, undefined, tell);
    job.onCancel(() => handle.cancel());
    try {
      bytes = await handle.done;
    } finally {
      job.onCancel(null);
    }
  }
  // Cancelled just as the bytes came back: they are dropped.
  job.check();
  return bytes;
}
