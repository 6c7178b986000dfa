import { metricValue } from '../core/metrics.js';
import { rungEpochs } from '../planner/rungs.js';
import { FINAL_STATUSES, type PlannedTrial } from '../planner/trial.js';
import type { SweepSpec } from '../config/types.js';
import type { ResultStore, TrialRecord } from '../storage/store.js';
import { AshaPruner } from './asha-pruner.js';
import { noPruner, type Pruner } from './pruner.js';

/**
 * The sweep's early-termination policy. Values at rung epochs of trials that finished in
 * an earlier run are loaded, so a rerun makes the decisions the first run would have.
 */
export async function restorePruner(
  spec: SweepSpec, planned: readonly PlannedTrial[], all: readonly TrialRecord[], store: ResultStore,
): Promise<Pruner> {
  const et = spec.early_terminate;
  if (!et) return noPruner;
  const epochsOf = new Map(planned.map((t) => [t.idx, t.train.epochs]));
  const maxEpochs = Math.max(...planned.map((t) => t.train.epochs));
  const rungs = rungEpochs(et, maxEpochs);
  const pruner = new AshaPruner(rungs, et.eta, spec.metric.goal, (idx) => epochsOf.get(idx) ?? 0);
  for (const t of all) {
    if (!(FINAL_STATUSES as readonly string[]).includes(t.status)) continue;
    const byEpoch = new Map((await store.getEpochs(t.id)).map((m) => [m.epoch, m]));
    for (const r of rungs) {
      const m = byEpoch.get(r);
      if (m && r < (epochsOf.get(t.idx) ?? 0)) pruner.record(t.idx, r, metricValue(m, spec.metric.name));
    }
  }
  return pruner;
}
