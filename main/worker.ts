// The worker threads' entry: every step's task kinds composed (as main/app.ts composes their handlers) and served.
// Bundled for Electron as dist/electron/worker.cjs (scripts/build-electron.js); run from TypeScript by the pool.
import { nominationTasks } from './nominations/tasks.ts';
import { serveTasks } from './workers/serve.ts';
import { xlsxTasks } from './xlsx/tasks.ts';
import { panelTasks } from './panel/tasks.ts';
import { resultsTasks } from './results/tasks.ts';
import { scoringTasks } from './scoring/tasks.ts';
import { meetingTasks } from './meeting/tasks.ts';

export const tasks = { ...xlsxTasks, ...nominationTasks, ...panelTasks, ...resultsTasks, ...scoringTasks, ...meetingTasks };
export type Tasks = typeof tasks;

serveTasks(tasks);
