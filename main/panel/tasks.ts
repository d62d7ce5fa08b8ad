import { assign, type AssignInput } from '../../shared/panel/assign.ts';
import { detectConflicts, type PanelItem } from '../../shared/panel/conflicts.ts';
import { INSTITUTIONS, type InstitutionEntry } from '../../shared/campaign/institutions-data.ts';
import { InstitutionTable, withAdditions } from '../../shared/panel/institutions.ts';
import type { Conflict, Expert } from '../../shared/panel/model.ts';
import { defineTasks } from '../workers/tasks.ts';

export interface DetectJob {
  readonly items: readonly PanelItem[];
  readonly experts: readonly Expert[];
  readonly additions: readonly InstitutionEntry[];
  readonly decisions: readonly Conflict[];
}

/** Detection over every expert × nomination, with the campaign's alias additions. Pure, so it runs anywhere. */
export function runDetect(job: DetectJob): Conflict[] {
  const table = new InstitutionTable(withAdditions(INSTITUTIONS, job.additions));
  return detectConflicts({ items: job.items, experts: job.experts, table, decisions: job.decisions });
}

/** The panel's heavy work in a worker thread: detecting conflicts, assigning reviewers (a min-cost flow). */
export const panelTasks = defineTasks({
  'panel.detect': (job: DetectJob) => runDetect(job),
  'panel.assign': (input: AssignInput) => assign(input),
});
