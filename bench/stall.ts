// How long main's event loop is held while some work runs: one probe for the benches that measure stalls.
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface Stall<T> {
  /** The work's wall time, ms. */
  readonly wall: number;
  /** The longest gap between 5 ms ticks, ms: the longest the loop was held. */
  readonly gap: number;
  /** The event-loop delay histogram's max, ms. */
  readonly histMax: number;
  readonly value: T;
}

/** Runs fn under the probes: its wall time, the longest gap between 5 ms ticks, and the histogram's max. */
export async function probe<T>(fn: () => Promise<T>): Promise<Stall<T>> {
  const h = monitorEventLoopDelay({ resolution: 5 });
  let last = performance.now();
  let gap = 0;
  const timer = setInterval(() => {
    const t = performance.now();
    gap = Math.max(gap, t - last);
    last = t;
  }, 5);
  h.enable();
  const t0 = performance.now();
  last = t0;
  try {
    const value = await fn();
    const wall = performance.now() - t0;
    gap = Math.max(gap, performance.now() - last);
    return { wall, gap, histMax: h.max / 1e6, value };
  } finally {
    h.disable();
    clearInterval(timer);
  }
}
