import type { StepDeps } from '../deps.ts';
import type { JobControl } from '../jobs/jobs.ts';
import type { CampaignDoc } from '../../shared/store/doc.ts';
import { meetingData, meetingInput, type MeetingData } from './data.ts';

/** The next macrotask: between long steps, so calls waiting on main's loop are served meanwhile. */
export const nextTurn = () => new Promise<void>((resolve) => { setImmediate(resolve); });

export type DataOf = (doc: CampaignDoc, job?: JobControl) => Promise<MeetingData>;

/**
 * The meeting's data, one per campaign state (doc.seq): the overview, charts, rounds and exports read the same. The
 * results behind it (every method and the ranking; ~0.4 s over 100,000 scores) are computed in a worker for big
 * campaigns, under the caller's job when there is one (so a cancel stops it).
 */
export function meetingDataCache(pool: StepDeps['pool'], workerFrom: number): DataOf {
  const cache = new Map<string, { seq: number; data: Promise<MeetingData> }>();
  return (doc, job) => {
    const had = cache.get(doc.campaign.id);
    if (had && had.seq === doc.seq) return had.data;
    const data = (async () => {
      const built = meetingInput(doc);
      if (built.input.scores.scores.length < workerFrom) return meetingData(doc, built);
      await nextTurn();
      const { input } = built;
      // The scores go ahead in slices, a turn apart: one message of 100,000 would hold main while it is cloned.
      const handle = pool.run('meeting.compute', { ...input, scores: { ...input.scores, scores: [] } }, { label: 'meeting', chunks: input.scores.scores, slice: 5000 });
      job?.onCancel(() => handle.cancel());
      let results;
      try {
        results = await handle.done;
      } finally {
        job?.onCancel(null);
      }
      await nextTurn();
      return meetingData(doc, built, results);
    })();
    cache.set(doc.campaign.id, { seq: doc.seq, data });
    // A failed or cancelled computation is not kept: the next call tries again.
    data.catch(() => {
      if (cache.get(doc.campaign.id)?.data === data) cache.delete(doc.campaign.id);
    });
    return data;
  };
}

