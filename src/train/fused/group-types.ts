import type { TrialGroup as PlannedGroup } from '../../planner/fuse-groups.js';
import type { PlannedTrial } from '../../planner/trial.js';
import type { EpochMetrics, EpochVerdict, TrialResult } from '../types.js';

/** A fused group as the trainer receives it: built by planner/fuse-groups.ts (only `runs` is read). */
export type TrialGroup = Pick<PlannedGroup, 'runs'>;

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
