import { LOSS_AT_VARIANCE_MESSAGE, LOSS_AT_VARIANCE_RULE } from '../tasks/regression-warnings.js';
import { MAJORITY_CLASS_MESSAGE, MAJORITY_CLASS_RULE } from '../tasks/classification-warnings.js';
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

/** The classification twin of loss_at_variance. */
export const MAJORITY_CLASS = 'majority_class';
export const MAJORITY_CLASS_NOTE =
  `! majority_class: ${MAJORITY_CLASS_MESSAGE} (${MAJORITY_CLASS_RULE}). Try normalization: feature, a smaller learning_rate, or more epochs.`;

/** Every warning that marks a trial with `!`, and the note printed once under a table that shows one. */
export const FLAG_NOTES: Readonly<Record<string, string>> = {
  [LOSS_AT_VARIANCE]: LOSS_AT_VARIANCE_NOTE,
  [MAJORITY_CLASS]: MAJORITY_CLASS_NOTE,
};

/** The trial's warnings that flag it (`!`), in FLAG_NOTES order. */
export function flagsOf(t: Pick<TrialRecord, 'warnings'>): string[] {
  return Object.keys(FLAG_NOTES).filter((f) => t.warnings.includes(f));
}

/** The notes for the flags some trials carry, once each, in FLAG_NOTES order. */
export function flagNotes(trials: Iterable<Pick<TrialRecord, 'warnings'>>): string[] {
  const seen = new Set<string>();
  for (const t of trials) for (const f of flagsOf(t)) seen.add(f);
  return Object.keys(FLAG_NOTES).filter((f) => seen.has(f)).map((f) => FLAG_NOTES[f]);
}
