import type { PlannedTrial } from '../planner/trial.js';
import type { TrialRecord } from '../storage/store.js';

/**
 * The search seam, beside the pruner: a sampler decides which trials a sweep trains.
 * The runner takes `initial()` when the sweep opens, and asks `next()` whenever it has
 * no trial left to start; a sweep so gains trials as it runs (ResultStore.addTrials).
 *
 * Determinism: what `next` returns may depend only on the trials it is shown, and a
 * sampler that learns from results must decide at fixed index boundaries (answer
 * 'wait' until every trial below the boundary is final), so decisions do not depend on
 * the worker count and a rerun after a kill makes the same ones.
 */
export interface Sampler {
  /** Trials that need no results (the whole plan for grid and random), indices 0..n-1. Pure. */
  initial(): PlannedTrial[];
  /**
   * `history`: every trial of the sweep so far, ordered by idx, with status and final
   * metrics. Returns trials to add (indices from history.length on), 'wait' (a decision
   * needs a trial that is still running), or 'done'.
   */
  next(history: readonly TrialRecord[]): PlannedTrial[] | 'wait' | 'done';
}
