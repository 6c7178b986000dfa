import type { LoadedSpec } from '../config/types.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { ResultStore, SweepRecord, TrialRecord } from '../storage/store.js';

export interface OpenedRun {
  sweep: SweepRecord;
  resumed: boolean;
  /** Trials sent back to `pending` (expired leases, interrupted). */
  reclaimed: number;
  /** Trials whose results `--reuse` copied from another sweep. */
  reused: number;
  /** Every trial of the sweep, by idx, after reclaiming and reusing. */
  all: TrialRecord[];
}

/**
 * Opens (or resumes) the sweep and takes ownership for this process; then, as owner,
 * sends expired and interrupted trials back to `pending` and, with `reuse`, copies
 * results completed in any sweep onto pending trials with the same key. The caller
 * releases the sweep (it owns it once this resolves).
 */
export async function openRun(
  store: ResultStore, loaded: LoadedSpec, initial: readonly PlannedTrial[], o: { reuse: boolean; force: boolean },
): Promise<OpenedRun> {
  const { spec, source } = loaded;
  const { sweep, resumed } = await store.openSweep({
    name: spec.name,
    specYaml: source.yaml,
    specHash: source.hash,
    metric: spec.metric,
    trials: [...initial],
    force: o.force,
  });
  await store.acquireSweep(sweep.id, process.pid);
  const reclaimed = await store.reclaimExpired(sweep.id);
  let reused = 0;
  if (o.reuse) {
    for (const t of await store.listTrials(sweep.id, ['pending'])) {
      const prior = await store.findCompletedByKey(t.trial_key);
      if (prior && prior.id !== t.id) {
        await store.copyTrialResults(prior.id, t.id);
        reused += 1;
      }
    }
  }
  return { sweep, resumed, reclaimed, reused, all: await store.listTrials(sweep.id) };
}
