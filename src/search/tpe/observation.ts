/**
 * One finished trial as TPE sees it. Observations are given in trial order (oldest first):
 * the kernel weights fade the oldest ones once there are more than 25 in a set.
 */
export interface Observation {
  /**
   * Internal parameter values by name (float/int value, or category index). A missing name,
   * or a value outside its domain (the domain changed since), leaves this observation out
   * of that parameter's estimators (univariate) or of the joint one (multivariate).
   */
  readonly params: Readonly<Record<string, number>>;
  /**
   * The objective, in the goal's direction (see TpeOptions.goal). null when the trial failed
   * or diverged; a non-finite number counts as null. Such a trial is always among the bad.
   */
  readonly value: number | null;
  /**
   * Set only for a pruned trial: the rung (step, epoch) it reached, `value` being its
   * metric there. Absent for a completed trial.
   */
  readonly step?: number;
}
