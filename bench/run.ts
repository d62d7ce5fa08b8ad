// `npm run bench [-- --check] [-- NAME ...]`: runs each bench in turn and prints its figures; with --check, exits
// non-zero when a bench misses its aim. Add a bench by adding it to the list.
import { benchAggregate } from './aggregate.ts';
import { benchAssign } from './assign.ts';
import { benchImport } from './import.ts';
import { benchSheets } from './sheets.ts';
import { benchMeeting } from './meeting.ts';
import { benchStore } from './store.ts';
import { benchUiScoring } from './ui-scoring.ts';

export interface Bench {
  readonly name: string;
  readonly run: (opts: { check: boolean }) => Promise<{ lines: string[]; ok: boolean }>;
}

const benches: readonly Bench[] = [
  { name: 'store', run: benchStore },
  { name: 'import', run: benchImport },
  { name: 'assign', run: benchAssign },
  { name: 'aggregate', run: benchAggregate },
  { name: 'sheets', run: benchSheets },
  { name: 'ui-scoring', run: benchUiScoring },
  { name: 'meeting', run: benchMeeting },
];

const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((a) => !a.startsWith('--'));
let missed = 0;
for (const b of benches) {
  if (only.length > 0 && !only.includes(b.name)) continue;
  const t = Date.now();
  const r = await b.run({ check });
  for (const line of r.lines) console.log(line);
  console.log(`${b.name}: ${r.ok ? 'aims met' : 'AIM MISSED'} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  if (!r.ok) missed++;
}
if (check && missed > 0) process.exitCode = 1;
