import { LOSS_AT_VARIANCE_MESSAGE, LOSS_AT_VARIANCE_RULE } from '../tasks/regression-warnings.js';
import { metricValue, type Goal } from '../core/metrics.js';
import type { TrialRecord } from '../storage/store.js';

export type { Goal } from '../core/metrics.js';

/** The value of a final metric of a trial, or null when it has none. */
export function finalMetric(t: TrialRecord, metric: string): number | null {
  return metricValue(t.final, metric);
}

/**
 * Trials that have the metric, best first. Completed and pruned trials rank; failed,
 * diverged, timed-out and unfinished trials never do (a diverged trial is never "best").
 * Ties keep plan order, so the ranking is deterministic.
 */
export function rankTrials(trials: TrialRecord[], metric: string, goal: Goal): TrialRecord[] {
  const sign = goal === 'maximize' ? -1 : 1;
  return trials
    .filter((t) => (t.status === 'completed' || t.status === 'pruned') && finalMetric(t, metric) !== null)
    .sort((a, b) => sign * (finalMetric(a, metric)! - finalMetric(b, metric)!) || a.idx - b.idx);
}

/** The warning that flags the seed's trap; its explanation is printed under tables. */
export const LOSS_AT_VARIANCE = 'loss_at_variance';
export const LOSS_AT_VARIANCE_NOTE =
  `! loss_at_variance: ${LOSS_AT_VARIANCE_MESSAGE} (${LOSS_AT_VARIANCE_RULE}). Try normalization: sample or feature.`;
