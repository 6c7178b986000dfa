import { fuseGroups, type TrialGroup } from '../planner/fuse-groups.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { Sampler } from '../search/sampler.js';
import type { ResultStore, TrialRecord } from '../storage/store.js';

export interface SchedulerOptions {
  store: ResultStore;
  sweepId: number;
  sampler: Sampler;
  /** Fuse only trials adjacent in plan order (early termination waits on lower indices). */
  contiguous: boolean;
  lanes: number;
  stopping(): boolean;
  /** Trains one group; resolves with a group to retry, or null. */
  runGroup(group: TrialGroup): Promise<TrialGroup | null>;
  /** Trials the sampler added (the run learns their store records). */
  onAdded(records: readonly TrialRecord[], trials: readonly PlannedTrial[]): void;
}

/**
 * Feeds groups to `lanes` concurrent lanes until nothing is left: first the groups
 * given, then whatever the sampler adds when the queue runs dry. A lane that finds the
 * queue empty asks the sampler (one lane at a time); on 'wait' it sleeps until some
 * group finishes; on 'done' it ends once no other lane can add work.
 */
export async function schedule(o: SchedulerOptions, groups: readonly TrialGroup[]): Promise<void> {
  const queue: TrialGroup[] = [...groups];
  let busy = 0;
  let asking = false;
  let done = false;
  let wake: (() => void) | null = null;
  let changed = new Promise<void>((r) => (wake = r));
  const notify = () => {
    const w = wake;
    changed = new Promise<void>((r) => (wake = r));
    w?.();
  };

  /** Asks the sampler for more; true when it added groups. */
  const ask = async (): Promise<'added' | 'wait' | 'done'> => {
    const history = await o.store.listTrials(o.sweepId);
    const next = o.sampler.next(history);
    if (next === 'wait' || next === 'done') return next;
    if (next.length === 0) return 'done';
    const records = await o.store.addTrials(o.sweepId, next);
    o.onAdded(records, next);
    const pending = next.filter((_, i) => records[i].status === 'pending');
    queue.push(...fuseGroups(pending, { contiguous: o.contiguous }));
    return 'added';
  };

  const lane = async (): Promise<void> => {
    while (!o.stopping()) {
      const group = queue.shift();
      if (group) {
        busy += 1;
        try {
          const retry = await o.runGroup(group);
          if (retry) queue.push(retry);
        } finally {
          busy -= 1;
          notify();
        }
        continue;
      }
      if (done) return;
      if (asking) {
        await changed;
        continue;
      }
      asking = true;
      let answer: 'added' | 'wait' | 'done';
      try {
        answer = await ask();
      } finally {
        asking = false;
      }
      if (answer === 'added') {
        notify();
        continue;
      }
      if (answer === 'done' || busy === 0) {
        // 'wait' with nothing running could never be answered: the search has nothing left.
        done = answer === 'done' || busy === 0;
        notify();
        if (done) return;
      }
      await changed;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, o.lanes) }, lane));
}
