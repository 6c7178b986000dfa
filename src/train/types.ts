import type { PlannedTrial } from '../planner/trial.js';
import type { EpochMetrics } from '../core/metrics.js';
import type { TrialResult } from '../core/results.js';
import type { Dataset } from '../core/dataset.js';
import type { TrialGroup as PlannedGroup } from '../planner/fuse-groups.js';

/**
 * The trainer's contract. The trainer is the only code that imports TensorFlow.js; the
 * runner, store and CLI see only these plain types (all structured-clone safe).
 */

/**
 * Metrics travel as named values (core/metrics.ts): an epoch's record holds every metric
 * the task measured (validation metrics in the ORIGINAL units, normalization undone);
 * final metrics add end-of-training statistics such as identity_hits. Names: core/metric-registry.ts.
 */
export type { EpochMetrics, FinalMetrics } from '../core/metrics.js';
export type { NormalizationStats, SavedWeights, TrialOutcome, TrialResult } from '../core/results.js';
export type { Dataset } from '../core/dataset.js';

/**
 * What an epoch callback may answer: nothing (go on) or 'stop' (end now as `pruned`).
 * May be async, so a pool worker can ask the main thread (successive halving rungs).
 */
export type EpochVerdict = void | 'continue' | 'stop';

export interface TrainOptions {
  onEpoch?: (m: EpochMetrics) => EpochVerdict | Promise<EpochVerdict>;
  /** Checked between batches; true ends the trial as `interrupted`. */
  shouldStop?: () => boolean;
  /** Wall-clock limit for the whole trial; exceeded ends it as `timeout`. */
  timeLimitMs?: number;
  /**
   * The sweep's metric (spec `metric`): picks `best_epoch` and drives
   * `early_stopping_patience`. Default {name: 'val_loss', goal: 'minimize'}, as Keras's EarlyStopping.
   */
  metric?: { name: string; goal: 'maximize' | 'minimize' };
}

export interface Trainer {
  readonly backend: string;
  train(trial: PlannedTrial, data: Dataset, options?: TrainOptions): Promise<TrialResult>;
  /**
   * Trains a fused group (planner/fuse-groups.ts made it: dense layers only, one
   * architecture, batch size, loss and optimizer type); every member trial is reported
   * through options.onResult, each as its solo run would be (see fused/train-group.ts).
   */
  trainGroup(group: FusedGroup, data: Dataset, options: GroupTrainOptions): Promise<void>;
}

/** A fused group as the trainer receives it: built by planner/fuse-groups.ts (only `runs` is read). */
export type FusedGroup = Pick<PlannedGroup, 'runs'>;

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
