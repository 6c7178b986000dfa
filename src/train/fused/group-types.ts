import type { PlannedTrial } from '../../planner/trial.js';
import type { EpochMetrics, EpochVerdict, TrialResult } from '../types.js';

/**
 * A fused group as the trainer receives it: `runs` are trained side by side as one stacked
 * model; each run is one or more trials identical except `epochs` (a shared epoch prefix),
 * sorted by epochs, trained to the largest count. Built by planner/fuse-groups.ts.
 */
export interface TrialGroup {
  runs: PlannedTrial[][];
}

/** Per-member callbacks and limits of a fused group (the group's counterpart of TrainOptions). */
export interface GroupTrainOptions {
  /**
   * A member trial finished `m`. Called for every live trial of every run at each epoch
   * boundary, all at once (a rung ask for every member, then the group continues with
   * the survivors); 'stop' ends that trial as `pruned`.
   */
  onEpoch?: (trial: PlannedTrial, m: EpochMetrics) => EpochVerdict | Promise<EpochVerdict>;
  /** A member trial is final (called once per trial, as soon as it is known). */
  onResult: (trial: PlannedTrial, result: TrialResult, seconds: number) => void;
  /** Checked between batches; true ends every unfinished member as `interrupted`. */
  shouldStop?: () => boolean;
  /** Wall-clock limit per trial; the group's limit is this times its run count. */
  timeLimitMs?: number;
  metric?: { name: string; goal: 'maximize' | 'minimize' };
}
